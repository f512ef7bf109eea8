/** Vitest global setup: one in-memory DynamoDB Local per worker, so suites running side by side never queue on one emulator. */
import type { TestProject } from 'vitest/node';
import { type LocalDynamo, startLocalDynamo } from '../store/local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** One endpoint per worker: `runEndpoint()` picks the one of the worker it runs in. */
    dynamodbEndpoints: string[];
    /** The process id of each worker's DynamoDB Local, in the same order (for CPU-time clocks). */
    dynamodbPids: number[];
  }
}

export default async function setup(project: TestProject) {
  const workers = Math.max(1, Number(project.config.maxWorkers) || 1);
  const started = await Promise.allSettled(Array.from({ length: workers }, () => startLocalDynamo()));
  const locals = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stopAll = () => Promise.all(locals.map((l) => l.stop()));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  project.provide(
    'dynamodbEndpoints',
    locals.map((l: LocalDynamo) => l.endpoint),
  );
  project.provide(
    'dynamodbPids',
    locals.map((l: LocalDynamo) => l.process.pid ?? 0),
  );
  return async () => {
    await stopAll();
  };
}
