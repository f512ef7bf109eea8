/**
 * Votes (`VOTE#<commentId>` partition): casting one in three DynamoDB calls (the comment's reference; the
 * comment and the voter's vote together; one transaction), and reading them all for exports.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { getAll } from './batch.js';
import type { Db } from './client.js';
import { CommentGoneError, pageUpdate, StatusConflictError } from './comments.js';
import { type CommentItem, isComment, isCommentRef, isVote, type VoteItem } from './items.js';
import { keys } from './keys.js';
import { queryPartition } from './query.js';
import { topClauses } from './top.js';
import { ConditionFailed, onPageQueue, pageBusy, transactNow } from './tx.js';

export type VoteValue = 1 | -1 | 0;

/** A comment to vote on, who votes, and the vote they have on it now (0 for none). */
export interface VoteTarget {
  comment: CommentItem;
  voter: string;
  old: VoteValue;
}

export function createVoteStore(db: Db) {
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
     * Sets the voter's vote (1, -1 or 0 to withdraw) on an approved comment, from the comment and the
     * vote `old` it was read with. The comment's score is written as a value (its top index keys are
     * made from it, store/top.ts), on the condition that it is still the one read. The write takes its
     * turn in this process's page queue (tx.ts); when other writes to the page were running or waiting,
     * or another vote landed meanwhile, the comment and this voter's vote are read again in that turn
     * (one call) before writing, so votes of one process do not collide. Returns the counts this vote
     * leaves the comment with.
     */
    async cast({ comment, voter, old }: VoteTarget, value: VoteValue, now: string) {
      const key = keys.vote(comment.id, voter);
      let stale = pageBusy(comment.pk);
      for (let attempt = 0; attempt < 5; attempt++) {
        const done = await onPageQueue(comment.pk, async () => {
          if (!stale) return write(comment, key, old, value, now);
          const items = await getAll(db, [{ pk: comment.pk, sk: comment.sk }, key], true);
          const fresh = items.find(isComment);
          if (fresh?.status !== 'approved') throw new CommentGoneError('comment is not approved');
          return write(fresh, key, items.find(isVote)?.value ?? 0, value, now);
        });
        if (done) return done;
        stale = true;
      }
      throw new StatusConflictError('vote kept changing meanwhile');
    },
  };

  /** One try of a vote on `c` as read, the voter's vote being `old`; undefined when either changed meanwhile. */
  async function write(
    c: CommentItem,
    key: { pk: string; sk: string },
    old: VoteValue,
    value: VoteValue,
    now: string,
  ) {
    const up = (value === 1 ? 1 : 0) - (old === 1 ? 1 : 0);
    const down = (value === -1 ? 1 : 0) - (old === -1 ? 1 : 0);
    const score = c.score + value - old;
    const result = { score, up: c.up + up, down: c.down + down, value };
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
    const top = topClauses(c, score);
    try {
      await transactNow(db, [
        voteWrite,
        {
          Update: {
            TableName: db.table,
            Key: { pk: c.pk, sk: c.sk },
            UpdateExpression: `SET score = :score, #up = #up + :u, #down = #down + :n${top.set}${top.remove}`,
            ConditionExpression: '#status = :approved AND score = :was',
            ExpressionAttributeNames: { '#status': 'status', '#up': 'up', '#down': 'down' },
            ExpressionAttributeValues: {
              ':score': score,
              ':was': c.score,
              ':u': up,
              ':n': down,
              ':approved': 'approved',
              ...top.values,
            },
          },
        },
        pageUpdate(db, c.site, c.page, 0, now),
      ]);
      return result;
    } catch (err) {
      // The vote or the comment changed meanwhile (another vote, a moderator): read both again.
      if (err instanceof ConditionFailed && (err.has(0) || err.has(1))) return undefined;
      throw err;
    }
  }
}

export type VoteStore = ReturnType<typeof createVoteStore>;
