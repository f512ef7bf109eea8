/**
 * Both file stores: a file is written with its type and cache headers, and never goes back in time:
 * an older version finishing last leaves the newer file (S3 on s3rver, and the local directory).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_CACHE_CONTROL } from '../contract/files.js';
import { createDirFileStore } from './dir-store.js';
import type { FileStore, FileWrite } from './file-store.js';
import { createS3FileStore } from './s3-store.js';
import { type LocalS3, startLocalS3 } from './s3rver.testkit.js';

let s3: LocalS3;
let dir: string;
let raw: S3Client;
const stores: Record<string, () => FileStore> = {};

beforeAll(async () => {
  s3 = await startLocalS3();
  dir = mkdtempSync(join(tmpdir(), 'afterword-files-'));
  raw = new S3Client({
    region: 'us-east-1',
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: s3.credentials,
  });
  const s3Store = createS3FileStore({
    bucket: s3.bucket,
    endpoint: s3.endpoint,
    credentials: s3.credentials,
  });
  stores.s3 = () => s3Store;
  stores.dir = () => createDirFileStore(dir);
});
afterAll(async () => {
  raw?.destroy();
  await s3?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const write = (key: string, version: number): FileWrite => ({
  key,
  body: JSON.stringify({ version }),
  contentType: 'application/json; charset=utf-8',
  version,
});

/** The body as stored, read past the store under test. */
async function stored(kind: string, key: string): Promise<string> {
  if (kind === 'dir') return readFileSync(join(dir, key), 'utf8');
  const res = await raw.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  return res.Body!.transformToString();
}

describe.each(['s3', 'dir'])('%s store', (kind) => {
  it('writes newer versions and keeps a newer file over an older write', async () => {
    const files = stores[kind]!();
    const key = `files/v1/blog/t/${kind}-a.json`;
    expect(await files.version(key)).toBeUndefined();
    expect(await files.put(write(key, 3))).toBe('written');
    expect(await files.put(write(key, 2))).toBe('kept');
    expect(JSON.parse(await stored(kind, key))).toEqual({ version: 3 });
    // The same version and content again (a retried batch) is not written; other content is (settings).
    expect(await files.put(write(key, 3))).toBe('unchanged');
    expect(await files.put({ ...write(key, 3), body: '{"version":3,"x":1}' })).toBe('written');
    expect(JSON.parse(await stored(kind, key))).toEqual({ version: 3, x: 1 });
    expect(await files.put(write(key, 4))).toBe('written');
    expect(await files.version(key)).toBe(4);
    expect(JSON.parse(await stored(kind, key))).toEqual({ version: 4 });
  });

  it('compares content without what changes on every publish: a new publish time alone writes nothing', async () => {
    const files = stores[kind]!();
    const key = `files/v1/blog/t/${kind}-same.json`;
    const at = (publishedAt: string, score = 1): FileWrite => {
      const file = { version: 7, score, publishedAt };
      return {
        key,
        body: JSON.stringify(file),
        content: JSON.stringify({ ...file, publishedAt: undefined }),
        contentType: 'application/json; charset=utf-8',
        version: 7,
      };
    };
    expect(await files.put(at('2026-01-01T00:00:00Z'))).toBe('written');
    expect(await files.put(at('2026-01-01T00:05:00Z'))).toBe('unchanged');
    expect(JSON.parse(await stored(kind, key)).publishedAt).toBe('2026-01-01T00:00:00Z');
    expect(await files.put(at('2026-01-01T00:06:00Z', 2))).toBe('written');
    expect(JSON.parse(await stored(kind, key))).toMatchObject({
      score: 2,
      publishedAt: '2026-01-01T00:06:00Z',
    });
  });

  it('ends at the newer version when two writes race, whichever is sent first', async () => {
    const files = stores[kind]!();
    for (const order of [
      [5, 6],
      [8, 7],
    ]) {
      const key = `files/v1/blog/t/${kind}-race-${order.join('')}.json`;
      await Promise.all(order.map((v) => files.put(write(key, v))));
      expect(JSON.parse(await stored(kind, key)).version).toBe(Math.max(...order));
    }
  });
});

it('S3 objects carry their type, a short cache with revalidation, and their version', async () => {
  const key = 'files/v1/blog/t/headers.html';
  await stores.s3!().put({
    key,
    body: '<section></section>',
    contentType: 'text/html; charset=utf-8',
    version: 1,
  });
  const res = await raw.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  expect(res.ContentType).toBe('text/html; charset=utf-8');
  expect(res.CacheControl).toBe(FILE_CACHE_CONTROL);
  expect(res.ETag).toMatch(/^"[0-9a-f]+"$/);
  expect(res.Metadata?.version).toBe('1');
  // s3rver keeps user metadata as S3 does: the digest the next write is compared with.
  expect(res.Metadata?.digest).toMatch(/^[\w-]{43}$/);
});

it('the directory store refuses a key that leaves its folder', async () => {
  await expect(stores.dir!().put(write('../escape.json', 1))).rejects.toThrow(/bad file key/);
});
