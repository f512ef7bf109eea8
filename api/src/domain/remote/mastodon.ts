/**
 * Replies to a Mastodon status: the instance's public `GET /api/v1/statuses/:id/context` (its
 * descendants, each parent by `in_reply_to_id`), public and unlisted statuses only, through the outbound guard.
 */
import { escapeHtml } from '../escape.js';
import {
  getJson,
  isObject,
  type OutboundEnv,
  parentsFirst,
  RemoteFetchError,
  type RemoteReply,
  type RemoteThread,
  str,
} from './thread.js';

export interface StatusRef {
  /** `https://instance` (or an allow-listed origin in tests). */
  origin: string;
  id: string;
}

/** A status URL (`https://host/@user/123`, `/users/user/statuses/123`) → its instance and id; undefined if not one. */
export function parseStatusUrl(raw: string): StatusRef | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const parts = url.pathname.split('/').filter(Boolean);
  const id = parts.at(-1);
  const before = parts.at(-2);
  if (!id || !/^[0-9A-Za-z]{1,40}$/.test(id) || !before) return undefined;
  if (!before.startsWith('@') && before !== 'statuses') return undefined;
  return { origin: url.origin, id };
}

/** One status of the context as a reply, or undefined when it is not a public reply to show. */
function replyOf(s: unknown, ref: StatusRef, host: string): RemoteReply | undefined {
  if (!isObject(s) || !isObject(s.account)) return undefined;
  const id = str(s.id);
  const url = str(s.url) ?? str(s.uri);
  const createdAt = str(s.created_at);
  if (!id || !url || !createdAt || s.reblog) return undefined;
  if (s.visibility !== 'public' && s.visibility !== 'unlisted') return undefined;
  const a = s.account;
  const acct = str(a.acct) ?? str(a.username);
  // A local account's acct has no domain: its home is its profile's host, else the instance's.
  const home = URL.canParse(str(a.url) ?? '') ? new URL(str(a.url)!).host : host;
  const parent = str(s.in_reply_to_id);
  const spoiler = str(s.spoiler_text);
  const content = str(s.content) ?? '';
  const editedAt = str(s.edited_at);
  return {
    remote: {
      source: 'mastodon',
      remoteId: id,
      url,
      ...(acct ? { handle: acct.includes('@') ? `@${acct}` : `@${acct}@${home}` } : {}),
      ...(str(a.url) ? { profile: str(a.url) } : {}),
      ...(parent && parent !== ref.id ? { parentRemoteId: parent } : {}),
    },
    name: str(a.display_name) ?? acct ?? 'Mastodon user',
    // A content warning stays in front of the text, as the instance shows it.
    html: spoiler ? `<p><strong>${escapeHtml(spoiler)}</strong></p>${content}` : content,
    createdAt,
    ...(editedAt ? { editedAt } : {}),
  };
}

/**
 * Mastodon answers anonymous context requests with at most 60 descendants (and 20 levels): an answer
 * that full may have left replies out.
 */
export const ANONYMOUS_DESCENDANTS = 60;

/** The status's replies; `gone` when the instance says it no longer exists. */
export async function fetchMastodon(ref: StatusRef, out: OutboundEnv): Promise<RemoteThread> {
  const { status, json } = await getJson(
    `${ref.origin}/api/v1/statuses/${encodeURIComponent(ref.id)}/context`,
    out,
  );
  if (status === 404 || status === 410) return { gone: true };
  if (status !== 200 || !isObject(json) || !Array.isArray(json.descendants))
    throw new RemoteFetchError(`${new URL(ref.origin).host} answered ${status} for the status's context`);
  const host = new URL(ref.origin).host;
  const replies = json.descendants
    .map((s) => replyOf(s, ref, host))
    .filter((r): r is RemoteReply => r !== undefined);
  const partial = json.descendants.length >= ANONYMOUS_DESCENDANTS;
  return { gone: false, replies: parentsFirst(replies), ...(partial ? { partial } : {}) };
}
