/**
 * `npm start`'s thread files end to end: a comment posted over HTTP to the Node server shows in its
 * thread file (and the site file) served at `/files/...` by the same server, with a short cache and an
 * ETag that answers 304 until the thread changes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  FILE_CACHE_CONTROL,
  type SiteFile,
  siteFile,
  type ThreadFile,
  threadFile,
} from '../contract/files.js';
import { type RunningServer, startServer } from '../server.js';
import { httpCaller } from '../testing/clients.js';
import { postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { type LocalPublisher, startLocalPublisher } from './local-publish.js';

let h: Harness;
let server: RunningServer;
let publisher: LocalPublisher;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'afterword-local-files-'));
  h = await createHarness({ filesDir: dir });
  await h.site('local', { moderation: 'none' });
  server = await startServer({ ...h.config, port: 0 }, h.store, { staticRoot: '/nonexistent' });
  publisher = await startLocalPublisher(h.config, h.store, { log: () => {}, intervalMs: 50 });
});
afterAll(async () => {
  await publisher?.stop();
  await server?.close();
  await h?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** GETs a file until `ready` accepts it (the publisher runs behind the stream). */
async function until(path: string, ready: (res: Response, body: string) => boolean): Promise<Response> {
  const end = Date.now() + 10_000;
  for (;;) {
    const res = await fetch(`${server.url}/${path}`);
    const body = await res.text();
    if (ready(res, body)) return new Response(body, { status: res.status, headers: res.headers });
    if (Date.now() > end) throw new Error(`timed out on ${path}: ${res.status} ${body.slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('a comment posted over HTTP shows in the served thread file, revalidated by ETag', async () => {
  const paths = threadFile('local', '/hello/')!;
  // Not published yet: a 404 a widget on the blog's origin can read (it then reads the API).
  const missing = await fetch(`${server.url}/${paths.json}`);
  expect([missing.status, missing.headers.get('access-control-allow-origin')]).toEqual([404, '*']);
  const call = httpCaller(server.url);
  const posted = await postComment(call, {
    site: 'local',
    page: '/hello/',
    body: 'Served **statically**',
    author: { name: 'Local' },
  });
  expect(posted.status).toBe(201);
  const id = posted.json.comment.id as string;

  const res = await until(paths.json, (r, b) => r.status === 200 && b.includes(id));
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(res.headers.get('cache-control')).toBe(FILE_CACHE_CONTROL);
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  const thread = (await res.json()) as ThreadFile;
  expect(thread.comments[0]).toMatchObject({ id, parentId: null, depth: 0 });
  const etag = res.headers.get('etag')!;
  expect(etag).toMatch(/^"[\w-]+"$/);
  const again = await fetch(`${server.url}/${paths.json}`, { headers: { 'if-none-match': etag } });
  expect(again.status).toBe(304);

  const html = await until(paths.html, (r, b) => r.status === 200 && b.includes(`data-id="${id}"`));
  expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const site = await until(siteFile('local'), (r) => r.status === 200);
  expect(((await site.json()) as SiteFile).counts).toEqual({ '/hello/': 1 });

  // A reply changes the thread: the old ETag no longer matches and the file shows both.
  await postComment(call, {
    site: 'local',
    page: '/hello/',
    body: 'A reply',
    parentId: id,
    author: { name: 'L2' },
  });
  const newer = await until(
    paths.json,
    (r, b) => r.status === 200 && (JSON.parse(b) as ThreadFile).comments.length === 2,
  );
  expect(newer.headers.get('etag')).not.toBe(etag);
});

it('answers 404 for what is not a published file, and never leaves the folder', async () => {
  for (const path of [
    'files/v1/local/t/nothing.json',
    'files/v1/local/t/x.txt',
    'files/..%2f..%2fetc/passwd',
  ])
    expect((await fetch(`${server.url}/${path}`)).status).toBe(404);
});
