/** The export and import endpoints over HTTP: tokens, cursors, the deadline, sizes, hostile files. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import type { NativeChunk } from '../portability/native.js';
import { createHarness, type Harness } from '../testing/harness.js';

const FIX = join(import.meta.dirname, '../portability/fixtures');
let h: Harness;
let exportToken: string;
let importToken: string;

beforeAll(async () => {
  h = await createHarness();
  await h.site('web');
  exportToken = (await h.store.tokens.create(h.config.secret, 'web', 'export', 'e', new Date().toISOString()))
    .token;
  importToken = (await h.store.tokens.create(h.config.secret, 'web', 'import', 'i', new Date().toISOString()))
    .token;
});
afterAll(async () => {
  await h?.drop();
});

const post = (app: Harness['app'], query: string, body: string | Buffer, token = importToken) =>
  app.request(`/api/v1/sites/web/import?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });

describe('import over HTTP', () => {
  it('imports a file sent as the body, and again adds nothing', async () => {
    const file = readFileSync(join(FIX, 'wordpress.xml'));
    const res = await post(h.app, 'format=wordpress&rewrite=old.example.com%3Dblog.example', file);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ complete: true, imported: 8, existing: 0, problems: 2, pages: 2 });
    const again = (await (await post(h.app, 'format=wordpress', file)).json()) as Record<string, unknown>;
    expect(again).toMatchObject({ imported: 0, existing: 8 });
  });

  it('refuses hostile and broken files with a clear 400', async () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>';
    const res = await post(h.app, 'format=wordpress', xxe);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/DOCTYPE/);
    const bad = await post(h.app, 'format=commento', '{"nope": 1}');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('Commento');
    expect((await post(h.app, 'format=excel', 'x')).status).toBe(400);
    expect((await post(h.app, 'format=native&rewrite=nonsense', '{}')).status).toBe(400);
  });

  it('takes files above the general request limit, up to 6 MB', async () => {
    const big = Buffer.alloc(7 * 1024 * 1024, 32);
    const res = await post(h.app, 'format=native', big);
    expect(res.status).toBe(413);
    const mid = `${JSON.stringify({ format: 'afterword-native', version: 1, comments: [] })}${' '.repeat(200_000)}`;
    const ok = await post(h.app, 'format=native', mid);
    expect(ok.status).toBe(200);
  });
});

describe('export over HTTP', () => {
  const get = (app: Harness['app'], cursor?: string) =>
    app.request(`/api/v1/sites/web/export${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, {
      headers: { authorization: `Bearer ${exportToken}` },
    });

  it('gives everything in one chunk when time allows', async () => {
    const res = await get(h.app);
    expect(res.status).toBe(200);
    const chunk = (await res.json()) as NativeChunk;
    expect(chunk.comments).toHaveLength(8);
    expect(chunk.nextCursor).toBeNull();
    expect(chunk.comments.some((c) => c.author.email === 'zoe@example.com')).toBe(true);
    expect(chunk.comments.every((c) => !/<script/i.test(c.html))).toBe(true);
  });

  it('stops before the deadline and hands back a cursor that goes on without gaps or repeats', async () => {
    // Each time check costs 400 ms; 3 s are kept back: a chunk ends after two comments.
    let left = 3000 + 400 * 3;
    const app = createApp({ ...h.deps, remainingMs: () => (left -= 400) });
    const seen: string[] = [];
    let cursor: string | undefined;
    let rounds = 0;
    do {
      left = 3000 + 400 * 3;
      const res = await get(app, cursor);
      expect(res.status).toBe(200);
      const chunk = (await res.json()) as NativeChunk;
      seen.push(...chunk.comments.map((c) => c.id));
      cursor = chunk.nextCursor ?? undefined;
      rounds++;
    } while (cursor && rounds < 50);
    expect(rounds).toBeGreaterThan(2);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  });

  it('refuses a cursor that is not an export cursor', async () => {
    const res = await get(h.app, 'bm90LWEtY3Vyc29y');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_cursor');
  });
});
