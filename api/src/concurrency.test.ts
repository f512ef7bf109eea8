/** 200 concurrent POSTs over HTTP, 50 idempotency keys sent 4 times each: exactly 50 comments, counts right. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningServer, startServer } from './server.js';
import { type Caller, httpCaller } from './testing/clients.js';
import { createHarness, type Harness } from './testing/harness.js';

let h: Harness;
let server: RunningServer;
let call: Caller;

beforeAll(async () => {
  h = await createHarness();
  await h.site('race', { origins: ['https://blog.example'] });
  server = await startServer({ ...h.config, port: 0 }, h.store, { staticRoot: '/nonexistent' });
  call = httpCaller(server.url);
});
afterAll(async () => {
  await server.close();
  await h.drop();
});

it('leaves exactly one comment per idempotency key under 200 concurrent retries', {
  timeout: 120_000,
}, async () => {
  const page = '/contended/';
  const keys = Array.from({ length: 50 }, (_, i) => `key-${i}-${Math.random().toString(36).slice(2)}`);
  const sends = keys.flatMap((key, i) => Array.from({ length: 4 }, () => ({ key, i })));
  sends.sort(() => Math.random() - 0.5);
  const results = await Promise.all(
    sends.map(({ key, i }) =>
      call('POST', '/api/v1/comments', {
        body: { site: 'race', page, body: `comment ${i}` },
        headers: { 'idempotency-key': key, origin: 'https://blog.example' },
      }).then((r) => ({ key, r })),
    ),
  );
  const bad = results.filter(({ r }) => r.status !== 201);
  expect(bad.map(({ r }) => `${r.status} ${r.text}`)).toEqual([]);
  const idsByKey = new Map<string, Set<string>>();
  for (const { key, r } of results) {
    const set = idsByKey.get(key) ?? new Set<string>();
    set.add(r.json.comment.id);
    idsByKey.set(key, set);
  }
  expect([...idsByKey.values()].every((s) => s.size === 1)).toBe(true);

  const list = await call('GET', `/api/v1/comments?site=race&page=${page}&limit=100`);
  expect(list.status).toBe(200);
  expect(list.json.comments).toHaveLength(50);
  expect(new Set(list.json.comments.map((c: { id: string }) => c.id)).size).toBe(50);
  expect(list.json.page.count).toBe(50);
  const counts = await call('GET', `/api/v1/counts?site=race&page=${page}`);
  expect(counts.json.counts[page]).toBe(50);
  const all = await h.store.threads.all('race', page, false);
  expect(all).toHaveLength(50);
});
