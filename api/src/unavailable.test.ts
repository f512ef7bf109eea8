/** Storage that does not answer: 503 with Retry-After and a clear code, never a 500 or a stack. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { createStore } from './store/index.js';
import { freePort } from './store/local.js';

let app: ReturnType<typeof createApp>;
let store: ReturnType<typeof createStore>;

beforeAll(async () => {
  const port = await freePort();
  const config = loadConfig(
    {},
    { dynamodbEndpoint: `http://127.0.0.1:${port}`, secret: 'x'.repeat(32), siteCacheMs: 0 },
  );
  store = createStore(config);
  app = createApp({
    config,
    store,
    clientIp: () => '127.0.0.1',
    now: () => new Date(),
    remainingMs: () => Number.POSITIVE_INFINITY,
  });
});
afterAll(() => store.close());

it.each([
  ['GET', '/api/v1/health', undefined],
  ['GET', '/api/v1/comments?site=blog&page=/x/', undefined],
  ['GET', '/api/v1/counts?site=blog&page=/x/', undefined],
  ['POST', '/api/v1/comments', { site: 'blog', page: '/x/', body: 'hello' }],
])('%s %s answers 503 with Retry-After', async (method, path, body) => {
  const res = await app.request(path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBeTruthy();
  const text = await res.text();
  expect(JSON.parse(text).error.code).toBe('storage_unavailable');
  expect(text).not.toMatch(/ECONNREFUSED|at .*\.js|127\.0\.0\.1/);
});
