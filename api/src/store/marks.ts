/** Claims that make notifications idempotent (one mail or delivery per key) and single-use link marks. */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';

export type ClaimResult = 'claimed' | 'done' | 'busy';

function conditionFailed(err: unknown): boolean {
  return (err as Error)?.name === 'ConditionalCheckFailedException';
}

export function createMarkStore(db: Db) {
  return {
    /**
     * Claims `key` before sending: `claimed` (go ahead), `done` (already sent), `busy` (another attempt
     * holds an unexpired lease). A claim whose lease ran out (a crash between claim and send) can be taken over.
     * A mark past its `expiresAt` counts as gone even before DynamoDB's TTL removes it; `ttlSec`
     * undefined keeps it forever.
     */
    async claim(key: string, o: { nowSec: number; leaseSec: number; ttlSec?: number }): Promise<ClaimResult> {
      try {
        await db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: {
              type: 'notifyMark',
              ...keys.notifyMark(key),
              state: 'claimed',
              leaseUntil: o.nowSec + o.leaseSec,
              ...(o.ttlSec === undefined ? {} : { expiresAt: o.nowSec + o.ttlSec }),
            },
            ConditionExpression:
              'attribute_not_exists(pk) OR expiresAt < :now OR (#state = :claimed AND leaseUntil < :now)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':claimed': 'claimed', ':now': o.nowSec },
          }),
        );
        return 'claimed';
      } catch (err) {
        if (!conditionFailed(err)) throw err;
      }
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.notifyMark(key), ConsistentRead: true }),
      );
      return Item?.state === 'sent' ? 'done' : 'busy';
    },

    /** Records that the claimed notification went out. */
    async complete(key: string, nowSec: number): Promise<void> {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: keys.notifyMark(key),
          UpdateExpression: 'SET #state = :sent, sentAt = :now REMOVE leaseUntil',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sent': 'sent', ':now': nowSec },
        }),
      );
    },

    /** Gives a claim back after a failed send, so the retried record sends it. */
    async release(key: string): Promise<void> {
      try {
        await db.doc.send(
          new DeleteCommand({
            TableName: db.table,
            Key: keys.notifyMark(key),
            ConditionExpression: '#state = :claimed',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':claimed': 'claimed' },
          }),
        );
      } catch (err) {
        if (!conditionFailed(err)) throw err;
      }
    },

    /** Marks a single-use link as used; false when it was used before. */
    async useLink(id: string, expiresAtSec: number, nowIso: string): Promise<boolean> {
      try {
        await db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: { type: 'linkUse', ...keys.linkUse(id), usedAt: nowIso, expiresAt: expiresAtSec },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (err) {
        if (conditionFailed(err)) return false;
        throw err;
      }
    },
  };
}

export type MarkStore = ReturnType<typeof createMarkStore>;
