/** A Node server started with `waitForReady` listens at once but answers its API only after `markReady()`. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningServer, startServer } from './server.js';
import { createStore } from './store/index.js';
import { createHarness, type Harness } from './testing/harness.js';

const ORIGIN = 'https://ready.example';
let h: Harness;
let server: RunningServer;

beforeAll(async () => {
  h = await createHarness({ siteCacheMs: 60_000 });
  server = await startServer({ ...h.config, port: 0 }, h.store, {
    staticRoot: '/nonexistent',
    waitForReady: true,
  });
});

afterAll(async () => {
  await server?.close();
  await h?.drop();
});

const post = () =>
  fetch(`${server.url}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ site: 'ready', page: '/p/', body: 'hello' }),
  });

it('answers 503 with Retry-After until ready, leaves no cached "no such site", then serves', async () => {
  const health = await fetch(`${server.url}/api/v1/health`);
  expect(health.status).toBe(503);
  expect(health.headers.get('retry-after')).toBe('1');
  expect(health.headers.get('cache-control')).toBe('no-store');
  expect(((await health.json()) as { error: { code: string } }).error.code).toBe('storage_unavailable');
  // A write that comes too early is turned away before any route looks the site up (and caches a miss).
  const early = await post();
  expect(early.status).toBe(503);
  await early.arrayBuffer();
  // Outside the API (static files) the server answers as usual meanwhile.
  expect((await fetch(`${server.url}/nothing-here`)).status).toBe(404);

  // Seeded through another store (as another process would): the server's own cache was never told.
  const other = createStore(h.config);
  await other.sites.put('ready', { origins: [ORIGIN] }, 'create');
  other.close();
  server.markReady();
  expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  expect((await post()).status).toBe(201);
});
