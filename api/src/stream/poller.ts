/** `npm start`'s stand-in for Lambda's stream trigger: polls the table's stream and feeds the notify handler. */
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import type { StreamReader } from '../store/stream.js';

export interface PollerOptions {
  reader: StreamReader;
  handle: (records: DynamoDBRecord[]) => Promise<DynamoDBBatchResponse>;
  intervalMs?: number;
  /** Attempts of a failing record before it is skipped (Lambda's maximum retry attempts). */
  maxAttempts?: number;
  log?: (line: string) => void;
}

export interface Poller {
  /** Records that failed and are waiting for another attempt (tests: this goes back to 0). */
  retrying(): number;
  stop(): Promise<void>;
}

export function startStreamPoller(o: PollerOptions): Poller {
  const interval = o.intervalMs ?? 300;
  const maxAttempts = o.maxAttempts ?? 5;
  const log = o.log ?? ((line: string) => console.log(line));
  const attempts = new Map<string, number>();
  let stopping = false;
  let wake: (() => void) | undefined;
  let lastError = '';

  const sleep = (ms: number) =>
    new Promise<void>((r) => {
      const t = setTimeout(r, ms);
      wake = () => {
        clearTimeout(t);
        r();
      };
    });

  /** Like Lambda with ReportBatchItemFailures: read the shard again from the first failed record. */
  async function settle(
    shardId: string,
    records: DynamoDBRecord[],
    res: DynamoDBBatchResponse,
  ): Promise<number> {
    const failed = new Set(res.batchItemFailures.map((f) => f.itemIdentifier));
    const index = records.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
    // Records before the first failure went through: their earlier failures need no counting any more.
    for (const r of index < 0 ? records : records.slice(0, index))
      attempts.delete(r.dynamodb?.SequenceNumber ?? '');
    if (index < 0) return 0;
    const seq = records[index]!.dynamodb!.SequenceNumber!;
    const n = (attempts.get(seq) ?? 0) + 1;
    attempts.set(seq, n);
    if (n < maxAttempts) {
      await o.reader.rewind(shardId, seq);
      return n;
    }
    log(`stream: record ${seq} still failing after ${n} attempts; skipped`);
    attempts.delete(seq);
    const next = records[index + 1]?.dynamodb?.SequenceNumber;
    if (next) await o.reader.rewind(shardId, next);
    return 0;
  }

  const loop = (async () => {
    while (!stopping) {
      let backoff = 0;
      try {
        for (const batch of await o.reader.poll()) {
          if (stopping) break;
          const res = await o.handle(batch.records);
          backoff = Math.max(backoff, await settle(batch.shardId, batch.records, res));
        }
        lastError = '';
      } catch (err) {
        const message = `${(err as Error).name}: ${(err as Error).message}`;
        if (message !== lastError) log(`stream: polling failed (${message}); retrying`);
        lastError = message;
        backoff = 3;
      }
      if (!stopping) await sleep(backoff ? 500 * backoff : interval);
    }
  })();

  return {
    retrying: () => attempts.size,
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      o.reader.close();
    },
  };
}
