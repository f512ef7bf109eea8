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
    /**
     * How many of the author's comments on the site are approved and how many spam, from the index's
     * entries only (keys and status), newest first in pages of 250: the newest page is always read whole
     * (the author's recent history), later ones only until `approved` reaches `enough`, at most `cap`.
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
            ScanIndexForward: false,
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
        if (approved >= enough) break;
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
