/** Reading the votes on a comment (`VOTE#<commentId>` partition), for exports; votes are written in comments.ts. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { isVote, type VoteItem } from './items.js';
import { keys } from './keys.js';

export function createVoteReader(db: Db) {
  return {
    /** Every vote on the comment, in voter order. */
    async of(commentId: string): Promise<VoteItem[]> {
      const out: VoteItem[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const res = await db.doc.send(
          new QueryCommand({
            TableName: db.table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.vote(commentId, '').pk },
            ExclusiveStartKey: start,
          }),
        );
        for (const v of res.Items ?? []) if (isVote(v)) out.push(v);
        start = res.LastEvaluatedKey;
      } while (start);
      return out;
    },
  };
}

export type VoteReader = ReturnType<typeof createVoteReader>;
