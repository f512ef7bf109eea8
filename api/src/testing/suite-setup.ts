/** Runs in every suite: suites share worker processes (vitest.config.ts `isolate: false`), so each puts back what it changed. */
import { relative } from 'node:path';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { startSuiteCpu } from './suite-cpu.js';
import { runDynamoPid } from './worker.js';

let endSuiteCpu = () => {};

beforeAll(() => {
  const file = expect.getState().testPath;
  endSuiteCpu = startSuiteCpu(
    process.env.AFTERWORD_SUITE_CPU,
    file ? relative(process.cwd(), file) : '?',
    runDynamoPid(),
  );
});

afterAll(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
  endSuiteCpu();
});
