/**
 * Replies to a Bluesky post: the public AppView's `app.bsky.feed.getPostThread` (the replies tree;
 * `record.text` with its facets turned into links), a handle resolved to its DID with
 * `com.atproto.identity.resolveHandle`, through the outbound guard.
 */
import { escapeHtml } from '../escape.js';
import {
  getJson,
  isObject,
  type OutboundEnv,
  RemoteFetchError,
  type RemoteReply,
  type RemoteThread,
  str,
} from './thread.js';

/** Where links to posts and profiles point (the original, for readers). */
const WEB = 'https://bsky.app';

export interface PostRef {
  /** A handle or a DID, as the URL names the author. */
  actor: string;
  rkey: string;
}

/** A post URL (`https://bsky.app/profile/<handle|did>/post/<rkey>`) or an at:// URI → author and record key. */
export function parsePostUrl(raw: string): PostRef | undefined {
  const at = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([A-Za-z0-9._~:-]{1,512})$/.exec(raw);
  if (at) return { actor: at[1]!, rkey: at[2]! };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const m = /^\/profile\/([^/]+)\/post\/([A-Za-z0-9._~:-]{1,512})\/?$/.exec(url.pathname);
  if (url.protocol !== 'https:' || !m) return undefined;
  const actor = decodeURIComponent(m[1]!);
  return /^(did:[a-z]+:[A-Za-z0-9._:%-]+|[A-Za-z0-9.-]+)$/.test(actor) ? { actor, rkey: m[2]! } : undefined;
}

/** The post's at:// URI: a handle is resolved to its DID first. */
export async function postUri(ref: PostRef, api: string, out: OutboundEnv): Promise<string> {
  if (ref.actor.startsWith('did:')) return `at://${ref.actor}/app.bsky.feed.post/${ref.rkey}`;
  const { status, json } = await getJson(
    `${api}/xrpc/com.atproto.identity.resolveHandle?handle=${encodeURIComponent(ref.actor)}`,
    out,
  );
  const did = isObject(json) ? str(json.did) : undefined;
  if (status !== 200 || !did?.startsWith('did:'))
    throw new RemoteFetchError(`the handle ${ref.actor} did not resolve (${status})`);
  return `at://${did}/app.bsky.feed.post/${ref.rkey}`;
}

type Facet = { start: number; end: number; href: string };

/** The facets that are links, mentions or tags, as byte ranges of the UTF-8 text with their targets. */
function facetsOf(raw: unknown): Facet[] {
  if (!Array.isArray(raw)) return [];
  const out: Facet[] = [];
  for (const f of raw) {
    if (!isObject(f) || !isObject(f.index) || !Array.isArray(f.features)) continue;
    const { byteStart: start, byteEnd: end } = f.index;
    if (typeof start !== 'number' || typeof end !== 'number' || start < 0 || end <= start) continue;
    const feature = f.features.find(isObject);
    const kind = str(feature?.$type);
    const href =
      kind === 'app.bsky.richtext.facet#link'
        ? str(feature?.uri)
        : kind === 'app.bsky.richtext.facet#mention' && str(feature?.did)
          ? `${WEB}/profile/${encodeURIComponent(str(feature?.did)!)}`
          : kind === 'app.bsky.richtext.facet#tag' && str(feature?.tag)
            ? `${WEB}/hashtag/${encodeURIComponent(str(feature?.tag)!)}`
            : undefined;
    if (href && /^https?:\/\//i.test(href)) out.push({ start, end, href });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Plain text with facets → HTML: escaped text, facet ranges as links, line breaks kept (the sanitizer follows). */
export function textToHtml(text: string, facets: unknown): string {
  const bytes = Buffer.from(text, 'utf8');
  const part = (a: number, b: number) => escapeHtml(bytes.subarray(a, b).toString('utf8'));
  let html = '';
  let at = 0;
  for (const f of facetsOf(facets)) {
    if (f.start < at || f.end > bytes.length) continue;
    html += `${part(at, f.start)}<a href="${escapeHtml(f.href)}">${part(f.start, f.end)}</a>`;
    at = f.end;
  }
  html += part(at, bytes.length);
  return html
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** One reply of the tree, or undefined for a post that is not there (deleted, blocked). */
function replyOf(node: unknown, parentUri: string | undefined): RemoteReply | undefined {
  if (!isObject(node) || !isObject(node.post)) return undefined;
  const { post } = node;
  const uri = str(post.uri);
  const record = isObject(post.record) ? post.record : undefined;
  const author = isObject(post.author) ? post.author : undefined;
  const handle = str(author?.handle);
  const text = typeof record?.text === 'string' ? record.text : undefined;
  const createdAt = str(record?.createdAt) ?? str(post.indexedAt);
  if (!uri || !record || text === undefined || !handle || !createdAt) return undefined;
  const rkey = uri.split('/').at(-1)!;
  const indexedAt = str(post.indexedAt);
  return {
    remote: {
      source: 'bluesky',
      remoteId: uri,
      url: `${WEB}/profile/${encodeURIComponent(handle)}/post/${encodeURIComponent(rkey)}`,
      handle: `@${handle}`,
      profile: `${WEB}/profile/${encodeURIComponent(handle)}`,
      ...(parentUri ? { parentRemoteId: parentUri } : {}),
    },
    name: str(author?.displayName) ?? handle,
    html: textToHtml(text, record.facets),
    text,
    createdAt,
    ...(indexedAt ? { editedAt: indexedAt } : {}),
  };
}

/** Walks the replies tree depth first: parents before children, the tree as at the source. */
function walk(node: unknown, parentUri: string | undefined, out: RemoteReply[], depth: number) {
  if (!isObject(node) || !Array.isArray(node.replies) || depth > 100) return;
  for (const child of node.replies) {
    const reply = replyOf(child, parentUri);
    if (!reply) continue;
    out.push(reply);
    walk(child, reply.remote.remoteId, out, depth + 1);
  }
}

/** The post's replies (`uri`: its at:// URI); `gone` when the AppView no longer has the post. */
export async function fetchBluesky(uri: string, api: string, out: OutboundEnv): Promise<RemoteThread> {
  const { status, json } = await getJson(
    `${api}/xrpc/app.bsky.feed.getPostThread?uri=${encodeURIComponent(uri)}&depth=100&parentHeight=0`,
    out,
  );
  const thread = isObject(json) ? json.thread : undefined;
  const notFound =
    (status === 400 && isObject(json) && json.error === 'NotFound') ||
    (isObject(thread) && thread.$type === 'app.bsky.feed.defs#notFoundPost');
  if (notFound || status === 404 || status === 410) return { gone: true };
  if (status !== 200 || !isObject(thread) || !isObject(thread.post))
    throw new RemoteFetchError(`the Bluesky AppView answered ${status} for the post's thread`);
  const replies: RemoteReply[] = [];
  walk(thread, undefined, replies, 0);
  return { gone: false, replies };
}
