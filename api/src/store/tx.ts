/** TransactWriteItems with bounded retries on conflicts, and typed condition failures. */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { PAGE_META } from './keys.js';

/** A condition of item `index` in the transaction did not hold. */
export class ConditionFailed extends Error {
  constructor(readonly indexes: number[]) {
    super(`transaction condition failed at ${indexes.join(',')}`);
    this.name = 'ConditionFailed';
  }
  has(index: number): boolean {
    return this.indexes.includes(index);
  }
}

/** Conflicts did not clear within the budget: transient, answered with 503 and Retry-After. */
export class StorageBusyError extends Error {
  constructor(attempts: number, cause: unknown) {
    super(`transaction still conflicting after ${attempts} attempts`, { cause });
    this.name = 'StorageBusyError';
  }
}

type Items = NonNullable<TransactWriteCommandInput['TransactItems']>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a transaction keeps retrying conflicts before the caller gets a 503 (well inside a Lambda's timeout). */
const CONFLICT_BUDGET_MS = 8000;

/** Tails of the in-process queues of transactions per page (see `transact`). */
const queues = new Map<string, Promise<unknown>>();

/** The page-meta item a transaction updates, if any: every comment write bumps one. */
function pageKey(items: Items): string | undefined {
  for (const item of items) {
    const key = (item.Update?.Key ?? item.Put?.Item) as Record<string, unknown> | undefined;
    if (key?.sk === PAGE_META && typeof key.pk === 'string') return key.pk;
  }
  return undefined;
}

/**
 * Runs one transaction. Transactions of this process on the same page wait for each other instead of
 * colliding (a Node server takes many requests at once; a Lambda one at a time); conflicts with other
 * processes are retried with jittered backoff within a time budget.
 */
export async function transact(db: Db, items: Items): Promise<void> {
  const key = pageKey(items);
  if (!key) return withRetries(db, items);
  return onPageQueue(key, () => withRetries(db, items));
}

/**
 * Runs `work` in its turn among this process's writes to the page of partition `pk` (reads and writes
 * in it see no other of them land meanwhile); inside, write with `transactNow`, never `transact`.
 */
export async function onPageQueue<T>(pk: string, work: () => Promise<T>): Promise<T> {
  const run = (queues.get(pk) ?? Promise.resolve()).then(work, work);
  const tail = run.catch(() => undefined);
  queues.set(pk, tail);
  try {
    return await run;
  } finally {
    if (queues.get(pk) === tail) queues.delete(pk);
  }
}

/** True while writes of this process to the page of partition `pk` are running or waiting. */
export function pageBusy(pk: string): boolean {
  return queues.has(pk);
}

/** One transaction now, with the conflict retries of `transact` but no place in the page queue. */
export const transactNow = withRetries;

async function withRetries(db: Db, items: Items): Promise<void> {
  const deadline = Date.now() + CONFLICT_BUDGET_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (err) {
      const reasons = cancellationCodes(err);
      if (!reasons) throw err;
      const failed = reasons.flatMap((code, i) => (code === 'ConditionalCheckFailed' ? [i] : []));
      if (failed.length > 0) throw new ConditionFailed(failed);
      const conflict = reasons.some((c) => c === 'TransactionConflict');
      const wait = Math.min(400, 5 * 2 ** attempt) * (0.25 + Math.random());
      if (!conflict) throw err;
      if (Date.now() + wait > deadline) throw new StorageBusyError(attempt, err);
      await sleep(wait);
    }
  }
}

function cancellationCodes(err: unknown): string[] | undefined {
  if (
    err instanceof TransactionCanceledException ||
    (err as Error)?.name === 'TransactionCanceledException'
  ) {
    const reasons = (err as TransactionCanceledException).CancellationReasons;
    if (reasons) return reasons.map((r) => r.Code ?? 'None');
    // Some emulators only put the reasons in the message: "... [ConditionalCheckFailed, None]".
    const match = /\[([^\]]*)\]/.exec((err as Error).message);
    return match?.[1]?.split(',').map((s) => s.trim()) ?? [];
  }
  return undefined;
}
