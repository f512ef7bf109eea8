/** The local stream poller on DynamoDB Local's real stream: only new changes, and a failed record is read again. */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStream } from '../store/stream.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { startStreamPoller } from './poller.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.drop();
});

/** Probe items no repository knows, through the harness's raw client. */
const put = (pk: string) =>
  h.db.doc.send(new PutCommand({ TableName: h.config.table, Item: { pk, sk: '-', type: 'probe' } }));

async function until(check: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('feeds only changes after its start, and reads a shard again from the first failed record', async () => {
  await put('BEFORE');
  const reader = openStream(h.config, 'LATEST');
  await reader.poll();
  const seen: string[] = [];
  let failB = 2;
  const logs: string[] = [];
  const poller = startStreamPoller({
    reader,
    intervalMs: 50,
    log: (l) => logs.push(l),
    async handle(records: DynamoDBRecord[]): Promise<DynamoDBBatchResponse> {
      const failures: DynamoDBBatchResponse['batchItemFailures'] = [];
      for (const r of records) {
        const pk = r.dynamodb?.NewImage?.pk?.S ?? '';
        seen.push(pk);
        if (pk === 'B' && failB-- > 0) failures.push({ itemIdentifier: r.dynamodb!.SequenceNumber! });
      }
      return { batchItemFailures: failures };
    },
  });
  try {
    await put('A');
    await put('B');
    await put('C');
    await until(() => seen.filter((s) => s === 'B').length === 3 && seen.at(-1) === 'C');
    expect(seen).not.toContain('BEFORE');
    // B failed twice: each time B and everything after it came again, A never did.
    expect(seen.filter((s) => s === 'A')).toHaveLength(1);
    expect(seen.filter((s) => s === 'B')).toHaveLength(3);
    expect(seen.filter((s) => s === 'C').length).toBeGreaterThanOrEqual(1);
    // Once B went through, its failed attempts are forgotten: the count does not grow with every failure.
    await until(() => poller.retrying() === 0);
  } finally {
    await poller.stop();
  }
});

it('skips a record that keeps failing after the attempts Lambda would make', async () => {
  const reader = openStream(h.config, 'LATEST');
  await reader.poll();
  const seen: string[] = [];
  const logs: string[] = [];
  const poller = startStreamPoller({
    reader,
    intervalMs: 50,
    maxAttempts: 2,
    log: (l) => logs.push(l),
    async handle(records) {
      const failures = records
        .filter((r) => {
          seen.push(r.dynamodb?.NewImage?.pk?.S ?? '');
          return r.dynamodb?.NewImage?.pk?.S === 'POISON';
        })
        .map((r) => ({ itemIdentifier: r.dynamodb!.SequenceNumber! }));
      return { batchItemFailures: failures };
    },
  });
  try {
    await put('POISON');
    await put('AFTER');
    await until(() => seen.includes('AFTER') && logs.some((l) => l.includes('skipped')));
    expect(seen.filter((s) => s === 'POISON')).toHaveLength(2);
  } finally {
    await poller.stop();
  }
});
