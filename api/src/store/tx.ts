/** TransactWriteItems with bounded retries on conflicts, and typed condition failures. */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';

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

/** Runs one transaction; retries only when it was cancelled by a conflicting one, with jittered backoff. */
export async function transact(db: Db, items: Items): Promise<void> {
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
