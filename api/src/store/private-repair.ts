/**
 * Start-up repair of comments written before the private record (store/private.ts): their markdown,
 * address and hashes move from the page's item to the locator, one conditional transaction each. A Scan,
 * so only for start-up and the CLI, never a request path; reads are right before and after it runs.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { isComment } from './items.js';
import { PRIVATE_FIELDS, privatePart, refUpdate } from './private.js';
import { ConditionFailed, transact } from './tx.js';

const HOLDS_PRIVATE = PRIVATE_FIELDS.map((k) => `attribute_exists(#${k})`).join(' OR ');
const NAMES = Object.fromEntries(PRIVATE_FIELDS.map((k) => [`#${k}`, k]));

export function createPrivateRepair(db: Db) {
  return {
    /** Moves the private fields of every comment item still holding them; returns how many moved. */
    async movePrivateToRecords(): Promise<number> {
      let moved = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const res = await db.doc.send(
          new ScanCommand({
            TableName: db.table,
            FilterExpression: `#type = :comment AND (${HOLDS_PRIVATE})`,
            ExpressionAttributeNames: { '#type': 'type', ...NAMES },
            ExpressionAttributeValues: { ':comment': 'comment' },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of res.Items ?? []) {
          if (!isComment(item)) continue;
          const held = privatePart(item);
          const fields = Object.keys(held);
          // Only if the item still holds what was read (an edit meanwhile wrote the record itself).
          const values = Object.fromEntries(fields.map((k) => [`:${k}`, held[k as keyof typeof held]]));
          try {
            await transact(db, [
              {
                Update: {
                  TableName: db.table,
                  Key: { pk: item.pk, sk: item.sk },
                  UpdateExpression: `REMOVE ${fields.map((k) => `#${k}`).join(', ')}`,
                  ConditionExpression: fields.map((k) => `#${k} = :${k}`).join(' AND '),
                  ExpressionAttributeNames: Object.fromEntries(fields.map((k) => [`#${k}`, k])),
                  ExpressionAttributeValues: values,
                },
              },
              refUpdate(db, item),
            ]);
            moved++;
          } catch (err) {
            // Changed meanwhile: the write that changed it moved the fields itself.
            if (!(err instanceof ConditionFailed)) throw err;
          }
        }
        start = res.LastEvaluatedKey;
      } while (start);
      return moved;
    },
  };
}
