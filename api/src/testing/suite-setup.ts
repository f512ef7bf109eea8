/** Runs in every suite: suites share worker processes (vitest.config.ts `isolate: false`), so each puts back what it changed. */
import { afterAll, vi } from 'vitest';

afterAll(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
});
