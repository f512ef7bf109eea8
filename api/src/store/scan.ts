/** A whole-table Scan, page by page, for the start-up and upgrade repairs (never a request path). */
import { ScanCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';

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
