/**
 * A new comment in four plain writes, not one transaction (issue 15: a post ≤ 6 write units, where a transaction
 * pays 2 per item and per index entry): (1) the page's counters grown and the comment marked in flight on the page
 * (`inflight`: its id, the condition that counts it once; `inflightAt`: `id#status#createdAt#writtenAt`); (2) its locator
 * with the private record; (3) its item; (4) the mark cleared, the version bumped again (a thread read between (1)
 * and (3) must not keep its ETag). Every state between is on the page: a retry of the same comment finds its mark
 * and finishes the writes (same status and time, so the same keys); `repairMarks` finishes a mark older than
 * STALE_SEC that nobody retried: kept when the item exists, else its counts given back and its locator removed.
 * Posts to one page wait for each other in this process (tx.ts onPageQueue), as transactions do.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { type CommentItem, type CommentStatus, isComment, isCommentRef } from './items.js';
import { keys, SEP } from './keys.js';
import { type PageGrowth, pageGrowth } from './page-meta.js';
import { merged, privatePart, publicPart, refItem } from './private.js';
import { onPageQueue, StorageBusyError } from './tx.js';

/** A mark this old belongs to a request that ended (API requests end within 30 s): repair may finish it. */
export const STALE_SEC = 120;

export class ThreadLockedError extends Error {}

/** A comment's in-flight mark, as `inflightAt` holds it: what a retry needs to write the same item, and when. */
export interface Mark {
  id: string;
  status: CommentStatus;
  createdAt: string;
  /** When the first attempt wrote it, in ms (a remote reply's `createdAt` may be long ago). */
  at: number;
}
const markText = (m: Mark) => [m.id, m.status, m.createdAt, m.at].join(SEP);
export function parseMark(s: string): Mark | undefined {
  const [id, status, createdAt, at, ...rest] = s.split(SEP);
  if (!id || !status || !createdAt || !Number(at) || rest.length) return undefined;
  return { id, status: status as CommentStatus, createdAt, at: Number(at) };
}
const marksOf = (p: unknown) =>
  [...((p as { inflightAt?: Set<string> } | undefined)?.inflightAt ?? [])].flatMap((s) => parseMark(s) ?? []);
const stale = (m: Mark, nowMs: number) => nowMs - m.at >= STALE_SEC * 1000;

const failed = (err: unknown) => (err as Error)?.name === 'ConditionalCheckFailedException';
const NAMES = { '#inflight': 'inflight', '#inflightAt': 'inflightAt', '#version': 'version' };

const get = async (db: Db, Key: Record<string, string>) =>
  (await db.doc.send(new GetCommand({ TableName: db.table, Key, ConsistentRead: true }))).Item;

/** (4): the mark cleared and the version bumped (`giveBack`: and the comment's counts given back). */
async function clear(db: Db, site: string, path: string, m: Mark, giveBack = false) {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.page(site, path),
      UpdateExpression: `ADD #version :one${giveBack ? ', #count :count, #total :minus' : ''} DELETE #inflight :ids, #inflightAt :marks`,
      ConditionExpression: 'contains(#inflight, :id)',
      ExpressionAttributeNames: { ...NAMES, ...(giveBack ? { '#count': 'count', '#total': 'total' } : {}) },
      ExpressionAttributeValues: {
        ':one': 1,
        ':ids': new Set([m.id]),
        ':id': m.id,
        ':marks': new Set([markText(m)]),
        ...(giveBack ? { ':count': m.status === 'approved' ? -1 : 0, ':minus': -1 } : {}),
      },
    }),
  );
}

/** Finishes the stale marks of a page (requests that died between their writes; a page move does first); returns how many. */
export async function repairPostMarks(db: Db, site: string, path: string, nowMs: number): Promise<number> {
  let n = 0;
  for (const m of marksOf(await get(db, keys.page(site, path)))) {
    if (!stale(m, nowMs)) continue;
    const ref = await get(db, keys.commentRef(m.id));
    const item = isCommentRef(ref)
      ? await get(db, { pk: keys.pagePk(site, path), sk: ref.commentSk })
      : undefined;
    try {
      if (!isComment(item) && ref)
        await db.doc.send(new DeleteCommand({ TableName: db.table, Key: keys.commentRef(m.id) }));
      await clear(db, site, path, m, !isComment(item));
      n++;
    } catch (err) {
      if (!failed(err)) throw err;
    }
  }
  return n;
}

/** `build(c, m)`: comment `c` as the attempt that left mark `m` wrote it (its status and time). */
export function createPostWriter(db: Db, build: (c: CommentItem, m: Mark) => CommentItem) {
  /** (1): counts the comment once and marks it; the page's marks after, or the mark found (a retry's). */
  async function mark(
    m: Mark,
    c: CommentItem,
    growth: PageGrowth,
  ): Promise<{ marks: Mark[] } | { found: Mark }> {
    const g = pageGrowth(db.table, growth);
    try {
      const out = await db.doc.send(
        new UpdateCommand({
          ...g,
          UpdateExpression: `${g.UpdateExpression} ADD #inflight :ids, #inflightAt :marks`,
          ConditionExpression: `${g.ConditionExpression ? `(${g.ConditionExpression}) AND ` : ''}NOT contains(#inflight, :id)`,
          ExpressionAttributeNames: { ...g.ExpressionAttributeNames, ...NAMES },
          ExpressionAttributeValues: {
            ...g.ExpressionAttributeValues,
            ':ids': new Set([c.id]),
            ':id': c.id,
            ':marks': new Set([markText(m)]),
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return { marks: marksOf(out.Attributes) };
    } catch (err) {
      if (!failed(err)) throw err;
      const found = marksOf(await get(db, keys.page(c.site, c.page))).find((x) => x.id === c.id);
      if (found) return { found };
      throw new ThreadLockedError('thread is locked');
    }
  }

  /**
   * (2) and (3), each a put a retry may find done. A locator there when this attempt made the mark: another
   * attempt of the comment finished first (its mark cleared before this one's was made), so this one's count is
   * given back and the stored comment returned.
   */
  async function land(c: CommentItem, m: Mark, fresh: boolean) {
    if (!(await putNew(refItem(c)))) {
      const ref = await get(db, keys.commentRef(c.id));
      // Gone since (a repair took a mark it found stale): the client tries again.
      if (!isCommentRef(ref)) throw new StorageBusyError(1, new Error('locator removed meanwhile'));
      if (fresh || ref.requestHash !== c.requestHash) {
        if (fresh) await clear(db, c.site, c.page, m, true);
        const item = await get(db, { pk: keys.pagePk(ref.site, ref.page), sk: ref.commentSk });
        // The same key with another request: the domain refuses it by the stored request's hash.
        return {
          comment: isComment(item) ? merged(item, ref) : { ...c, ...privatePart(ref) },
          created: false,
        };
      }
    }
    await putNew(publicPart(c));
    await clear(db, c.site, c.page, m).catch(() => {});
    return { comment: c, created: true };
  }

  /** Puts an item that must not exist yet; false when it does (an earlier attempt wrote it). */
  const putNew = (Item: object) =>
    db.doc
      .send(new PutCommand({ TableName: db.table, Item, ConditionExpression: 'attribute_not_exists(pk)' }))
      .then(
        () => true,
        (err: unknown) => {
          if (!failed(err)) throw err;
          return false;
        },
      );

  return {
    /** Writes comment `c` (counted with `growth`), or finishes an earlier attempt's writes of it. */
    write(c: CommentItem, growth: PageGrowth) {
      return onPageQueue(c.pk, async () => {
        const now = Date.now();
        const own: Mark = { id: c.id, status: c.status, createdAt: c.createdAt, at: now };
        const marked = await mark(own, c, growth);
        const fresh = 'marks' in marked;
        const m = fresh ? own : marked.found;
        const out = await land(fresh ? c : build(c, m), m, fresh);
        if (fresh && marked.marks.some((x) => x.id !== c.id && stale(x, now)))
          await repairPostMarks(db, c.site, c.page, now).catch(() => {});
        return out;
      });
    },
  };
}
