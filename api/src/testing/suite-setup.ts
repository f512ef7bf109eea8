/** Runs in every suite: suites share worker processes (vitest.config.ts `isolate: false`), so each puts back what it changed. */
import { relative } from 'node:path';
import { afterAll, beforeAll, expect, inject, vi } from 'vitest';
import { startSuiteCpu } from './suite-cpu.js';

let endSuiteCpu = () => {};

beforeAll(() => {
  const file = expect.getState().testPath;
  const pids = inject('dynamodbPids') ?? [];
  const pid = pids[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % Math.max(1, pids.length)];
  endSuiteCpu = startSuiteCpu(
    process.env.AFTERWORD_SUITE_CPU,
    file ? relative(process.cwd(), file) : '?',
    pid,
  );
});

afterAll(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
  endSuiteCpu();
});
