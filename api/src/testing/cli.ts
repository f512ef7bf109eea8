/** CLI tests: what `main()` prints, captured per test, and a fresh table on the run's DynamoDB Local. */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, vi } from 'vitest';
import { loadConfig } from '../config.js';
import { createStore, type Store } from '../store/index.js';
import { runEndpoint } from './harness.js';

export interface CliOutput {
  out: string;
  err: string;
  /** The table the CLI writes to (one per test, or one per file with `sharedTable`). */
  table: string;
  secret: string;
}

export interface CaptureOptions {
  /** One table for the whole file (tests that build on each other), instead of one per test. */
  sharedTable?: boolean;
  /** More environment for the CLI, read before each test (e.g. a mail server started in beforeAll). */
  env?: () => Record<string, string>;
}

const newTable = () => `cli_${randomBytes(4).toString('hex')}`;

/** Registers hooks that capture stdout/stderr and point the CLI at a fresh table. */
export function captureCli(opts: CaptureOptions = {}): CliOutput {
  const io: CliOutput = { out: '', err: '', table: newTable(), secret: 'cli-secret-0123456789abcdef' };
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
    if (!opts.sharedTable) io.table = newTable();
    vi.stubEnv('DYNAMODB_ENDPOINT', runEndpoint());
    vi.stubEnv('AFTERWORD_TABLE', io.table);
    vi.stubEnv('AFTERWORD_SECRET', io.secret);
    for (const [k, v] of Object.entries(opts.env?.() ?? {})) vi.stubEnv(k, v);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });
  return io;
}

/** A store on the table the CLI writes to in this test (close it at the end). */
export function cliStore(io: CliOutput): Store {
  const overrides = { dynamodbEndpoint: runEndpoint(), table: io.table, secret: io.secret, siteCacheMs: 0 };
  return createStore(loadConfig({}, { ...overrides, dataDir: '/nonexistent' }));
}
