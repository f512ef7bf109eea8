/** Fixed-window rate counters: one atomic ADD per hit, each window removed by TTL when it is over. */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';

export interface RateResult {
  /** Hits in the current window, these included. */
  count: number;
  /** Seconds until the current window ends. */
  retryAfterSec: number;
}

export function createRateStore(db: Db) {
  return {
    /**
     * Counts `by` hits (one by default) on `key` in the window of `windowSec` that contains `nowMs`;
     * `by: 0` reads the count without adding to it.
     */
    async hit(key: string, windowSec: number, nowMs: number, by = 1): Promise<RateResult> {
      const windowMs = Math.max(1, windowSec) * 1000;
      const window = Math.floor(nowMs / windowMs);
      const end = (window + 1) * windowMs;
      const res = await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: keys.rate(key, window),
          UpdateExpression: 'ADD #n :one SET #type = :type, expiresAt = if_not_exists(expiresAt, :exp)',
          ExpressionAttributeNames: { '#n': 'n', '#type': 'type' },
          ExpressionAttributeValues: { ':one': by, ':type': 'rate', ':exp': Math.ceil(end / 1000) + 60 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      const count = typeof res.Attributes?.n === 'number' ? res.Attributes.n : by;
      return { count, retryAfterSec: Math.max(1, Math.ceil((end - nowMs) / 1000)) };
    },

    /**
     * Claims `key` for `windowSec` (a marker that expires): true when it was free. Used for "the same
     * body again within the window" without reading anything first.
     */
    async claim(key: string, windowSec: number, nowMs: number, owner: string): Promise<boolean> {
      const nowSec = Math.floor(nowMs / 1000);
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.rate(key, 0),
            UpdateExpression: 'SET #type = :type, expiresAt = :exp, #owner = :owner',
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR #owner = :owner',
            ExpressionAttributeNames: { '#type': 'type', '#owner': 'owner' },
            ExpressionAttributeValues: {
              ':type': 'rate',
              ':exp': nowSec + windowSec,
              ':now': nowSec,
              ':owner': owner,
            },
          }),
        );
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    },
  };
}

export type RateStore = ReturnType<typeof createRateStore>;
