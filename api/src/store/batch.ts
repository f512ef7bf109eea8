/** Reading many items by key: BatchGetItem, 100 keys a request, unprocessed keys asked again. */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';

type Key = Record<string, unknown>;

/** Every item of these keys (100 a request; what DynamoDB leaves unprocessed is asked again, a few times). */
export async function getAll(db: Db, all: Key[], consistent = false): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let i = 0; i < all.length; i += 100) {
    let ask = all.slice(i, i + 100);
    for (let round = 0; ask.length > 0; round++) {
      if (round > 5) throw new Error('storage kept leaving keys unprocessed');
      if (round > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** round));
      const res = await db.doc.send(
        new BatchGetCommand({ RequestItems: { [db.table]: { Keys: ask, ConsistentRead: consistent } } }),
      );
      out.push(...(res.Responses?.[db.table] ?? []));
      ask = (res.UnprocessedKeys?.[db.table]?.Keys as Key[] | undefined) ?? [];
    }
  }
  return out;
}
