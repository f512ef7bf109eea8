/** Test harness: a fresh table on the run's DynamoDB Local, the app, and helpers to seed sites. */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import type { Deps } from '../deps.js';
import { createDb, type Db } from '../store/client.js';
import { createStore, type Store } from '../store/index.js';
import type { SiteSettings } from '../store/sites.js';
import { deleteTable, ensureTable } from '../store/table.js';
import { appCaller, type Caller } from './clients.js';
import { runDynamoPid, workerIndex } from './worker.js';

export { runDynamoPid };

export const TEST_SECRET = 'test-secret-0123456789abcdef';

export interface Harness {
  config: Config;
  store: Store;
  /** The raw client on the test's table, for tests that set up what no repository writes. */
  db: Db;
  deps: Deps;
  app: ReturnType<typeof createApp>;
  /** The app in process as a Caller (same interface as the HTTP and Lambda callers). */
  call: Caller;
  /** Moves the harness clock (the app's `now`) forward. */
  advance(ms: number): void;
  site(id: string, settings?: Partial<SiteSettings>): Promise<void>;
  drop(): Promise<void>;
}

/**
 * The DynamoDB Local of the worker this suite runs in (one per worker, see global-setup.ts); a suite that
 * asks for it outside the integration project fails at once, saying why.
 */
export function runEndpoint(): string {
  const endpoints = inject('dynamodbEndpoints') ?? [];
  const endpoint = endpoints[workerIndex(endpoints.length)];
  if (!endpoint)
    throw new Error(
      'this suite needs DynamoDB Local: it belongs to the integration project (vitest.suites.ts)',
    );
  return endpoint;
}

/** Creates a table with a random name for one test file (or one test). */
export async function createHarness(overrides: Partial<Config> = {}): Promise<Harness> {
  const endpoint = runEndpoint();
  const config = loadConfig(
    {},
    {
      dynamodbEndpoint: endpoint,
      table: `t_${randomBytes(6).toString('hex')}`,
      secret: TEST_SECRET,
      siteCacheMs: 0,
      dataDir: '/nonexistent',
      ...overrides,
    },
  );
  const db = createDb(config);
  await ensureTable(db.client, config.table);
  const store = createStore(config, db);
  let offset = 0;
  const deps: Deps = {
    config,
    store,
    clientIp: (c) => c.req.header('x-test-ip') ?? '127.0.0.1',
    now: () => new Date(Date.now() + offset),
    remainingMs: () => Number.POSITIVE_INFINITY,
  };
  const app = createApp(deps);
  return {
    config,
    store,
    db,
    deps,
    app,
    call: appCaller(app),
    advance(ms) {
      offset += ms;
    },
    async site(id, settings = {}) {
      await store.sites.put(id, { origins: ['https://blog.example'], ...settings }, 'create');
    },
    async drop() {
      await deleteTable(db.client, config.table);
      db.client.destroy();
    },
  };
}
