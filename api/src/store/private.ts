/**
 * A comment's private record: its markdown source, the author's address and the client hash live on the
 * comment's locator (`CMT#<id>`), not on the item in the page partition. A thread page reads only what it
 * shows (issue 15: ≤ 3 read units for 30 comments), and no public read ever reads an address.
 * Comments written before this split still hold these fields on their item: reads take the record's value
 * when it has one, and every rewrite of such an item moves them to the record.
 */
import { getAll } from './batch.js';
import type { Db } from './client.js';
import { type CommentItem, type CommentRefItem, isCommentRef } from './items.js';
import { keys } from './keys.js';

/** The fields kept on the record, never on the page's item. */
export const PRIVATE_FIELDS = ['body', 'authorEmail', 'ipHash', 'requestHash'] as const;
export type PrivateField = (typeof PRIVATE_FIELDS)[number];

/** A comment as its page's item holds it (a thread read returns these): no markdown, address or client hash. */
export type StoredComment = Omit<CommentItem, PrivateField>;

/** `c` without its private fields: the item written to the page partition. */
export function publicPart<T extends Partial<Record<PrivateField, unknown>>>(c: T): Omit<T, PrivateField> {
  const out: Record<string, unknown> = { ...c };
  for (const k of PRIVATE_FIELDS) delete out[k];
  return out as Omit<T, PrivateField>;
}

/** The private fields `c` holds. */
export function privatePart(
  c: Partial<Pick<CommentItem, PrivateField>>,
): Partial<Pick<CommentItem, PrivateField>> {
  const out: Record<string, unknown> = {};
  for (const k of PRIVATE_FIELDS) if (c[k] !== undefined) out[k] = c[k];
  return out;
}

/** The locator and private record of comment `c` (as the domain sees it), for a new comment. */
export function refItem(c: CommentItem): CommentRefItem {
  return {
    type: 'commentRef',
    ...keys.commentRef(c.id),
    id: c.id,
    site: c.site,
    page: c.page,
    commentSk: c.sk,
    ...privatePart(c),
  };
}

/**
 * The update that points the locator at `c`'s item (after a move) and writes the private fields `c`
 * holds; fields in `remove` are dropped (an author's own delete). Fields `c` does not hold are kept as
 * they are, so a move of an item read straight from its page loses nothing.
 */
export function refUpdate(db: Db, c: CommentItem, remove: readonly PrivateField[] = []) {
  const values: Record<string, unknown> = { ':site': c.site, ':page': c.page, ':sk': c.sk, ':id': c.id };
  const names: Record<string, string> = { '#type': 'type', '#page': 'page', '#site': 'site' };
  const sets = ['#type = :type', 'id = :id', '#site = :site', '#page = :page', 'commentSk = :sk'];
  values[':type'] = 'commentRef';
  for (const [k, v] of Object.entries(privatePart(c))) {
    if (remove.includes(k as PrivateField)) continue;
    sets.push(`#${k} = :${k}`);
    names[`#${k}`] = k;
    values[`:${k}`] = v;
  }
  for (const k of remove) names[`#${k}`] = k;
  const removes = remove.map((k) => `#${k}`);
  return {
    Update: {
      TableName: db.table,
      Key: keys.commentRef(c.id),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The comment as the domain sees it: its item with the private fields of its record. */
export function merged(item: StoredComment & { body?: string }, ref: unknown): CommentItem {
  const out: CommentItem = { ...item, body: item.body ?? '' };
  if (isCommentRef(ref)) Object.assign(out, privatePart(ref));
  return out;
}

/** These comments with their private fields, read from their records (a BatchGetItem per 100). */
export async function withPrivate(db: Db, comments: StoredComment[]): Promise<CommentItem[]> {
  if (comments.length === 0) return [];
  const refs = new Map<string, unknown>();
  const ids = [...new Set(comments.map((c) => c.id))];
  for (const r of await getAll(db, ids.map(keys.commentRef))) if (isCommentRef(r)) refs.set(r.id, r);
  return comments.map((c) => merged(c, refs.get(c.id)));
}
