/** Which of the run's per-worker DynamoDB Locals (global-setup.ts) this suite's worker uses; no heavy imports. */
import { inject } from 'vitest';

/** This worker's index into the per-worker DynamoDB Locals. */
export const workerIndex = (n: number) => (Number(process.env.VITEST_POOL_ID ?? 1) - 1) % Math.max(1, n);

/** The process id of this worker's DynamoDB Local (undefined outside the test run's global setup). */
export function runDynamoPid(): number | undefined {
  const pids = inject('dynamodbPids') ?? [];
  return pids[workerIndex(pids.length)] || undefined;
}
