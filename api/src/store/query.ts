/** Reading a whole partition (of the table, or of GSI3 and then its items) page by page: never a Scan, always paginated. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { itemsOf } from './lookup.js';

/**
 * Every item under `pk` (the table's partition key, or `gsi3pk` with `index: 'gsi3'`) that `guard`
 * accepts, stopping once `cap` items are kept.
 */
export async function queryPartition<T>(
  db: Db,
  pk: string,
  guard: (item: unknown) => item is T,
  opts: { index?: 'gsi3'; cap?: number } = {},
): Promise<T[]> {
  const out: T[] = [];
  const cap = opts.cap ?? Number.POSITIVE_INFINITY;
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        ...(opts.index ? { IndexName: opts.index } : {}),
        KeyConditionExpression: `${opts.index ? 'gsi3pk' : 'pk'} = :pk`,
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: start,
      }),
    );
    // GSI3 projects keys only: the items are read from the table.
    const items = opts.index ? await itemsOf(db, res.Items ?? []) : (res.Items ?? []);
    for (const item of items) if (guard(item) && out.length < cap) out.push(item);
    start = res.LastEvaluatedKey;
  } while (start && out.length < cap);
  return out;
}

/** Every item of one GSI3 partition (sites, pages of a site, tokens, moderators of a site). */
export function queryIndex3<T>(db: Db, pk: string, guard: (item: unknown) => item is T): Promise<T[]> {
  return queryPartition(db, pk, guard, { index: 'gsi3' });
}
