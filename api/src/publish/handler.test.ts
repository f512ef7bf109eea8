/**
 * The publisher on real stream records (DynamoDB Local): a listed change publishes its page once per
 * batch and the site file; a vote only the thread JSON; a pending post on a known page publishes
 * nothing; approving, locking and a settings change do; a batch handled again writes nothing; a failed
 * publish reports every record that asked for it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SiteFile, siteFile, type ThreadFile, threadFile } from '../contract/files.js';
import { createStore } from '../store/index.js';
import { openStream, type StreamReader } from '../store/stream.js';
import { postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { targetsOf } from './changes.js';
import { createDirFileStore } from './dir-store.js';
import type { FileStore, FileWrite } from './file-store.js';
import { createPublisher } from './handler.js';
import { drainRecords } from './stream.testkit.js';

let h: Harness;
let dir: string;
let reader: StreamReader;
beforeAll(async () => {
  h = await createHarness();
  dir = mkdtempSync(join(tmpdir(), 'afterword-publisher-'));
  await h.site('open', { moderation: 'none' });
  await h.site('held', { moderation: 'all' });
  reader = openStream(h.config, 'LATEST');
  await reader.poll();
});
afterAll(async () => {
  reader?.close();
  await h?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const records = () => drainRecords(reader);

/** The directory store, counting the writes it is asked for. */
function counted(fail = false) {
  const inner = createDirFileStore(dir);
  const writes: string[] = [];
  const files: FileStore = {
    describe: inner.describe,
    version: (k) => inner.version(k),
    async put(w: FileWrite) {
      writes.push(w.key);
      if (fail) throw new Error('disk full');
      return inner.put(w);
    },
  };
  return { files, writes };
}

const read = <T>(key: string): T => JSON.parse(readFileSync(join(dir, key), 'utf8')) as T;
const post = (site: string, page: string, body: string) =>
  postComment(h.call, { site, page, body, author: { name: 'Reader' } });

it('publishes each changed page once per batch, and the site file', async () => {
  const { files, writes } = counted();
  await post('open', '/one/', 'first');
  await post('open', '/one/', 'second');
  await post('open', '/two/', 'third');
  const batch = await records();
  const res = await createPublisher({ store: h.store, files, log: () => {} }).handleBatch(batch);
  expect(res.batchItemFailures).toEqual([]);
  const one = threadFile('open', '/one/')!;
  expect(writes.filter((k) => k === one.json)).toHaveLength(1);
  expect(writes.filter((k) => k === siteFile('open'))).toHaveLength(1);
  expect(read<ThreadFile>(one.json).comments.map((c) => c.html)).toEqual([
    expect.stringContaining('first'),
    expect.stringContaining('second'),
  ]);
  expect(read<SiteFile>(siteFile('open')).counts).toEqual({ '/one/': 2, '/two/': 1 });
});

it('a vote rewrites only the thread JSON (with the score); a batch handled again writes nothing', async () => {
  const publisher = (files: FileStore) => createPublisher({ store: h.store, files, log: () => {} });
  const posted = await post('open', '/votes/', 'vote on me');
  await publisher(counted().files).handleBatch(await records());
  const t = threadFile('open', '/votes/')!;
  const html = readFileSync(join(dir, t.html), 'utf8');
  const site = read<SiteFile>(siteFile('open'));

  const c = (await h.store.comments.read(posted.json.comment.id))!;
  await h.store.votes.cast({ comment: c, voter: 'v'.repeat(32), old: 0 }, 1, new Date().toISOString());
  const batch = await records();
  const voted = counted();
  expect((await publisher(voted.files).handleBatch(batch)).batchItemFailures).toEqual([]);
  expect(voted.writes).toEqual([t.json]);
  expect(read<ThreadFile>(t.json).comments[0]!.score).toBe(1);
  expect(readFileSync(join(dir, t.html), 'utf8')).toBe(html);
  expect(read<SiteFile>(siteFile('open'))).toEqual(site);

  // The same batch again (a retry): every file is asked for and none is written.
  const results: string[] = [];
  const inner = createDirFileStore(dir);
  const again: FileStore = { ...inner, put: async (w) => `${results.push(await inner.put(w))}` as never };
  await publisher(again).handleBatch(batch);
  expect(results).toEqual(['unchanged']);
  // A comment's full publish handled twice: the second writes nothing either.
  await post('open', '/votes/', 'a reply-less second');
  const full = await records();
  await publisher(counted().files).handleBatch(full);
  results.length = 0;
  await publisher(again).handleBatch(full);
  expect(results.sort()).toEqual(['unchanged', 'unchanged', 'unchanged']);
});

it('a pending post on a known page publishes nothing; its approval and a lock do', async () => {
  const publisher = (files: FileStore) => createPublisher({ store: h.store, files, log: () => {} });
  const first = await post('held', '/q/', 'held one');
  await publisher(counted().files).handleBatch(await records()); // the page's first write
  const second = await post('held', '/q/', 'held two');
  const quiet = counted();
  await publisher(quiet.files).handleBatch(await records());
  expect(quiet.writes).toEqual([]);

  const c = (await h.store.comments.read(second.json.comment.id))!;
  await h.store.comments.setStatus(c, 'approved', new Date().toISOString());
  const loud = counted();
  await publisher(loud.files).handleBatch(await records());
  const q = threadFile('held', '/q/')!;
  expect(loud.writes).toContain(q.json);
  expect(read<ThreadFile>(q.json).comments.map((x) => x.id)).toEqual([second.json.comment.id]);
  expect(first.json.comment.status).toBe('pending');

  await h.store.moderation.setLocked('held', '/q/', true, new Date().toISOString());
  await publisher(counted().files).handleBatch(await records());
  expect(read<ThreadFile>(q.json).page.locked).toBe(true);
});

it('a change of public settings republishes the site file and every page of the site', async () => {
  const { files, writes } = counted();
  // The publisher's store caches sites (as on Lambda), and has the old settings in its cache.
  const store = createStore({ ...h.config, siteCacheMs: 60_000 }, h.db);
  expect((await store.sites.get('open'))?.maxDepth).not.toBe(2);
  await h.store.sites.put('open', { maxDepth: 2 }, 'update');
  await createPublisher({ store, files, log: () => {} }).handleBatch(await records());
  expect(writes).toEqual(
    expect.arrayContaining([
      threadFile('open', '/one/')!.json,
      threadFile('open', '/two/')!.json,
      siteFile('open'),
    ]),
  );
  expect(read<ThreadFile>(threadFile('open', '/two/')!.json).settings.maxDepth).toBe(2);
  expect(read<SiteFile>(siteFile('open')).settings.maxDepth).toBe(2);
});

it('reports every record of a page whose publish failed', async () => {
  await post('open', '/fail/', 'x');
  await post('open', '/fail/', 'y');
  const batch = await records();
  const logs: string[] = [];
  const res = await createPublisher({
    store: h.store,
    files: counted(true).files,
    log: (l) => logs.push(l),
  }).handleBatch(batch);
  const failed = new Set(res.batchItemFailures.map((f) => f.itemIdentifier));
  // Both comments' records (and their page's) asked for the page: each is reported.
  const asked = batch.filter((r) => targetsOf(r).pages.some((p) => p.page === '/fail/'));
  expect(asked.length).toBeGreaterThanOrEqual(3); // two comments and their page's meta
  for (const r of asked) expect(failed.has(r.dynamodb!.SequenceNumber!)).toBe(true);
  expect(logs.join('\n')).toContain('disk full');
});

it('a page moved away leaves its old file empty (at a higher version) and the new one full', async () => {
  const publisher = createPublisher({ store: h.store, files: counted().files, log: () => {} });
  const posted = await post('open', '/from/', 'moving');
  await publisher.handleBatch(await records());
  const from = threadFile('open', '/from/')!;
  const before = read<ThreadFile>(from.json);
  expect(before.comments).toHaveLength(1);
  await h.store.pageMoves.move('open', '/from/', '/to/', new Date().toISOString());
  await publisher.handleBatch(await records());
  const after = read<ThreadFile>(from.json);
  expect(after.comments).toEqual([]);
  expect(after.version).toBeGreaterThan(before.version);
  const to = read<ThreadFile>(threadFile('open', '/to/')!.json);
  expect(to.comments.map((c) => c.id)).toEqual([posted.json.comment.id]);
});
