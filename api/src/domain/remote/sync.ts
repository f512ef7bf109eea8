/**
 * One linked page brought in line with its posts elsewhere: each reply created through the one comment
 * service (nested under its parent's comment), edits applied, and replies gone at the source hidden —
 * only for a source whose every post was read, so a failed fetch hides nothing.
 */
import type { SiteItem } from '../../store/items.js';
import type { StoredComment } from '../../store/private.js';
import type { RemoteLinksItem, RemotePost } from '../../store/remote-links.js';
import { type CommentEnv, createComment } from '../comment/create.js';
import { remoteCommentId } from '../comment/remote.js';
import { Refusal } from '../failure.js';
import { removeRemoteComment, updateRemoteComment } from './apply.js';
import { fetchBluesky, parsePostUrl, postUri } from './bluesky.js';
import { fetchMastodon, parseStatusUrl } from './mastodon.js';
import { type OutboundEnv, RemoteFetchError, type RemoteReply, type RemoteThread } from './thread.js';

export interface RemoteEnv extends CommentEnv {
  outbound: OutboundEnv;
  /** Bluesky's public AppView (config.blueskyApiUrl). */
  blueskyApi: string;
}

export interface SyncCounts {
  created: number;
  updated: number;
  removed: number;
  /** Replies the site's rules refused (a banned account, spam). */
  refused: number;
  failed: number;
}

/** Reads one post's replies; a Bluesky post's at:// URI is resolved once and kept on the post. */
async function fetchPost(env: RemoteEnv, post: RemotePost): Promise<RemoteThread> {
  if (post.source === 'mastodon') {
    const ref = parseStatusUrl(post.url);
    if (!ref) throw new RemoteFetchError('not a Mastodon status URL');
    return fetchMastodon(ref, env.outbound);
  }
  if (!post.uri) {
    const ref = parsePostUrl(post.url);
    if (!ref) throw new RemoteFetchError('not a Bluesky post URL');
    post.uri = await postUri(ref, env.blueskyApi, env.outbound);
  }
  return fetchBluesky(post.uri, env.blueskyApi, env.outbound);
}

/** Creates a reply not seen before, or applies an edit; a reply the site refuses is counted, not fatal. */
async function applyReply(
  env: RemoteEnv,
  site: SiteItem,
  page: string,
  reply: RemoteReply,
  known: Map<string, StoredComment>,
  counts: SyncCounts,
) {
  const id = remoteCommentId(env.secret, site.id, reply.remote);
  const existing = known.get(id);
  if (existing) {
    try {
      const next = await updateRemoteComment(env, existing, reply);
      if (next !== existing) counts.updated++;
    } catch (err) {
      // An edit the site refuses (the account banned since) leaves the comment as it was.
      if (!(err instanceof Refusal)) throw err;
      counts.refused++;
    }
    return;
  }
  const parentId = reply.remote.parentRemoteId
    ? remoteCommentId(env.secret, site.id, {
        source: reply.remote.source,
        remoteId: reply.remote.parentRemoteId,
      })
    : null;
  try {
    const made = await createComment(env, {
      source: reply.remote.source,
      site,
      page,
      parentId: parentId && known.has(parentId) ? parentId : null,
      body: { html: reply.html, ...(reply.text !== undefined ? { text: reply.text } : {}) },
      author: { name: reply.name },
      remote: reply.remote,
      createdAt: reply.createdAt,
    });
    known.set(id, made.comment);
    if (made.created) counts.created++;
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    counts.refused++;
  }
}

/** Brings the page's remote replies in line with its posts (mutating `links.posts`' uri and error). */
export async function syncPage(env: RemoteEnv, site: SiteItem, links: RemoteLinksItem): Promise<SyncCounts> {
  const counts: SyncCounts = { created: 0, updated: 0, removed: 0, refused: 0, failed: 0 };
  const stored = await env.store.threads.all(site.id, links.page, false, undefined, true);
  const known = new Map(stored.filter((c) => c.remote).map((c) => [c.id, c]));
  const seen = new Set<string>();
  const complete = new Map<string, boolean>();
  for (const post of links.posts) {
    let thread: RemoteThread;
    try {
      thread = await fetchPost(env, post);
      delete post.error;
    } catch (err) {
      post.error = (err as Error).message.slice(0, 300);
      complete.set(post.source, false);
      counts.failed++;
      continue;
    }
    if (!complete.has(post.source)) complete.set(post.source, true);
    if (thread.gone) continue;
    // A capped answer: what it left out is not gone.
    if (thread.partial) complete.set(post.source, false);
    for (const reply of thread.replies) {
      seen.add(remoteCommentId(env.secret, site.id, reply.remote));
      await applyReply(env, site, links.page, reply, known, counts);
    }
  }
  for (const c of known.values()) {
    const source = c.remote?.source;
    if (!source || complete.get(source) !== true || seen.has(c.id) || c.status === 'deleted') continue;
    await removeRemoteComment(env, c);
    counts.removed++;
  }
  return counts;
}
