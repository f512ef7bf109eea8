/**
 * One author's history on a site, for moderators: their comments (found by keyed email hash on the author
 * index), counts by status, first and last seen, whether their address is confirmed, and the site's note.
 */

import type { AuthorNoteItem } from '../store/author-notes.js';
import type { Store } from '../store/index.js';
import { COMMENT_STATUSES, type CommentItem, type CommentStatus } from '../store/items.js';
import { Refusal } from './failure.js';

/** Most comments read for the counts; an author past this shows `more`. */
export const HISTORY_READ = 1000;
/** Most comments listed, newest first. */
export const HISTORY_LISTED = 200;

export interface AuthorHistory {
  /** `none`: the comment has no email, so its author cannot be found elsewhere (there is no client index). */
  key: 'email' | 'none';
  comments: CommentItem[];
  counts: Record<CommentStatus, number>;
  total: number;
  firstSeen: string;
  lastSeen: string;
  more: boolean;
  confirmed: boolean;
  note: AuthorNoteItem | undefined;
}

/** Everything the author of `c` wrote on c's site (up to HISTORY_READ), through the author index. */
async function authorComments(store: Store, c: CommentItem): Promise<{ all: CommentItem[]; more: boolean }> {
  if (!c.emailHash) return { all: [c], more: false };
  const all: CommentItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.authors.comments(c.site, c.emailHash, start, 100);
    all.push(...page.comments.filter((x) => x.site === c.site && x.emailHash === c.emailHash));
    start = page.next;
  } while (start && all.length < HISTORY_READ);
  if (!all.some((x) => x.id === c.id)) all.push(c);
  return { all, more: start !== undefined };
}

export async function authorHistory(store: Store, c: CommentItem): Promise<AuthorHistory> {
  const [{ all, more }, sub, note] = await Promise.all([
    authorComments(store, c),
    c.emailHash ? store.subscriptions.get(c.site, c.emailHash) : undefined,
    c.emailHash ? store.authorNotes.get(c.site, 'email', c.emailHash) : undefined,
  ]);
  const counts = Object.fromEntries(COMMENT_STATUSES.map((s) => [s, 0])) as Record<CommentStatus, number>;
  for (const x of all) counts[x.status]++;
  const newest = [...all].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  return {
    key: c.emailHash ? 'email' : 'none',
    comments: newest.slice(0, HISTORY_LISTED),
    counts,
    total: all.length,
    firstSeen: newest[newest.length - 1]!.createdAt,
    lastSeen: newest[0]!.createdAt,
    more: more || newest.length > HISTORY_LISTED,
    confirmed: sub?.verified === true && !sub.unsubscribedAt,
    note,
  };
}

/** Replaces the site's note on the author of `c` (empty text removes it). */
export async function saveAuthorNote(
  store: Store,
  c: CommentItem,
  note: { text: string; by: string; at: string },
): Promise<AuthorNoteItem | undefined> {
  if (!c.emailHash)
    throw new Refusal('conflict', 'this comment has no email: there is no author to keep a note on');
  return store.authorNotes.put(c.site, 'email', c.emailHash, { ...note, text: note.text.trim() });
}
