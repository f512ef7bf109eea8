/** For the publisher's tests: every record a stream reader has now, read until two polls in a row bring none. */
import type { DynamoDBRecord } from 'aws-lambda';
import type { StreamReader } from '../store/stream.js';

export async function drainRecords(reader: StreamReader): Promise<DynamoDBRecord[]> {
  const out: DynamoDBRecord[] = [];
  for (let empty = 0; empty < 2; ) {
    const got = (await reader.poll()).flatMap((b) => b.records);
    out.push(...got);
    if (got.length === 0) empty++;
  }
  return out;
}
