/**
 * Start-up repair of comments written before the private record (store/private.ts): their markdown,
 * address and hashes move from the page's item to the locator, one conditional transaction each. A Scan,
 * so only for start-up and the CLI, never a request path; reads are right before and after it runs.
 */
import type { Db } from './client.js';
import { isComment } from './items.js';
import { PRIVATE_FIELDS, type PrivateField, privatePart, refUpdate } from './private.js';
import { scanned, unlessChanged } from './scan.js';

const HOLDS_PRIVATE = PRIVATE_FIELDS.map((k) => `attribute_exists(#${k})`).join(' OR ');
const NAMES = Object.fromEntries(PRIVATE_FIELDS.map((k) => [`#${k}`, k]));

export function createPrivateRepair(db: Db) {
  return {
    /** Moves the private fields of every comment item still holding them; returns how many moved. */
    async movePrivateToRecords(): Promise<number> {
      let moved = 0;
      const found = scanned(db, {
        FilterExpression: `#type = :comment AND (${HOLDS_PRIVATE})`,
        ExpressionAttributeNames: { '#type': 'type', ...NAMES },
        ExpressionAttributeValues: { ':comment': 'comment' },
      });
      for await (const item of found) {
        if (!isComment(item)) continue;
        const held = privatePart(item);
        const fields = Object.keys(held);
        const strip = {
          TableName: db.table,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: `REMOVE ${fields.map((k) => `#${k}`).join(', ')}`,
          // Only if the item still holds what was read (an edit meanwhile wrote the record itself).
          ConditionExpression: fields.map((k) => `#${k} = :${k}`).join(' AND '),
          ExpressionAttributeNames: Object.fromEntries(fields.map((k) => [`#${k}`, k])),
          ExpressionAttributeValues: Object.fromEntries(
            fields.map((k) => [`:${k}`, held[k as PrivateField]]),
          ),
        };
        if (await unlessChanged(db, [{ Update: strip }, refUpdate(db, item)])) moved++;
      }
      return moved;
    },
  };
}

export type PrivateRepair = ReturnType<typeof createPrivateRepair>;
