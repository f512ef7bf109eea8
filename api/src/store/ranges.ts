/**
 * Start-up repair of data an older version wrote: hidden comments (pending, spam, deleted leaves) kept
 * in a page's listed range are moved to its hidden range, each with its locator, in one conditional
 * transaction. A Scan, so only for local start-up (`npm start`), never a request path.
 */
import type { Db } from './client.js';
import { isComment } from './items.js';
import { COMMENT_SK_PREFIX, isListedState, keys } from './keys.js';
import { publicPart, refUpdate } from './private.js';
import { scanned, unlessChanged } from './scan.js';
import { withTopKeys } from './top.js';

export function createRangeRepair(db: Db) {
  return {
    /** Moves every hidden comment found in a listed range; returns how many moved. */
    async moveHiddenOutOfListed(): Promise<number> {
      let moved = 0;
      const found = scanned(db, {
        FilterExpression:
          '#type = :comment AND begins_with(sk, :c) AND NOT (#status = :approved OR (#status = :deleted AND placeholder = :true))',
        ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
        ExpressionAttributeValues: {
          ':comment': 'comment',
          ':c': COMMENT_SK_PREFIX,
          ':approved': 'approved',
          ':deleted': 'deleted',
          ':true': true,
        },
      });
      for await (const item of found) {
        if (!isComment(item) || isListedState(item.status, item.placeholder)) continue;
        const next = withTopKeys({
          ...item,
          ...keys.comment(item.site, item.page, item.createdAt, item.id, false),
        });
        const del = {
          TableName: db.table,
          Key: { pk: item.pk, sk: item.sk },
          ConditionExpression: '#status = :from AND score = :score',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':from': item.status, ':score': item.score },
        };
        const put = {
          TableName: db.table,
          Item: publicPart(next),
          ConditionExpression: 'attribute_not_exists(pk)',
        };
        // Changed meanwhile (a moderator moved it): its own move put it where it belongs.
        if (await unlessChanged(db, [{ Delete: del }, { Put: put }, refUpdate(db, next)])) moved++;
      }
      return moved;
    },
  };
}

export type RangeRepair = ReturnType<typeof createRangeRepair>;
