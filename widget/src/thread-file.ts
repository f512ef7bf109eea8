/** The thread from its published file (issue 14): read with the ETag, then sorted and paged in the browser as the API would. */
import { base64url, type ThreadFile, threadFile } from '../../api/src/contract/files.js';
import type { Comment, Options, Sort, Thread } from './api.js';

export type { ThreadFile };

/** The file is read again this often while the thread is in view, doubling while unchanged up to LIVE_MAX_MS. */
export const LIVE_MS = 15_000;
export const LIVE_MAX_MS = 300_000;

/** The wait before the next read: back to the first (`live`, else LIVE_MS) on a change, else twice as long, capped. */
export const nextWait = (wait: number, changed: boolean, live = LIVE_MS) =>
  changed ? live : Math.min(wait * 2, LIVE_MAX_MS);

/** The `nextCursor` of a view that pages on within the file (no API cursor is ever `~`). */
export const MORE = '~';

/** The page's thread file; null when it has none (never published, a key too long) or it cannot be read. */
export async function readFile(o: Options): Promise<ThreadFile | null> {
  const path = threadFile(o.site, o.page)?.json;
  // No custom header (no CORS preflight); `no-cache` revalidates with the ETag, a 304 when unchanged.
  const res = path ? await fetch(`${o.api}/${path}`, { cache: 'no-cache' }).catch(() => null) : null;
  return res?.ok ? res.json().catch(() => null) : null;
}

/**
 * The API's cursor past `c` in the oldest-first order: where an incomplete file ends, the API goes on.
 * It is the comment's sort key, as `store/keys.ts` writes it (`thread-file.api.test.ts` checks the two agree).
 */
export function cursorAfter(c: Comment): string {
  return base64url(new TextEncoder().encode(JSON.stringify({ s: 'oldest', k: `C#${c.createdAt}#${c.id}` })));
}

/** The file's comments in a sort's order, as the API lists them (top: score, then oldest first). */
export function sorted(list: readonly Comment[], sort: Sort): Comment[] {
  const l = [...list];
  if (sort === 'newest') l.reverse();
  if (sort === 'top') l.sort((a, b) => b.score - a.score || a.createdAt.localeCompare(b.createdAt));
  return l;
}

/**
 * The first `n` comments of `f` in `sort`'s order, as a thread the app shows; undefined when the file
 * cannot answer (an incomplete file holds only the oldest comments: newest and top come from the API).
 */
export function fromFile(f: ThreadFile, sort: Sort, n: number): Thread | undefined {
  if (!f.complete && sort !== 'oldest') return;
  const list = sorted(f.comments, sort);
  const last = list.at(-1);
  return {
    page: f.page,
    settings: f.settings,
    comments: list.slice(0, n),
    nextCursor: n < list.length ? MORE : f.complete || !last ? null : cursorAfter(last),
    composeToken: '',
  };
}
