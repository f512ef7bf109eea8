/** `npm start`'s stand-in for Lambda's stream trigger: polls the table's stream and feeds the notify handler. */
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { isStorageUnavailable } from '../errors.js';
import type { StreamReader } from '../store/stream.js';

/** A failed record; `storageUnavailable` when it failed only because storage could not be reached. */
export interface PollerFailure {
  itemIdentifier: string;
  storageUnavailable?: boolean;
}

export interface PollerResponse extends DynamoDBBatchResponse {
  batchItemFailures: PollerFailure[];
}

/** A batch handler from a per-record one: every record is tried, failures reported with their kind. */
export function perRecord(
  handleRecord: (record: DynamoDBRecord) => Promise<void>,
  log: (line: string) => void,
): (records: DynamoDBRecord[]) => Promise<PollerResponse> {
  return async (records) => {
    const failures: PollerFailure[] = [];
    for (const record of records) {
      try {
        await handleRecord(record);
      } catch (err) {
        const id = record.dynamodb?.SequenceNumber ?? record.eventID ?? '';
        log(`notify: record ${id} failed: ${(err as Error).name}: ${(err as Error).message}`.slice(0, 500));
        failures.push({
          itemIdentifier: id,
          ...(isStorageUnavailable(err) ? { storageUnavailable: true } : {}),
        });
      }
    }
    return { batchItemFailures: failures };
  };
}

export interface PollerOptions {
  reader: StreamReader;
  /** A Lambda-shaped batch handler; failures may say they were storage outages (see `perRecord`). */
  handle: (records: DynamoDBRecord[]) => Promise<DynamoDBBatchResponse | PollerResponse>;
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

/** Backoff steps (of 500 ms) while storage is unreachable: the record waits, it is not given up. */
const OUTAGE_BACKOFF = 2;

/**
 * Polls and hands each shard's records to `handle`. A record that fails is read again, with what
 * follows it, up to `maxAttempts` times, then skipped (as Lambda does). A failure that is a storage
 * outage (a failure marked `storageUnavailable`, or `handle` throwing) is no attempt: the shard is read
 * again from that record until storage is back. A rewind that cannot be placed (the stream is down
 * too) is kept and placed before the next poll, so the iterator never moves past an undelivered record.
 */
export function startStreamPoller(o: PollerOptions): Poller {
  const interval = o.intervalMs ?? 300;
  const maxAttempts = o.maxAttempts ?? 5;
  const log = o.log ?? ((line: string) => console.log(line));
  const attempts = new Map<string, number>();
  /** Shard → sequence number it must be read again from, before anything else is polled. */
  const rewinds = new Map<string, string>();
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

  async function rewind(shardId: string, seq: string): Promise<void> {
    rewinds.set(shardId, seq);
    await placeRewinds();
  }

  async function placeRewinds(): Promise<void> {
    for (const [shardId, seq] of [...rewinds]) {
      await o.reader.rewind(shardId, seq);
      rewinds.delete(shardId);
    }
  }

  /** Like Lambda with ReportBatchItemFailures: read the shard again from the first failed record. */
  async function settle(
    shardId: string,
    records: DynamoDBRecord[],
    res: DynamoDBBatchResponse | PollerResponse,
  ): Promise<number> {
    const failures = new Map<string, PollerFailure>(
      (res.batchItemFailures as PollerFailure[]).map((f) => [f.itemIdentifier, f]),
    );
    const index = records.findIndex((r) => failures.has(r.dynamodb?.SequenceNumber ?? ''));
    // Records before the first failure went through: their earlier failures need no counting any more.
    for (const r of index < 0 ? records : records.slice(0, index))
      attempts.delete(r.dynamodb?.SequenceNumber ?? '');
    if (index < 0) return 0;
    const seq = records[index]!.dynamodb!.SequenceNumber!;
    if (failures.get(seq)?.storageUnavailable) {
      await rewind(shardId, seq);
      return OUTAGE_BACKOFF;
    }
    const n = (attempts.get(seq) ?? 0) + 1;
    attempts.set(seq, n);
    if (n < maxAttempts) {
      await rewind(shardId, seq);
      return n;
    }
    log(`stream: record ${seq} still failing after ${n} attempts; skipped`);
    attempts.delete(seq);
    const next = records[index + 1]?.dynamodb?.SequenceNumber;
    if (next) await rewind(shardId, next);
    return 0;
  }

  /** One batch; a handler that throws (storage down) leaves the shard to be read again from the batch. */
  async function deliver(shardId: string, records: DynamoDBRecord[]): Promise<number> {
    let res: DynamoDBBatchResponse | PollerResponse;
    try {
      res = await o.handle(records);
    } catch (err) {
      if (!isStorageUnavailable(err)) {
        // Any other throw is the whole batch failing: counted, as each record's own failure would be.
        log(`stream: handler failed (${(err as Error).name}: ${(err as Error).message})`.slice(0, 500));
        const all = records.map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' }));
        return settle(shardId, records, { batchItemFailures: all });
      }
      const first = records[0]?.dynamodb?.SequenceNumber;
      if (first) rewinds.set(shardId, first);
      throw err;
    }
    return settle(shardId, records, res);
  }

  const loop = (async () => {
    while (!stopping) {
      let backoff = 0;
      try {
        await placeRewinds();
        for (const batch of await o.reader.poll()) {
          if (stopping) break;
          if (rewinds.has(batch.shardId)) continue; // a rewind waits: this shard is read again anyway
          backoff = Math.max(backoff, await deliver(batch.shardId, batch.records));
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
    retrying: () => attempts.size + rewinds.size,
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      o.reader.close();
    },
  };
}
