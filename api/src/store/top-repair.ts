/**
 * Start-up (and upgrade) repair of the top index keys (store/top.ts): comments voted before the index
 * existed get `keys.top`, and any comment carrying keys its state does not call for (hidden, or back to
 * score 0) loses them, each by one conditional update. A Scan, so never a request path.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { isComment } from './items.js';
import { COMMENT_SK_PREFIX } from './keys.js';
import { scanned } from './scan.js';
import { withTopKeys } from './top.js';

/** A listed comment with a score and no keys, or one with keys that is hidden or at score 0. */
const MISMATCHED =
  '#type = :comment AND ((begins_with(sk, :c) AND score <> :zero AND attribute_not_exists(gsi4pk)) OR ((NOT begins_with(sk, :c) OR score = :zero) AND attribute_exists(gsi4pk)))';

export function createTopRepair(db: Db) {
  return {
    /** Sets or drops the top index keys of every comment whose keys do not match its state; returns how many. */
    async fixTopKeys(): Promise<number> {
      let fixed = 0;
      const found = scanned(db, {
        FilterExpression: MISMATCHED,
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':comment': 'comment', ':c': COMMENT_SK_PREFIX, ':zero': 0 },
      });
      for await (const item of found) {
        if (!isComment(item)) continue;
        const want = withTopKeys(item);
        try {
          await db.doc.send(
            new UpdateCommand({
              TableName: db.table,
              Key: { pk: item.pk, sk: item.sk },
              // Only if the score is still the one read (a vote meanwhile wrote the keys itself).
              UpdateExpression: want.gsi4pk ? 'SET gsi4pk = :pk, gsi4sk = :sk' : 'REMOVE gsi4pk, gsi4sk',
              ConditionExpression: 'score = :score',
              ExpressionAttributeValues: {
                ':score': item.score,
                ...(want.gsi4pk ? { ':pk': want.gsi4pk, ':sk': want.gsi4sk } : {}),
              },
            }),
          );
          fixed++;
        } catch (err) {
          if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
        }
      }
      return fixed;
    },
  };
}
