/** Comments by id for the admin lists (a queue row's parent, a log entry's comment): two BatchGetItems per 100 ids. */
import { getAll } from './batch.js';
import type { Db } from './client.js';
import { type CommentItem, isComment, isCommentRef } from './items.js';
import { keys } from './keys.js';
import { merged, type StoredComment, withPrivate } from './private.js';

type Key = Record<string, unknown>;

/**
 * The table's items behind an index read's entries (the indexes project their keys, not the items), in the
 * entries' order; an item gone since the index was read is left out.
 */
export async function itemsOf(db: Db, entries: Key[], consistent = false): Promise<unknown[]> {
  const id = (k: Key) => `${k.pk}\u0000${k.sk}`;
  const found = new Map<string, unknown>();
  for (const item of await getAll(
    db,
    entries.map((e) => ({ pk: e.pk, sk: e.sk })),
    consistent,
  ))
    found.set(id(item as Key), item);
  return entries.flatMap((e) => (found.has(id(e)) ? [found.get(id(e))] : []));
}

export function createCommentLookup(db: Db) {
  return {
    /** The comments of these ids that exist (of any site: the caller checks the site). */
    async comments(ids: Iterable<string>): Promise<Map<string, CommentItem>> {
      const unique = [...new Set(ids)].filter((id) => /^[0-9A-Za-z_-]{1,64}$/.test(id));
      const refs = (await getAll(db, unique.map(keys.commentRef))).filter(isCommentRef);
      const items = await getAll(
        db,
        refs.map((r) => ({ pk: keys.pagePk(r.site, r.page), sk: r.commentSk })),
      );
      const byId = new Map(refs.map((r) => [r.id, r]));
      const out = new Map<string, CommentItem>();
      for (const item of items) if (isComment(item)) out.set(item.id, merged(item, byId.get(item.id)));
      return out;
    },

    /** These comments (read from their pages) with their private fields: markdown, address, client hash. */
    withPrivate(comments: StoredComment[]): Promise<CommentItem[]> {
      return withPrivate(db, comments);
    },
  };
}

export type CommentLookup = ReturnType<typeof createCommentLookup>;
