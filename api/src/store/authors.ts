/** The author index (GSI2, `AUTHOR#<site>#<emailHash>`, projecting keys and status): everything one author wrote on a site. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { type CommentItem, isComment } from './items.js';
import { keys } from './keys.js';
import { itemsOf } from './lookup.js';
import { withPrivate } from './private.js';

/** Where a paginated read stopped (DynamoDB's LastEvaluatedKey); opaque to callers. */
export type StartKey = Record<string, unknown>;

export function createAuthorIndex(db: Db) {
  return {
    /** True when this author (by keyed email hash) already has an approved comment on the site. */
    async hasApproved(site: string, emailHash: string): Promise<boolean> {
      let start: StartKey | undefined;
      for (let round = 0; round < 5; round++) {
        const res = await db.doc.send(
          new QueryCommand({
            TableName: db.table,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk',
            FilterExpression: '#status = :approved',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':pk': keys.authorPk(site, emailHash), ':approved': 'approved' },
            // The index projects keys and status: one key is enough to know there is one.
            ProjectionExpression: 'pk',
            ExclusiveStartKey: start,
          }),
        );
        if ((res.Items?.length ?? 0) > 0) return true;
        start = res.LastEvaluatedKey;
        if (!start) return false;
      }
      return false;
    },

    /**
     * How many of the author's comments on the site are approved and how many spam, reading the index's
     * entries only (keys and status), at most `cap` of them (pages of 250); it stops once `approved`
     * reaches `enough` with a spam one seen, since nothing read later changes a trust decision.
     */
    async standing(
      site: string,
      emailHash: string,
      enough: number,
      cap = 1000,
    ): Promise<{ approved: number; spam: number; complete: boolean }> {
      let start: StartKey | undefined;
      let approved = 0;
      let spam = 0;
      for (let read = 0; read < cap; ) {
        const res = await db.doc.send(
          new QueryCommand({
            TableName: db.table,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':pk': keys.authorPk(site, emailHash) },
            ProjectionExpression: '#status',
            Limit: Math.min(250, cap - read),
            ExclusiveStartKey: start,
          }),
        );
        for (const item of res.Items ?? []) {
          if (item.status === 'approved') approved++;
          else if (item.status === 'spam') spam++;
        }
        read += res.Items?.length ?? 0;
        start = res.LastEvaluatedKey;
        if (!start) return { approved, spam, complete: true };
        if (approved >= enough && spam > 0) break;
      }
      return { approved, spam, complete: false };
    },

    /** One page (up to `limit`) of the author's comments on the site, oldest first. */
    async comments(
      site: string,
      emailHash: string,
      start?: StartKey,
      limit = 100,
    ): Promise<{ comments: CommentItem[]; next: StartKey | undefined }> {
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.authorPk(site, emailHash) },
          ExclusiveStartKey: start,
          Limit: limit,
        }),
      );
      const found = (await itemsOf(db, res.Items ?? [])).filter(isComment);
      return { comments: await withPrivate(db, found), next: res.LastEvaluatedKey };
    },
  };
}

export type AuthorIndex = ReturnType<typeof createAuthorIndex>;
