/**
 * Moving a page's thread to another path (`afterword page move`), in steps each safe to repeat:
 * (1) claim: the old page is marked `movingTo` and locked, the new one marked `movingFrom` (refused when
 * it has comments: threads are never merged); (2) every item of the old page's partition (comments with
 * their locators, anything else kept there) moves in transactions of up to 25 items that also move both
 * pages' counters; (3) the thread opt-outs of the thread's authors move; (4) the readers' reactions on the
 * page itself (`REACT#P#…`) move in transactions of up to 25 that also move their counts (a reader who reacted
 * on the new page meanwhile keeps that one, counted once); (5) one transaction removes the old page and gives
 * the new one its lock and what the old one's counters still hold, clearing both marks. A crash leaves marks
 * the next run resumes from. Votes and comments' reactions are keyed by comment id and need no move; moved
 * comments carry `moved`, so the stream reads them as unchanged (no mail, no webhook).
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { moveWrites } from './comments.js';
import { type CommentItem, isComment, isPage, type PageItem } from './items.js';
import { isListedSk, keys, PAGE_META } from './keys.js';
import { pageGrowth } from './page-meta.js';
import { addCounts, createPageReactionMover } from './page-move-reactions.js';
import { PageMoveRefused } from './page-move-refused.js';
import { repairPostMarks } from './post-write.js';
import { ConditionFailed, transact } from './tx.js';

export { PageMoveRefused };

export interface PageMoveResult {
  /** What this run moved (0 when an earlier run had moved it all and only the last step was left). */
  comments: number;
  /** Other items of the page's partition (links a page keeps with it) and thread opt-outs moved. */
  others: number;
  optOuts: number;
  /** Readers' reactions on the page itself moved (or dropped: the reader had it on the new page already). */
  reactions: number;
  /** The new page as the move left it. */
  page: PageItem;
}

/** Items read and moved per round; a transaction also stays under this many bytes. */
const BATCH = 25;
const TX_BYTES = 3 * 1024 * 1024;
type Raw = Record<string, unknown>;

/** The old page's URL with its path replaced by the new key (query and fragment dropped). */
function movedUrl(url: string | undefined, to: string): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    u.pathname = to;
    u.search = '';
    u.hash = '';
    return u.href;
  } catch {
    return undefined;
  }
}

/** One page's counters moved by a round (`n`: approved and all comments), guarded by its move mark. */
function counters(
  db: Db,
  site: string,
  page: string,
  mark: [string, string],
  n: [number, number],
  now: string,
) {
  return {
    Update: {
      TableName: db.table,
      Key: keys.page(site, page),
      UpdateExpression:
        'SET #count = if_not_exists(#count, :zero) + :approved, #total = if_not_exists(#total, :zero) + :n, ' +
        '#version = if_not_exists(#version, :zero) + :one, #updatedAt = :now',
      ConditionExpression: `${mark[0]} = :mark`,
      ExpressionAttributeNames: {
        '#count': 'count',
        '#total': 'total',
        '#version': 'version',
        '#updatedAt': 'updatedAt',
      },
      ExpressionAttributeValues: {
        ':zero': 0,
        ':one': 1,
        ':approved': n[0],
        ':n': n[1],
        ':now': now,
        ':mark': mark[1],
      },
    },
  };
}

/** `batch`: items per round (tests take a few to see several rounds on a small thread). */
export function createPageMover(db: Db, { batch = BATCH }: { batch?: number } = {}) {
  const reactions = createPageReactionMover(db, batch);
  async function get(site: string, page: string): Promise<PageItem | undefined> {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.table, Key: keys.page(site, page), ConsistentRead: true }),
    );
    return isPage(Item) ? Item : undefined;
  }

  /** Up to `limit` items of a page's partition after its meta (its comments and whatever else it keeps). */
  async function items(site: string, page: string, limit: number): Promise<Raw[]> {
    const res = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: 'pk = :pk AND sk > :meta',
        ExpressionAttributeValues: { ':pk': keys.pagePk(site, page), ':meta': PAGE_META },
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    return res.Items ?? [];
  }

  /** Step 1: marks both pages (one transaction); the new page takes the old one's title, URL and first date. */
  async function claim(site: string, from: string, to: string, src: PageItem, now: string) {
    const dst = pageGrowth(db.table, {
      site,
      page: to,
      approved: 0,
      total: 0,
      now,
      createdAt: src.createdAt,
      title: src.title,
      claimedTitle: src.claimedTitle,
      url: movedUrl(src.url, to),
    });
    // A page with reactions: both pages get a map of counts (if none yet) for the reactions' rounds to count
    // in. Never an empty one (a stream record's empty map reads back as no value): it holds one emoji at 0.
    const first = Object.keys(src.reactions ?? {})[0] ?? (await reactions.items(site, from, 1))[0]?.emoji;
    const map: { set: string; names: Record<string, string>; values: Record<string, unknown> } =
      first === undefined
        ? { set: '', names: {}, values: {} }
        : {
            set: ', #r = if_not_exists(#r, :seed)',
            names: { '#r': 'reactions' },
            values: { ':seed': { [String(first)]: 0 } },
          };
    try {
      await transact(db, [
        {
          Update: {
            TableName: db.table,
            Key: keys.page(site, from),
            UpdateExpression:
              'SET movingTo = :to, movingLocked = :was, #locked = :true, #version = #version + :one, #updatedAt = :now' +
              map.set,
            // A post between its writes (post-write.ts) lands before the move starts.
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(movingTo) AND attribute_not_exists(inflight)',
            ExpressionAttributeNames: {
              '#locked': 'locked',
              '#version': 'version',
              '#updatedAt': 'updatedAt',
              ...map.names,
            },
            ExpressionAttributeValues: {
              ':to': to,
              ':was': src.locked === true,
              ':true': true,
              ':one': 1,
              ':now': now,
              ...map.values,
            },
          },
        },
        {
          Update: {
            ...dst,
            UpdateExpression: `${dst.UpdateExpression}, movingFrom = :from${map.set}`,
            ConditionExpression:
              'attribute_not_exists(pk) OR (#total = :zero AND attribute_not_exists(movingFrom))',
            ExpressionAttributeNames: { ...dst.ExpressionAttributeNames, ...map.names },
            ExpressionAttributeValues: { ...dst.ExpressionAttributeValues, ':from': from, ...map.values },
          },
        },
      ]);
    } catch (err) {
      if (err instanceof ConditionFailed && err.has(1))
        throw new PageMoveRefused(`${to} got comments meanwhile; page move does not merge threads`);
      if (!(err instanceof ConditionFailed)) throw err;
    }
  }

  /** Moves one round of items (dropping those that changed meanwhile); returns how many of each moved. */
  async function moveRound(site: string, from: string, to: string, round: Raw[], now: string) {
    let left = round;
    while (left.length > 0) {
      let bytes = 0;
      const part: Raw[] = [];
      for (const it of left) {
        const size = 2 * JSON.stringify(it).length + 512;
        if (part.length > 0 && bytes + size > TX_BYTES) break;
        part.push(it);
        bytes += size;
      }
      const writes: unknown[] = [];
      const owner: number[] = [];
      part.forEach((it, i) => {
        const w = isComment(it) ? moveWrites(db, it, relocated(it, site, to)) : otherWrites(db, it, site, to);
        writes.push(...w);
        owner.push(...w.map(() => i));
      });
      const comments = part.filter(isComment);
      const approved = comments.filter((c) => c.status === 'approved').length;
      try {
        await transact(db, [
          ...(writes as Parameters<typeof transact>[1]),
          counters(db, site, from, ['movingTo', to], [-approved, -comments.length], now),
          counters(db, site, to, ['movingFrom', from], [approved, comments.length], now),
        ]);
        return { comments: comments.length, others: part.length - comments.length };
      } catch (err) {
        if (!(err instanceof ConditionFailed)) throw err;
        if (err.indexes.some((i) => i >= writes.length))
          throw new PageMoveRefused(`the move of ${from} to ${to} was changed by another run; run it again`);
        const changed = new Set(err.indexes.map((i) => owner[i]));
        left = part.filter((_, i) => !changed.has(i));
      }
    }
    return { comments: 0, others: 0 };
  }

  /** Step 2: every item of the old page's partition, round by round, until none is left. */
  async function moveItems(site: string, from: string, to: string, now: string) {
    const moved = { comments: 0, others: 0 };
    for (let idle = 0; ; ) {
      const round = await items(site, from, batch);
      if (round.length === 0) return moved;
      const r = await moveRound(site, from, to, round, now);
      moved.comments += r.comments;
      moved.others += r.others;
      if (r.comments + r.others > 0) idle = 0;
      else if (++idle > 5) throw new Error(`comments of ${from} keep changing during the move; run it again`);
    }
  }

  /** Step 3: the thread opt-outs (kept per reader and page) of everyone who wrote on the thread. */
  async function moveOptOuts(site: string, from: string, to: string): Promise<number> {
    const authors = new Set<string>();
    let start: Raw | undefined;
    do {
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk AND sk > :meta',
          ExpressionAttributeValues: { ':pk': keys.pagePk(site, to), ':meta': PAGE_META },
          ProjectionExpression: 'emailHash',
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const it of res.Items ?? []) if (typeof it.emailHash === 'string') authors.add(it.emailHash);
      start = res.LastEvaluatedKey;
    } while (start);
    let moved = 0;
    for (const hash of authors) {
      const old = keys.threadMute(site, hash, from);
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: old, ConsistentRead: true }),
      );
      if (Item?.type !== 'threadMute') continue;
      // Put first, then delete: a crash in between leaves both, and the next run does the delete.
      const item = { ...Item, ...keys.threadMute(site, hash, to), page: to };
      await db.doc.send(new PutCommand({ TableName: db.table, Item: item }));
      await db.doc.send(new DeleteCommand({ TableName: db.table, Key: old }));
      moved++;
    }
    return moved;
  }

  /** Step 5: the old page goes (what its counters still hold moves too), the new one takes its lock. */
  async function finish(
    site: string,
    from: string,
    to: string,
    src: PageItem,
    now: string,
  ): Promise<boolean> {
    // Counts no reader's item holds (the items moved with theirs): added to the new page's as they are.
    const rest = addCounts(
      Object.entries(src.reactions ?? {}).filter(
        (e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0,
      ),
    );
    const restSet = rest.set.map((clause) => `, ${clause}`).join('');
    try {
      await transact(db, [
        {
          Delete: {
            TableName: db.table,
            Key: keys.page(site, from),
            ConditionExpression: 'movingTo = :to AND #version = :v',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':to': to, ':v': src.version },
          },
        },
        {
          Update: {
            TableName: db.table,
            Key: keys.page(site, to),
            UpdateExpression:
              'SET #count = #count + :count, #total = #total + :total, #version = #version + :one, #updatedAt = :now' +
              `${src.movingLocked ? ', #locked = :true' : ''}${restSet} REMOVE movingFrom`,
            ConditionExpression: 'movingFrom = :from',
            ExpressionAttributeNames: {
              '#count': 'count',
              '#total': 'total',
              '#version': 'version',
              '#updatedAt': 'updatedAt',
              ...(src.movingLocked ? { '#locked': 'locked' } : {}),
              ...rest.names,
            },
            ExpressionAttributeValues: {
              ':count': src.count,
              ':total': src.total,
              ':one': 1,
              ':now': now,
              ':from': from,
              ...(src.movingLocked ? { ':true': true } : {}),
              ...rest.values,
            },
          },
        },
      ]);
      return true;
    } catch (err) {
      if (err instanceof ConditionFailed) return false;
      throw err;
    }
  }

  return {
    /**
     * Moves page `from` of a site to `to` (both page keys), or goes on with a move an earlier run began.
     * Undefined when there is no page at `from` (never was, or already moved).
     */
    async move(site: string, from: string, to: string, now: string): Promise<PageMoveResult | undefined> {
      if (from === to) throw new PageMoveRefused(`${from} and ${to} are the same page`);
      const total = { comments: 0, others: 0, optOuts: 0, reactions: 0 };
      for (let attempt = 0; attempt < 4; attempt++) {
        let src = await get(site, from);
        if (!src) return undefined;
        if (src.movingTo && src.movingTo !== to)
          throw new PageMoveRefused(
            `a move of ${from} to ${src.movingTo} is under way; run it again with --to ${src.movingTo} to finish it`,
          );
        if (src.movingFrom)
          throw new PageMoveRefused(`a move of ${src.movingFrom} into ${from} is under way; finish it first`);
        if (!src.movingTo) {
          const dst = await get(site, to);
          if (dst?.movingTo || dst?.movingFrom)
            throw new PageMoveRefused(`${to} is part of another move under way; finish that one first`);
          if ((dst?.total ?? 0) > 0 || (await items(site, to, 1)).length > 0)
            throw new PageMoveRefused(
              `${to} already has comments (${dst?.total ?? 0}); page move does not merge threads`,
            );
          if (src.inflight && (await repairPostMarks(db, site, from, Date.now())) < src.inflight.size)
            throw new PageMoveRefused(
              `a comment to ${from} is being written; run the move again in a minute`,
            );
          await claim(site, from, to, src, now);
          continue;
        }
        const moved = await moveItems(site, from, to, now);
        total.comments += moved.comments;
        total.others += moved.others;
        total.optOuts += await moveOptOuts(site, from, to);
        total.reactions += await reactions.move(site, from, to, now);
        src = await get(site, from);
        if (!src?.movingTo) continue;
        if ((await items(site, from, 1)).length > 0) continue;
        if ((await reactions.items(site, from, 1)).length > 0) continue;
        if (await finish(site, from, to, src, now)) return { ...total, page: (await get(site, to))! };
      }
      throw new Error(`${from} kept changing during the move; run it again to finish it`);
    },
  };
}

/** A comment as it lives on the new page: same range, same id, its locator to follow. */
function relocated(c: CommentItem, site: string, to: string): CommentItem {
  return {
    ...c,
    page: to,
    ...keys.comment(site, to, c.createdAt, c.id, isListedSk(c.sk)),
    moved: { from: c.status, ...(c.editedAt ? { editedAt: c.editedAt } : {}) },
  };
}

/** Any other item of the page's partition: put under the new page (its `page` field too), then removed. */
function otherWrites(db: Db, it: Raw, site: string, to: string) {
  const next = { ...it, pk: keys.pagePk(site, to), ...(typeof it.page === 'string' ? { page: to } : {}) };
  return [
    {
      Delete: {
        TableName: db.table,
        Key: { pk: it.pk, sk: it.sk },
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
    { Put: { TableName: db.table, Item: next, ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
}

export type PageMover = ReturnType<typeof createPageMover>;
