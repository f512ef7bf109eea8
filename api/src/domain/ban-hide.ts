/**
 * A ban's "hide past comments": the author's visible and waiting comments on the site move to `spam`
 * (hidden from every reader, out of the queue) by the status change moderators make, which keeps page
 * counts right; the ban records which ones and the status each had, and an unban's `restore` puts back
 * exactly those still hidden by it.
 */
import type { Flag } from '../contract/flags.js';
import { CommentGoneError, StatusConflictError } from '../store/comments.js';
import type { Store } from '../store/index.js';
import type { BanItem, CommentItem } from '../store/items.js';

/** Most past comments one ban hides (the author index read in pages of 100). */
export const HIDE_CAP = 500;

export type Hidden = NonNullable<BanItem['hidden']>;

/** A comment changed since it was read (by a moderator, its author, an erase): left as they left it. */
const changedMeanwhile = (err: unknown) =>
  err instanceof StatusConflictError || err instanceof CommentGoneError;

/** The author's approved and pending comments on the site (by keyed email hash), up to the cap. */
export async function pastComments(
  store: Pick<Store, 'authors'>,
  site: string,
  emailHash: string,
): Promise<CommentItem[]> {
  const out: CommentItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.authors.comments(site, emailHash, start, 100);
    for (const c of page.comments)
      if (c.site === site && (c.status === 'approved' || c.status === 'pending')) out.push(c);
    start = page.next;
  } while (start && out.length < HIDE_CAP);
  return out.slice(0, HIDE_CAP);
}

const withBanned = (c: CommentItem): Flag[] => [
  ...((c.spamReasons ?? []) as Flag[]).filter((f) => f !== 'banned'),
  'banned',
];

/**
 * Hides each comment (a comment changed meanwhile is left as it is) and answers those it hid with the
 * status each had. Each carries the `banned` flag while hidden: what tells a restore it is still the ban's.
 */
export async function hideComments(store: Pick<Store, 'comments'>, comments: CommentItem[], now: string) {
  const hidden: Hidden = [];
  for (const c of comments) {
    try {
      await store.comments.setStatus(c, 'spam', now, { extra: { spamReasons: withBanned(c) } });
      hidden.push({ id: c.id, from: c.status });
    } catch (err) {
      if (!changedMeanwhile(err)) throw err;
    }
  }
  return hidden;
}

/**
 * Puts back what a ban hid: each comment still hidden by it (spam with the `banned` flag) returns to the
 * status it had, without the flag; one a moderator moved since is left alone. Answers how many.
 */
export async function restoreHidden(
  store: Pick<Store, 'comments'>,
  site: string,
  hidden: Hidden,
  now: string,
): Promise<number> {
  let restored = 0;
  for (const h of hidden) {
    const c = await store.comments.read(h.id);
    if (!c || c.site !== site || c.status !== 'spam' || !c.spamReasons?.includes('banned')) continue;
    const flags = c.spamReasons.filter((f) => f !== 'banned');
    try {
      await store.comments.setStatus(c, h.from, now, { extra: { spamReasons: flags } });
      restored++;
    } catch (err) {
      if (!changedMeanwhile(err)) throw err;
    }
  }
  return restored;
}
