/** Seeding many stored items for a test: BatchWriteItem, 25 a request, two requests at once (room for other suites). */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Harness } from './harness.js';

/** Writes these items as they are (what DynamoDB leaves unprocessed is sent again). */
export async function seedItems(h: Harness, items: readonly object[]): Promise<void> {
  const batches: object[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let left = batch.map((Item) => ({ PutRequest: { Item: Item as Record<string, unknown> } }));
      while (left.length > 0) {
        const res = await h.db.doc.send(new BatchWriteCommand({ RequestItems: { [h.config.table]: left } }));
        left = (res.UnprocessedItems?.[h.config.table] as typeof left | undefined) ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: 2 }, worker));
}
