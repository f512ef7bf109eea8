/** Everything one author (by author key) wrote on a site, to export or erase: for a moderator's GDPR requests and a reader's own. */

import { StatusConflictError } from '../store/comments.js';
import type { CommentItem } from '../store/items.js';

/** An export holds at most this many comments of one author. */
export const AUTHOR_EXPORT_CAP = 20_000;

/** The author's comments on the site, oldest first, page by page up to AUTHOR_EXPORT_CAP. */
export async function authorComments(store: Store, site: string, authorHash: string): Promise<CommentItem[]> {
  const comments: CommentItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.authors.comments(site, authorHash, start);
    comments.push(...page.comments);
    start = page.next;
  } while (start && comments.length < AUTHOR_EXPORT_CAP);
  return comments;
}

import type { Store } from '../store/index.js';

/**
 * Deletes and wipes each of the author's comments (a replied-to one stays as a placeholder), page counts
 * kept right by the store; stops early (`complete: false`) once `more()` says the time is up.
 */
export async function eraseAuthor(
  store: Store,
  site: string,
  authorHash: string,
  now: () => Date,
  more: () => boolean = () => true,
): Promise<{ erased: number; complete: boolean }> {
  let erased = 0;
  for (;;) {
    // Erased comments leave the author index, so the first page is read again each round.
    const { comments } = await store.authors.comments(site, authorHash);
    if (comments.length === 0) return { erased, complete: true };
    for (const item of comments) {
      const placeholder = await store.threads.hasReplies(item);
      try {
        await store.comments.setStatus(item, 'deleted', now().toISOString(), { placeholder, wipe: true });
        erased++;
      } catch (err) {
        if (!(err instanceof StatusConflictError)) throw err;
      }
    }
    if (!more()) return { erased, complete: false };
  }
}
