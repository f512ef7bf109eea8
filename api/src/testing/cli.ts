/** CLI tests: what `main()` prints, captured per test, and a fresh table on the run's DynamoDB Local. */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, vi } from 'vitest';
import { runEndpoint } from './harness.js';

export interface CliOutput {
  out: string;
  err: string;
}

/** Registers hooks that capture stdout/stderr and point the CLI at a new table for each test. */
export function captureCli(): CliOutput {
  const io: CliOutput = { out: '', err: '' };
  beforeEach(() => {
    io.out = '';
    io.err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
      io.out += String(s);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      io.err += String(s);
      return true;
    });
    vi.stubEnv('DYNAMODB_ENDPOINT', runEndpoint());
    vi.stubEnv('AFTERWORD_TABLE', `cli_${randomBytes(4).toString('hex')}`);
    vi.stubEnv('AFTERWORD_SECRET', 'cli-secret-0123456789abcdef');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });
  return io;
}
