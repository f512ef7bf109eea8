/** Reading the votes on a comment (`VOTE#<commentId>` partition), for exports; votes are written in comments.ts. */
import type { Db } from './client.js';
import { isVote, type VoteItem } from './items.js';
import { keys } from './keys.js';
import { queryPartition } from './query.js';

export function createVoteReader(db: Db) {
  return {
    /** Every vote on the comment, in voter order. */
    async of(commentId: string): Promise<VoteItem[]> {
      return queryPartition(db, keys.vote(commentId, '').pk, isVote);
    },
  };
}

export type VoteReader = ReturnType<typeof createVoteReader>;
