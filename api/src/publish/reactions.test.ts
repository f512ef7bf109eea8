/**
 * Reactions in the thread files, from real stream records (DynamoDB Local): a reaction on a comment or on the page
 * rewrites only the page's thread JSON (the fragment and the site file show no counts), which then holds the
 * counts and the site's sets; a page nobody commented on gets its first file from a page reaction.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { siteFile, type ThreadFile, threadFile } from '../contract/files.js';
import { PublicComment, PublicPage, PublicSettings } from '../contract/responses.js';
import { openStream, type StreamReader } from '../store/stream.js';
import { postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { createDirFileStore } from './dir-store.js';
import type { FileStore, FileWrite } from './file-store.js';
import { createPublisher } from './handler.js';
import { drainRecords } from './stream.testkit.js';

let h: Harness;
let dir: string;
let reader: StreamReader;
const REACTIONS = { comments: ['👍' as const, '🎉' as const], page: ['❤️' as const] };

beforeAll(async () => {
  h = await createHarness();
  dir = mkdtempSync(join(tmpdir(), 'afterword-reactions-'));
  await h.site('rx', { moderation: 'none', reactions: REACTIONS });
  reader = openStream(h.config, 'LATEST');
  await reader.poll();
});
afterAll(async () => {
  reader?.close();
  await h?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const records = () => drainRecords(reader);

/** Publishes what the stream holds now; the keys it wrote. */
async function publish(): Promise<string[]> {
  const inner = createDirFileStore(dir);
  const writes: string[] = [];
  const files: FileStore = {
    describe: inner.describe,
    version: (k) => inner.version(k),
    put: (w: FileWrite) => {
      writes.push(w.key);
      return inner.put(w);
    },
  };
  const res = await createPublisher({ store: h.store, files, log: () => {} }).handleBatch(await records());
  expect(res.batchItemFailures).toEqual([]);
  return writes;
}

const read = (key: string) => JSON.parse(readFileSync(join(dir, key), 'utf8')) as ThreadFile;
const react = (path: string, method = 'PUT') =>
  h.call(method, `/api/v1${path}`, { headers: { origin: 'https://blog.example' } });

it('a reaction on a comment or on the page rewrites only the thread JSON, which holds the counts', async () => {
  const posted = await postComment(h.call, { site: 'rx', page: '/r/', body: 'react to me' });
  await publish();
  const t = threadFile('rx', '/r/')!;
  const html = readFileSync(join(dir, t.html), 'utf8');
  const site = readFileSync(join(dir, siteFile('rx')), 'utf8');

  const id = posted.json.comment.id as string;
  expect((await react(`/comments/${id}/reactions/${encodeURIComponent('🎉')}`)).status).toBe(200);
  expect(await publish()).toEqual([t.json]);
  const file = read(t.json);
  expect(file.comments[0]!.reactions).toEqual({ '🎉': 1 });
  expect(file.settings.reactions).toEqual(REACTIONS);
  // The file's parts are the contract's public shapes (strict: nothing more).
  for (const [schema, v] of [
    [PublicComment, file.comments[0]],
    [PublicPage, file.page],
    [PublicSettings, file.settings],
  ] as const)
    expect(schema(v)).toEqual(v);

  expect((await react(`/reactions/${encodeURIComponent('❤️')}?site=rx&page=/r/`)).status).toBe(200);
  expect(await publish()).toEqual([t.json]);
  expect(read(t.json).page.reactions).toEqual({ '❤️': 1 });
  expect((await react(`/comments/${id}/reactions/${encodeURIComponent('🎉')}`, 'DELETE')).status).toBe(200);
  expect(await publish()).toEqual([t.json]);
  expect(read(t.json).comments[0]!.reactions).toBeUndefined();
  expect(readFileSync(join(dir, t.html), 'utf8')).toBe(html);
  expect(readFileSync(join(dir, siteFile('rx')), 'utf8')).toBe(site);
});

it('gives a page nobody commented on its first thread file from a page reaction', async () => {
  expect((await react(`/reactions/${encodeURIComponent('❤️')}?site=rx&page=/quiet/`)).status).toBe(200);
  await publish();
  const file = read(threadFile('rx', '/quiet/')!.json);
  expect(file).toMatchObject({ page: { count: 0, reactions: { '❤️': 1 } }, comments: [], complete: true });
});
