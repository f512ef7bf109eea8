/** Reply-mail subscriptions: one subscriber item per site and keyed email hash, plus per-thread opt-outs. */
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { isSubscriber, type SubscriberItem } from './items.js';
import { keys } from './keys.js';

function conditionFailed(err: unknown): boolean {
  return (err as Error)?.name === 'ConditionalCheckFailedException';
}

export function createSubscriptionStore(db: Db) {
  return {
    async get(site: string, emailHash: string): Promise<SubscriberItem | undefined> {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.subscriber(site, emailHash), ConsistentRead: true }),
      );
      return isSubscriber(Item) ? Item : undefined;
    },

    /** Creates an unverified subscriber unless one exists; `created` tells whether this call made it. */
    async ensure(
      site: string,
      emailHash: string,
      email: string,
      now: string,
    ): Promise<{ subscriber: SubscriberItem; created: boolean }> {
      const item: SubscriberItem = {
        type: 'subscriber',
        ...keys.subscriber(site, emailHash),
        site,
        emailHash,
        email,
        verified: false,
        createdAt: now,
      };
      try {
        await db.doc.send(
          new PutCommand({
            TableName: db.table,
            Item: item,
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return { subscriber: item, created: true };
      } catch (err) {
        if (!conditionFailed(err)) throw err;
      }
      const existing = await this.get(site, emailHash);
      if (!existing) throw new Error('subscriber vanished while being created');
      return { subscriber: existing, created: false };
    },

    /**
     * Marks the address verified (and subscribed again if it had unsubscribed before `issuedAt`, when
     * the link was sent). `unknown` when there is no such subscriber; `stale` when it unsubscribed
     * after the link was issued: an old mail cannot undo a later unsubscribe.
     */
    async verify(
      site: string,
      emailHash: string,
      now: string,
      issuedAt: string,
    ): Promise<'verified' | 'unknown' | 'stale'> {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.subscriber(site, emailHash),
            UpdateExpression: 'SET verified = :t, verifiedAt = :now REMOVE unsubscribedAt',
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(unsubscribedAt) OR unsubscribedAt < :issued)',
            ExpressionAttributeValues: { ':t': true, ':now': now, ':issued': issuedAt },
          }),
        );
        return 'verified';
      } catch (err) {
        if (!conditionFailed(err)) throw err;
        return (await this.get(site, emailHash)) ? 'stale' : 'unknown';
      }
    },

    /** Stops every reply mail of the site to this address. */
    async unsubscribeAll(site: string, emailHash: string, now: string): Promise<void> {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.subscriber(site, emailHash),
            UpdateExpression: 'SET unsubscribedAt = :now',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':now': now },
          }),
        );
      } catch (err) {
        if (!conditionFailed(err)) throw err;
      }
    },

    /** Stops reply mail about one thread. */
    async mute(site: string, emailHash: string, page: string, now: string): Promise<void> {
      await db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: { type: 'threadMute', ...keys.threadMute(site, emailHash, page), site, page, createdAt: now },
        }),
      );
    },

    async isMuted(site: string, emailHash: string, page: string): Promise<boolean> {
      const { Item } = await db.doc.send(
        new GetCommand({
          TableName: db.table,
          Key: keys.threadMute(site, emailHash, page),
          ConsistentRead: true,
        }),
      );
      return Item?.type === 'threadMute';
    },

    /** Erases an address's subscription and thread opt-outs on a site (for a GDPR erase); returns how many items. */
    async forget(site: string, emailHash: string): Promise<number> {
      const pk = keys.subscriber(site, emailHash).pk;
      let removed = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const res = await db.doc.send(
          new QueryCommand({
            TableName: db.table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ProjectionExpression: 'pk, sk',
            ExclusiveStartKey: start,
            Limit: 25,
          }),
        );
        const items = res.Items ?? [];
        if (items.length) {
          let requests: Record<string, unknown[]> | undefined = {
            [db.table]: items.map((it) => ({ DeleteRequest: { Key: { pk: it.pk, sk: it.sk } } })),
          };
          for (let i = 0; requests && Object.keys(requests).length && i < 8; i++) {
            const out = await db.doc.send(new BatchWriteCommand({ RequestItems: requests as never }));
            requests = out.UnprocessedItems as Record<string, unknown[]> | undefined;
          }
          removed += items.length;
        }
        start = res.LastEvaluatedKey;
      } while (start);
      return removed;
    },
  };
}

export type SubscriptionStore = ReturnType<typeof createSubscriptionStore>;
