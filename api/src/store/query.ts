/** Reading a whole GSI3 partition (sites, pages of a site, tokens, moderators of a site), page by page. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';

/** Every item under `gsi3pk = pk` that `guard` accepts; never a Scan, always paginated. */
export async function queryIndex3<T>(db: Db, pk: string, guard: (item: unknown) => item is T): Promise<T[]> {
  const out: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of res.Items ?? []) if (guard(item)) out.push(item);
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}
