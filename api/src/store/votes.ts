/**
 * Votes (`VOTE#<commentId>` partition): casting one in three DynamoDB calls (the comment's reference; the
 * comment and the voter's vote together; one transaction), and reading them all for exports.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { CommentGoneError, pageUpdate, StatusConflictError } from './comments.js';
import { type CommentItem, isComment, isCommentRef, isVote, type VoteItem } from './items.js';
import { keys } from './keys.js';
import { getAll } from './batch.js';
import { queryPartition } from './query.js';
import { ConditionFailed, transact } from './tx.js';

export type VoteValue = 1 | -1 | 0;

/** A comment to vote on, who votes, and the vote they have on it now (0 for none). */
export interface VoteTarget {
  comment: CommentItem;
  voter: string;
  old: VoteValue;
}

export function createVoteStore(db: Db) {
  const current = async (key: { pk: string; sk: string }): Promise<VoteValue> => {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.table, Key: key, ConsistentRead: true }),
    );
    return isVote(Item) ? Item.value : 0;
  };

  return {
    /** Every vote on the comment, in voter order. */
    async of(commentId: string): Promise<VoteItem[]> {
      return queryPartition(db, keys.vote(commentId, '').pk, isVote);
    },

    /**
     * The comment of `id` and the current vote of the voter `voterOf(site)` names on it, strongly
     * consistent, in two reads: its reference, then both items in one BatchGetItem.
     */
    async target(id: string, voterOf: (site: string) => string): Promise<VoteTarget | undefined> {
      const { Item: ref } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.commentRef(id), ConsistentRead: true }),
      );
      if (!isCommentRef(ref)) return undefined;
      const voter = voterOf(ref.site);
      const items = await getAll(
        db,
        [{ pk: keys.pagePk(ref.site, ref.page), sk: ref.commentSk }, keys.vote(id, voter)],
        true,
      );
      const comment = items.find(isComment);
      const vote = items.find(isVote);
      return comment && { comment, voter, old: vote?.value ?? 0 };
    },

    /**
     * Sets the voter's vote (1, -1 or 0 to withdraw) on an approved comment, from the vote `old` it was
     * read with (read again when another request changed it meanwhile). Returns the counts as this vote
     * leaves the comment as it was read (votes of others landing at the same moment are not in them).
     */
    async cast({ comment: c, voter, old: read }: VoteTarget, value: VoteValue, now: string) {
      const key = keys.vote(c.id, voter);
      let old = read;
      for (let attempt = 0; attempt < 5; attempt++) {
        if (attempt > 0) old = await current(key);
        const up = (value === 1 ? 1 : 0) - (old === 1 ? 1 : 0);
        const down = (value === -1 ? 1 : 0) - (old === -1 ? 1 : 0);
        const result = { score: c.score + value - old, up: c.up + up, down: c.down + down, value };
        if (old === value) return result;
        const expectOld = {
          ExpressionAttributeNames: { '#v': 'value' },
          ExpressionAttributeValues: { ':old': old },
        };
        const voteWrite =
          value === 0
            ? { Delete: { TableName: db.table, Key: key, ConditionExpression: '#v = :old', ...expectOld } }
            : {
                Put: {
                  TableName: db.table,
                  Item: { type: 'vote', ...key, commentId: c.id, value, createdAt: now },
                  ...(old === 0
                    ? { ConditionExpression: 'attribute_not_exists(pk)' }
                    : { ConditionExpression: '#v = :old', ...expectOld }),
                },
              };
        try {
          await transact(db, [
            voteWrite,
            {
              Update: {
                TableName: db.table,
                Key: { pk: c.pk, sk: c.sk },
                UpdateExpression: 'SET score = score + :d, #up = #up + :u, #down = #down + :n',
                ConditionExpression: '#status = :approved',
                ExpressionAttributeNames: { '#status': 'status', '#up': 'up', '#down': 'down' },
                ExpressionAttributeValues: {
                  ':d': value - old,
                  ':u': up,
                  ':n': down,
                  ':approved': 'approved',
                },
              },
            },
            pageUpdate(db, c.site, c.page, 0, now),
          ]);
          return result;
        } catch (err) {
          if (err instanceof ConditionFailed && err.has(0)) continue;
          if (err instanceof ConditionFailed && err.has(1))
            throw new CommentGoneError('comment is not approved');
          throw err;
        }
      }
      throw new StatusConflictError('vote kept changing meanwhile');
    },
  };
}

export type VoteStore = ReturnType<typeof createVoteStore>;
