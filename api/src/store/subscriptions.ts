/** Reply-mail subscriptions: one subscriber item per site and keyed email hash, plus per-thread opt-outs. */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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

    /** Marks the address verified (and subscribed again if it had unsubscribed). False when unknown. */
    async verify(site: string, emailHash: string, now: string): Promise<boolean> {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.subscriber(site, emailHash),
            UpdateExpression: 'SET verified = :t, verifiedAt = :now REMOVE unsubscribedAt',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':t': true, ':now': now },
          }),
        );
        return true;
      } catch (err) {
        if (conditionFailed(err)) return false;
        throw err;
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
  };
}

export type SubscriptionStore = ReturnType<typeof createSubscriptionStore>;
