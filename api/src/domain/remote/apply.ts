/**
 * Changes at the source of a remote reply: an edit replaces its text (through the one sanitizer and the
 * site's rules: an edit never lifts a hold); a deletion there hides it here. Both are no-ops when nothing changed.
 */
import type { CommentItem } from '../../store/items.js';
import type { StoredComment } from '../../store/private.js';
import type { CommentEnv } from '../comment/create.js';
import { prepareBody } from '../comment/prepare.js';
import { remoteCreatedAt, remoteIdentity } from '../comment/remote.js';
import { decideStatus } from '../comment/status.js';

export interface RemoteEdit {
  html: string;
  text?: string | undefined;
  /** When it was edited at the source. */
  editedAt?: string | undefined;
}

/** Replaces a remote reply's text when it changed at the source; a removed comment stays removed. */
export async function updateRemoteComment<T extends StoredComment>(
  env: CommentEnv,
  comment: T,
  edit: RemoteEdit,
): Promise<T> {
  const remote = comment.remote;
  if (!remote) throw new Error('updateRemoteComment: not a remote reply');
  if (comment.status === 'deleted') return comment;
  const site = await env.store.sites.get(comment.site);
  if (!site) return comment;
  const { body, html } = prepareBody({ html: edit.html, text: edit.text }, site.maxBodyLength);
  if (html === comment.html) return comment;
  const decision = await decideStatus(
    env,
    site,
    remote.source,
    {
      id: comment.id,
      page: comment.page,
      body,
      name: comment.authorName,
      emailHash: comment.emailHash,
      ipHash: remoteIdentity(env.secret, remote).ipHash,
      website: comment.authorWebsite,
      client: { ip: '', userAgent: '' },
      edit: true,
      remote: true,
    },
    comment.status,
  );
  const at = remoteCreatedAt(edit.editedAt, env.now());
  // A remote reply has no address or client of its own: the page's item is all the edit needs.
  const next = await env.store.comments.edit(comment as unknown as CommentItem, body, html, at, {
    status: decision.status,
    spamReasons: decision.reasons,
  });
  return next as unknown as T;
}

/** Hides a remote reply gone at its source (a placeholder when it has replies, as a moderator's delete). */
export async function removeRemoteComment<T extends StoredComment>(env: CommentEnv, comment: T): Promise<T> {
  if (!comment.remote) throw new Error('removeRemoteComment: not a remote reply');
  if (comment.status === 'deleted') return comment;
  const c = comment as unknown as CommentItem;
  const placeholder = await env.store.threads.hasReplies(c);
  const next = await env.store.comments.setStatus(c, 'deleted', env.now().toISOString(), {
    placeholder,
    extra: { removedAtSource: true },
  });
  return next as unknown as T;
}
