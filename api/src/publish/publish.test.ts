/**
 * Publishing a page and a site from the store: the thread file holds the listed comments with parent,
 * depth and the page's version; the HTML fragment carries the same comments as schema.org Comment
 * microdata (parsed with microdata-node); two publishes racing (the older finishing last) leave the
 * newer file, in the directory store and on S3 (s3rver).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toJson } from 'microdata-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SiteFile, siteFile, type ThreadFile, threadFile } from '../contract/files.js';
import { postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { createDirFileStore } from './dir-store.js';
import type { FileStore, FileWrite } from './file-store.js';
import { publishPage, publishSite } from './publish.js';
import { createS3FileStore } from './s3-store.js';
import { type LocalS3, startLocalS3 } from './s3rver.testkit.js';

let h: Harness;
let s3: LocalS3;
let dir: string;
beforeAll(async () => {
  [h, s3] = await Promise.all([createHarness(), startLocalS3()]);
  dir = mkdtempSync(join(tmpdir(), 'afterword-publish-'));
  await h.site('pub', { moderation: 'none' });
});
afterAll(async () => {
  await h?.drop();
  await s3?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const read = <T>(key: string): T => JSON.parse(readFileSync(join(dir, key), 'utf8')) as T;

async function post(page: string, body: string, parentId?: string): Promise<string> {
  const res = await postComment(h.call, {
    site: 'pub',
    page,
    body,
    author: { name: 'Ada <Lovelace>', website: 'https://ada.example/' },
    ...(parentId ? { parentId } : {}),
  });
  expect(res.status).toBe(201);
  return res.json.comment.id;
}

it('writes the thread as JSON and as an HTML fragment with Comment microdata', async () => {
  const files = createDirFileStore(dir);
  const first = await post('/a/', 'Hello **there**');
  await post('/a/', 'A reply', first);
  const out = await publishPage({ store: h.store, files }, 'pub', '/a/');
  const paths = threadFile('pub', '/a/')!;
  expect(out).toMatchObject({ json: 'written', html: 'written' });
  const t = read<ThreadFile>(paths.json);
  expect(t.version).toBe(out!.version);
  expect(t.version).toBe(await h.store.threads.version('pub', '/a/'));
  expect(t).toMatchObject({ format: 1, complete: true, page: { site: 'pub', page: '/a/', count: 2 } });
  expect(t.settings).toMatchObject({ moderation: 'none' });
  expect(t.comments.map((c) => [c.parentId, c.depth])).toEqual([
    [null, 0],
    [first, 1],
  ]);
  expect(JSON.stringify(t)).not.toMatch(/ipHash|email/i);

  const html = readFileSync(join(dir, paths.html), 'utf8');
  expect(html).not.toMatch(/<script/i);
  expect(html).toContain('Ada &lt;Lovelace&gt;');
  const { items } = toJson(html, { base: 'https://blog.example/a/' });
  expect(items).toHaveLength(1); // the reply is nested in its parent
  const top = items[0]!;
  expect(top.type).toEqual(['https://schema.org/Comment']);
  expect(top.properties.dateCreated).toEqual([t.comments[0]!.createdAt]);
  const author = top.properties.author![0] as { properties: Record<string, unknown[]> };
  expect(author.properties.name).toEqual(['Ada <Lovelace>']);
  expect(author.properties.url).toEqual(['https://ada.example/']);
  expect(String(top.properties.text![0])).toContain('Hello there');
  const reply = top.properties.comment![0] as { type: string[]; properties: Record<string, unknown[]> };
  expect(reply.type).toEqual(['https://schema.org/Comment']);
  expect(String(reply.properties.text![0])).toContain('A reply');
});

it('writes the site file: settings, counts of its pages, recent approved comments newest first', async () => {
  const files = createDirFileStore(dir);
  await post('/b/', 'On b');
  const out = await publishSite({ store: h.store, files }, 'pub');
  expect(out?.result).toBe('written');
  const s = read<SiteFile>(siteFile('pub'));
  expect(s.counts).toEqual({ '/a/': 2, '/b/': 1 });
  expect(s.recent.map((r) => [r.page, r.comment.html])).toEqual([
    ['/b/', expect.stringContaining('On b')],
    ['/a/', expect.stringContaining('A reply')],
    ['/a/', expect.stringContaining('Hello')],
  ]);
  expect(s.version).toBe(
    (await h.store.threads.version('pub', '/a/'))! + (await h.store.threads.version('pub', '/b/'))!,
  );
  expect(await publishSite({ store: h.store, files }, 'missing')).toBeUndefined();
});

/** A store whose writes of the first publish wait until released: that publish finishes last. */
function heldFirst(inner: FileStore) {
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  let held = 0;
  const store: FileStore = {
    describe: inner.describe,
    version: (k) => inner.version(k),
    async put(w: FileWrite) {
      if (held++ < 2) await gate; // the first publish's JSON and HTML
      return inner.put(w);
    },
  };
  return { store, release: () => release() };
}

describe.each(['dir', 's3'])('two publishes of one page racing (%s)', (kind) => {
  it('the older state finishing last leaves the newer file', async () => {
    const page = `/race-${kind}/`;
    const base: FileStore =
      kind === 'dir'
        ? createDirFileStore(dir)
        : createS3FileStore({ bucket: s3.bucket, endpoint: s3.endpoint, credentials: s3.credentials });
    await post(page, 'first');
    const { store: files, release } = heldFirst(base);
    const older = publishPage({ store: h.store, files }, 'pub', page);
    // The older publish has read the page and waits to write; a new comment comes and is published.
    await new Promise((r) => setTimeout(r, 200));
    await post(page, 'second');
    const newer = await publishPage({ store: h.store, files }, 'pub', page);
    release();
    const late = await older;
    expect(late!.version).toBeLessThan(newer!.version);
    expect(late).toMatchObject({ json: 'kept', html: 'kept' });
    const paths = threadFile('pub', page)!;
    expect(await base.version(paths.json)).toBe(newer!.version);
    expect(await base.version(paths.html)).toBe(newer!.version);
    if (kind === 'dir') expect(read<ThreadFile>(paths.json).comments).toHaveLength(2);
  });
});
