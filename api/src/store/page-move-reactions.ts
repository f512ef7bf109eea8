/**
 * A page move's step for the readers' reactions on the page itself (`REACT#P#<site>#<page>`): they move in
 * transactions of up to 25 with their counts (old page down, new page up, both guarded by the move marks).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { PageMoveRefused } from './page-move-refused.js';
import { ConditionFailed, transact } from './tx.js';

type Raw = Record<string, unknown>;
/** A reader's reaction on the old page, and whether it still goes to the new one (not when already there). */
type Reacted = { item: Raw; put: boolean };

/** `SET` clauses, names and values that add `n` per emoji to a page's map of reaction counts (which must exist). */
export function addCounts(n: Iterable<[string, number]>) {
  const set: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  [...n].forEach(([emoji, k], i) => {
    set.push(`#r.#e${i} = if_not_exists(#r.#e${i}, :zero) + :n${i}`);
    Object.assign(names, { '#r': 'reactions', [`#e${i}`]: emoji });
    Object.assign(values, { ':zero': 0, [`:n${i}`]: k });
  });
  return { set, names, values };
}

/** One page's reaction counts moved by a round (`n` per emoji), guarded by its move mark. */
function reactionCounters(
  db: Db,
  site: string,
  page: string,
  mark: [string, string],
  n: Map<string, number>,
  now: string,
) {
  const add = addCounts(n);
  return {
    Update: {
      TableName: db.table,
      Key: keys.page(site, page),
      UpdateExpression: `SET ${['#version = #version + :one', '#updatedAt = :now', ...add.set].join(', ')}`,
      ConditionExpression: `${mark[0]} = :mark`,
      ExpressionAttributeNames: { '#version': 'version', '#updatedAt': 'updatedAt', ...add.names },
      ExpressionAttributeValues: { ':one': 1, ':now': now, ':mark': mark[1], ...add.values },
    },
  };
}

/** How many of `list` there are of each emoji, negated when `sign` is -1. */
function perEmoji(list: Reacted[], sign: 1 | -1): Map<string, number> {
  const n = new Map<string, number>();
  for (const { item } of list) n.set(String(item.emoji), (n.get(String(item.emoji)) ?? 0) + sign);
  return n;
}

export function createPageReactionMover(db: Db, batch: number) {
  /** Up to `limit` readers' reactions on the page itself. */
  async function reactionItems(site: string, page: string, limit: number): Promise<Raw[]> {
    const res = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.reactionPk({ site, page }) },
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    return res.Items ?? [];
  }

  /**
   * Moves one round of reactions with their counts; a reader who has the same reaction on the new page already
   * (given there meanwhile: the new page takes reactions during the move) keeps that one, and the old one goes.
   */
  async function reactionRound(site: string, from: string, to: string, round: Raw[], now: string) {
    let left: Reacted[] = round.map((item) => ({ item, put: true }));
    for (let tries = 0; left.length > 0 && tries < 4; tries++) {
      const writes: unknown[] = [];
      const owner: Reacted[] = [];
      for (const r of left) {
        const { pk, sk } = r.item;
        writes.push({
          Delete: { TableName: db.table, Key: { pk, sk }, ConditionExpression: 'attribute_exists(pk)' },
        });
        owner.push(r);
        if (!r.put) continue;
        const item = { ...r.item, pk: keys.reactionPk({ site, page: to }), page: to };
        writes.push({
          Put: { TableName: db.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
        });
        owner.push(r);
      }
      const moving = left.filter((r) => r.put);
      try {
        await transact(db, [
          ...(writes as Parameters<typeof transact>[1]),
          reactionCounters(db, site, from, ['movingTo', to], perEmoji(left, -1), now),
          reactionCounters(db, site, to, ['movingFrom', from], perEmoji(moving, 1), now),
        ]);
        return left.length;
      } catch (err) {
        if (!(err instanceof ConditionFailed)) throw err;
        if (err.indexes.some((i) => i >= writes.length))
          throw new PageMoveRefused(`the move of ${from} to ${to} was changed by another run; run it again`);
        const gone = new Set<Reacted>();
        for (const i of err.indexes) {
          if ('Put' in (writes[i] as object)) owner[i]!.put = false;
          else gone.add(owner[i]!);
        }
        left = left.filter((r) => !gone.has(r));
      }
    }
    return 0;
  }

  /** Step 4: the readers' reactions on the page itself, round by round, until none is left. */
  async function moveReactions(site: string, from: string, to: string, now: string): Promise<number> {
    let moved = 0;
    for (let idle = 0; ; ) {
      const round = await reactionItems(site, from, batch);
      if (round.length === 0) return moved;
      const n = await reactionRound(site, from, to, round, now);
      moved += n;
      if (n > 0) idle = 0;
      else if (++idle > 5)
        throw new Error(`reactions on ${from} keep changing during the move; run it again`);
    }
  }
  return { items: reactionItems, move: moveReactions };
}
