/**
 * The local stream poller on DynamoDB Local's real stream: only new changes, a failed record is read
 * again, and a delivery that failed because storage was down is retried until it is back.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStore } from '../store/index.js';
import { freePort } from '../store/local.js';
import { openStream } from '../store/stream.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { perRecord, startStreamPoller } from './poller.js';

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

/** A store on a port nothing listens on: every call fails as an outage does (connection refused). */
async function deadStore() {
  const port = await freePort();
  return createStore({ ...h.config, dynamodbEndpoint: `http://127.0.0.1:${port}` });
}

it('retries a record whose delivery failed because storage was down, for as long as it is down', async () => {
  const reader = openStream(h.config, 'LATEST');
  await reader.poll();
  const dead = await deadStore();
  let down = true;
  let outageFailures = 0;
  const delivered: string[] = [];
  const logs: string[] = [];
  const poller = startStreamPoller({
    reader,
    intervalMs: 50,
    maxAttempts: 2,
    log: (l) => logs.push(l),
    handle: perRecord(async (record) => {
      const pk = record.dynamodb?.NewImage?.pk?.S ?? '';
      if (pk === 'OUTAGE' && down) {
        outageFailures++;
        await dead.sites.get('any'); // the delivery needs storage, and storage is down
      }
      delivered.push(pk);
    }, logs.push.bind(logs)),
  });
  try {
    await put('OUTAGE');
    await put('AFTER-OUTAGE');
    // Far more failed deliveries than the attempts a failing record gets: none of them counted.
    await until(() => outageFailures >= 5, 30_000);
    expect(delivered).not.toContain('OUTAGE');
    down = false;
    await until(() => delivered.includes('OUTAGE') && delivered.includes('AFTER-OUTAGE'));
    expect(logs.some((l) => l.includes('skipped'))).toBe(false);
    // In stream order: what came after the record waited for it.
    expect(delivered.indexOf('OUTAGE')).toBeLessThan(delivered.lastIndexOf('AFTER-OUTAGE'));
  } finally {
    await poller.stop();
    dead.close();
  }
}, 40_000);

it('reads a batch again when its handler throws (storage down) instead of moving past it', async () => {
  const reader = openStream(h.config, 'LATEST');
  await reader.poll();
  const dead = await deadStore();
  let throws = 3;
  const seen: string[] = [];
  const poller = startStreamPoller({
    reader,
    intervalMs: 50,
    maxAttempts: 2,
    log: () => {},
    async handle(records) {
      if (throws > 0) {
        throws--;
        await dead.sites.get('any');
      }
      for (const r of records) seen.push(r.dynamodb?.NewImage?.pk?.S ?? '');
      return { batchItemFailures: [] };
    },
  });
  try {
    await put('THROWN');
    await until(() => seen.includes('THROWN'), 30_000);
    expect(throws).toBe(0);
  } finally {
    await poller.stop();
    dead.close();
  }
}, 40_000);
