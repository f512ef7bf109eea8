/** A whole-table Scan, page by page, for the start-up and upgrade repairs (never a request path). */
import { ScanCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { ConditionFailed, transact } from './tx.js';

/** Every item the filter keeps, one Scan page after another. */
export async function* scanned(
  db: Db,
  input: Omit<ScanCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): AsyncGenerator<Record<string, unknown>> {
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(
      new ScanCommand({ ...input, TableName: db.table, ExclusiveStartKey: start }),
    );
    yield* res.Items ?? [];
    start = res.LastEvaluatedKey;
  } while (start);
}

/** Runs one repair's transaction; false when its conditions failed (a write meanwhile did the repair). */
export async function unlessChanged(db: Db, items: Parameters<typeof transact>[1]): Promise<boolean> {
  try {
    await transact(db, items);
    return true;
  } catch (err) {
    if (err instanceof ConditionFailed) return false;
    throw err;
  }
}
