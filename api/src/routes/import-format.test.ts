/** The HTTP import without `format` (told from the body, answered as `format`) and with a wrong one (400 with a hint). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';

const FIX = join(import.meta.dirname, '../portability/fixtures');
let h: Harness;
let token: string;

beforeAll(async () => {
  h = await createHarness();
  await h.site('fmt');
  token = (await h.store.tokens.create(h.config.secret, 'fmt', 'import', 'i', new Date().toISOString()))
    .token;
});
afterAll(async () => {
  await h?.drop();
});

const post = (query: string, body: Buffer) =>
  h.app.request(`/api/v1/sites/fmt/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(body),
  });

it('refuses a wrong format with what the file looks like, writing nothing', async () => {
  const res = await post('?format=waline', readFileSync(join(FIX, 'wordpress.xml')));
  expect(res.status).toBe(400);
  const { error } = (await res.json()) as { error: { code: string; message: string } };
  expect(error.code).toBe('invalid_input');
  expect(error.message).toBe(
    'this file looks like a WordPress export (WXR), not a Waline export: import it as wordpress, or name no format',
  );
  expect(await h.store.threads.getPage('fmt', '/posts/hello/')).toBeUndefined();
});

it('tells the format when none is named: Isso generic JSON goes in, its bad record named', async () => {
  const res = await post('', readFileSync(join(FIX, 'isso-generic.json')));
  expect(res.status).toBe(200);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({
    format: 'isso',
    imported: 3,
    problems: 1,
    problemList: [
      { where: 'comment #3 of thread /posts/engine/ (line 22)', message: 'needs a thread id and created' },
    ],
  });
  expect((await h.store.threads.getPage('fmt', '/posts/engine/'))?.count).toBe(2);
  expect((await h.store.threads.getPage('fmt', '/posts/compilers/'))?.count).toBe(1);
  const thread = await (await h.app.request('/api/v1/comments?site=fmt&page=/posts/engine/')).text();
  expect(thread).not.toMatch(/192\.0\.2\.17|ada@example\.com|<script/);
  const again = (await (await post('', readFileSync(join(FIX, 'isso-generic.json')))).json()) as Record<
    string,
    unknown
  >;
  expect([again.imported, again.existing]).toEqual([0, 3]);
});
