/** A comment as the store writes it, for store tests that seed one directly: the n-th of a suite, with a parent or not. */
import type { NewComment } from '../store/comments.js';
import type { CommentItem, CommentStatus } from '../store/items.js';

/**
 * The input of comment number `n` on `site` and `page`: id `<prefix><n, 5 digits><8 × filler>`, text
 * `comment <n>`, by Ann, one second after the last; `extra` overrides any of it.
 */
export function newComment(
  where: { site: string; page: string; prefix: string; filler?: string },
  n: number,
  status: CommentStatus,
  parent?: CommentItem,
  extra: Partial<NewComment> = {},
): NewComment {
  return {
    id: `${where.prefix}${String(n).padStart(5, '0')}${(where.filler ?? 'b').repeat(8)}`,
    site: where.site,
    page: where.page,
    parentId: parent?.id ?? null,
    depth: parent ? parent.depth + 1 : 0,
    body: `comment ${n}`,
    html: `<p>comment ${n}</p>`,
    authorName: 'Ann',
    avatar: 'abcdefabcdef',
    status,
    createdAt: new Date(Date.UTC(2026, 1, 1) + n * 1000).toISOString(),
    ...extra,
  };
}
