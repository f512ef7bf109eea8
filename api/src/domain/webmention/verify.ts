/**
 * Verifying a queued Webmention (W3C Recommendation, 3.2.2), in the background: the source fetched
 * through the outbound guard; a 410 or a source no longer linking to the target removes what it made; an
 * h-entry replying to the target becomes (or updates) a comment through the one comment service; a like or
 * repost is counted on the page; a mere mention is recorded and shows nothing.
 */

import type { CommentItem, SiteItem } from '../../store/items.js';
import type { MentionKind, WebmentionItem, WebmentionOutcome } from '../../store/webmentions.js';
import { type CommentEnv, createComment } from '../comment/create.js';
import { remoteCommentId } from '../comment/remote.js';
import { escapeHtml } from '../escape.js';
import { Refusal } from '../failure.js';
import { fetchPublic, OutboundRefused, type Resolve } from '../outbound.js';
import { removeRemoteComment, updateRemoteComment } from '../remote/apply.js';
import { keyedHash } from '../tokens.js';
import { linksTo, readEntry, type SourceEntry } from './source.js';

export interface VerifyEnv extends CommentEnv {
  outbound: { allow: readonly string[]; resolve?: Resolve | undefined };
}

/** A source page is read up to 1 MB, within 10 s, through at most 5 redirects. */
export const SOURCE_LIMITS = { maxBytes: 1024 * 1024, timeoutMs: 10_000, maxRedirects: 5 };

const HTML = /^\s*(text\/html|application\/xhtml\+xml)\b/i;

/** Verifies `w` and records the outcome on it; returns the outcome. */
export async function verifyWebmention(env: VerifyEnv, w: WebmentionItem): Promise<WebmentionOutcome> {
  const outcome = await outcomeOf(env, w);
  await env.store.webmentions.settle(w.id, outcome, env.now().toISOString());
  return outcome;
}

async function outcomeOf(env: VerifyEnv, w: WebmentionItem): Promise<WebmentionOutcome> {
  const site = await env.store.sites.get(w.site);
  if (!site?.remote?.webmention) return refused('the site accepts no Webmentions');
  let answer: Awaited<ReturnType<typeof fetchPublic>>;
  try {
    answer = await fetchPublic(w.source, {
      ...SOURCE_LIMITS,
      allow: env.outbound.allow,
      ...(env.outbound.resolve ? { resolve: env.outbound.resolve } : {}),
      accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1',
    });
  } catch (err) {
    if (err instanceof OutboundRefused) return refused(`the source may not be fetched: ${err.message}`);
    return { status: 'failed', reason: `the source could not be fetched: ${(err as Error).message}` };
  }
  const target = new URL(w.target);
  const had = await existing(env, site, w);
  if (answer.status === 410) {
    await undo(env, w, had);
    return { status: 'accepted', result: 'removed' };
  }
  if (answer.status < 200 || answer.status >= 300) return refused(`the source answered ${answer.status}`);
  const html = HTML.test(answer.headers['content-type'] ?? '');
  const linked = html ? linksTo(answer.body, answer.url, target) : answer.body.includes(target.href);
  if (!linked) {
    const removed = await undo(env, w, had);
    return {
      ...refused('the source does not link to the target'),
      ...(removed ? { result: 'removed' } : {}),
    };
  }
  const entry: SourceEntry = html
    ? readEntry(answer.body, answer.url, target)
    : { kind: 'mention', author: {} };
  if (entry.kind !== 'reply') {
    if (had) await removeRemoteComment(env, had);
    await mention(env, w, entry.kind === 'mention' ? undefined : entry.kind);
    return { status: 'accepted', result: entry.kind };
  }
  await mention(env, w, undefined);
  try {
    const comment = await reply(env, site, w, entry, had);
    return { status: 'accepted', result: 'reply', commentId: comment.id };
  } catch (err) {
    if (err instanceof Refusal) return refused(`${err.code}: ${err.message}`);
    throw err;
  }
}

const refused = (reason: string): WebmentionOutcome => ({ status: 'refused', reason });

/** The comment an earlier Webmention from this source made on this page, if any. */
async function existing(env: VerifyEnv, site: SiteItem, w: WebmentionItem) {
  const id = remoteCommentId(env.secret, site.id, { source: 'webmention', remoteId: w.source });
  const c = await env.store.comments.read(id);
  return c && c.site === site.id && c.page === w.page && c.remote ? c : undefined;
}

/** Undoes what the source made (its comment, its like or repost); true when there was something. */
async function undo(env: VerifyEnv, w: WebmentionItem, had: CommentItem | undefined): Promise<boolean> {
  const before = await env.store.webmentions.mention(w.site, w.page, sourceHash(env, w));
  await mention(env, w, undefined);
  if (had && had.status !== 'deleted') await removeRemoteComment(env, had);
  return before !== undefined || (had !== undefined && had.status !== 'deleted');
}

const sourceHash = (env: VerifyEnv, w: WebmentionItem) => keyedHash(env.secret, 'wm-source', w.source);

function mention(env: VerifyEnv, w: WebmentionItem, kind: MentionKind | undefined) {
  return env.store.webmentions.setMention(
    { site: w.site, page: w.page, source: w.source, sourceHash: sourceHash(env, w) },
    kind,
    env.now().toISOString(),
  );
}

/**
 * The link to the original: the source itself when it is https (in production always: the guard fetches
 * nothing else), else the entry's own https permalink (an allow-listed test host serves plain http).
 */
function originalUrl(source: string, entry: SourceEntry): string | undefined {
  if (source.startsWith('https://')) return source;
  return entry.url?.startsWith('https://') ? entry.url : undefined;
}

async function reply(
  env: VerifyEnv,
  site: SiteItem,
  w: WebmentionItem,
  entry: SourceEntry,
  had: CommentItem | undefined,
): Promise<CommentItem> {
  const html = entry.html ?? '';
  const body = {
    html: html || `<p>${escapeHtml(entry.text ?? '')}</p>`,
    ...(entry.text ? { text: entry.text } : {}),
  };
  if (had)
    return updateRemoteComment(env, had, { ...body, editedAt: entry.updated ?? env.now().toISOString() });
  const url = originalUrl(w.source, entry);
  if (!url) throw new Refusal('invalid_input', 'the source has no https link to show');
  const profile = entry.author.url?.startsWith('https://') ? entry.author.url : undefined;
  const host = profile ? new URL(profile).host : new URL(w.source).host;
  const { comment } = await createComment(env, {
    source: 'webmention',
    site,
    page: w.page,
    body,
    author: { name: entry.author.name ?? host },
    remote: { source: 'webmention', remoteId: w.source, url, handle: host, ...(profile ? { profile } : {}) },
    ...(entry.published ? { createdAt: entry.published } : {}),
    url: w.target,
  });
  return comment;
}
