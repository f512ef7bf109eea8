/**
 * Replies from elsewhere through export and import (issue 18): the native file keeps each one's source, remote
 * id, link, handle and parent there; an import keeps them, makes the ids a refresh makes, so refreshing the same
 * posts afterwards adds nothing; the imported replies stay nested and their accounts' hashes let a ban name them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportChunk } from '../contract/responses.js';
import { remoteCommentId, remoteIdentity } from '../domain/comment/remote.js';
import {
  type FakeBluesky,
  type FakeMastodon,
  startFakeBluesky,
  startFakeMastodon,
} from '../domain/remote/fakes.testkit.js';
import { refreshPage, remoteEnv } from '../domain/remote/refresh.js';
import type { RemoteEnv } from '../domain/remote/sync.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { exportChunk } from './export.js';
import type { NativeChunk } from './native.js';
import { runImport, single } from './run.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'native.schema.json'), 'utf8'));
const validateChunk = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const LIMITS = { maxBytes: 1 << 20, remainingMs: () => Number.POSITIVE_INFINITY, reserveMs: 0 };

let h: Harness;
let masto: FakeMastodon;
let bsky: FakeBluesky;
let env: RemoteEnv;

async function exported(site: string): Promise<NativeChunk> {
  const chunk = await exportChunk(h.store, (await h.store.sites.get(site))!, undefined, LIMITS);
  expect(validateChunk(chunk), JSON.stringify(validateChunk.errors?.slice(0, 3))).toBe(true);
  expect(ExportChunk.allows(chunk)).toBe(true);
  expect(chunk.nextCursor).toBeNull();
  return chunk;
}

async function link(site: string) {
  const now = h.deps.now().toISOString();
  await h.store.remoteLinks.link(
    site,
    '/post/',
    { source: 'mastodon', url: masto.statusUrl, by: 'moderator' },
    now,
  );
  return h.store.remoteLinks.link(
    site,
    '/post/',
    { source: 'bluesky', url: bsky.postUrl, by: 'moderator' },
    now,
  );
}

const importInto = (site: string, file: NativeChunk) =>
  runImport({
    store: h.store,
    secret: h.config.secret,
    site,
    format: 'native',
    chunks: single(JSON.stringify(file)),
  });

beforeAll(async () => {
  [masto, bsky] = await Promise.all([startFakeMastodon(), startFakeBluesky()]);
  h = await createHarness({ outboundAllow: [masto.server.host, bsky.server.host] });
  env = remoteEnv({ ...h.config, blueskyApiUrl: bsky.server.origin }, h.store, h.deps.now);
  for (const site of ['from', 'to']) await h.site(site, { moderation: 'none' });
  masto.statuses = [
    { id: '2001', inReplyTo: '1000', acct: 'ann', name: 'Ann', content: '<p>Top reply</p>' },
    { id: '2002', inReplyTo: '2001', acct: 'ben@far.example', name: 'Ben', content: '<p>Nested reply</p>' },
  ];
  bsky.posts = [{ rkey: 'b1', handle: 'cat.bsky.social', name: 'Cat', text: 'From Bluesky' }];
  expect(await refreshPage(env, await link('from'))).toMatchObject({ created: 3, failed: 0 });
});
afterAll(async () => {
  await Promise.all([masto?.close(), bsky?.close()]);
  await h?.drop();
});

describe('remote replies in the native format', () => {
  it('are exported with their source, remote id, link, handle and parent there', async () => {
    const file = await exported('from');
    expect(file.comments).toHaveLength(3);
    const ann = file.comments.find((c) => c.html.includes('Top reply'))!;
    const ben = file.comments.find((c) => c.html.includes('Nested reply'))!;
    const cat = file.comments.find((c) => c.html.includes('From Bluesky'))!;
    expect(ann.remote).toEqual({
      source: 'mastodon',
      remoteId: '2001',
      url: 'https://social.example/@ann/2001',
      handle: '@ann@social.example',
      profile: 'https://social.example/@ann',
    });
    expect(ben).toMatchObject({ parentId: ann.id, remote: { remoteId: '2002', parentRemoteId: '2001' } });
    expect(cat.remote).toMatchObject({ source: 'bluesky', handle: '@cat.bsky.social' });
    expect(cat.remote?.remoteId).toMatch(/^at:\/\//);
    // A remote account has no email: none is exported for it.
    for (const c of file.comments) expect(c.author.email).toBeUndefined();
  });

  it('are imported with them kept, nested, with the ids a refresh makes: refreshing then adds nothing', async () => {
    const file = await exported('from');
    const result = await importInto('to', file);
    expect(result).toMatchObject({ imported: 3, problems: 0 });
    const back = await exported('to');
    const strip = (d: NativeChunk) =>
      d.comments
        .map((c) => ({ remote: c.remote, html: c.html, depth: c.depth, author: c.author.name }))
        .sort((a, b) => a.html.localeCompare(b.html));
    expect(strip(back)).toEqual(strip(file));
    for (const c of back.comments) {
      expect(c.id).toBe(remoteCommentId(h.config.secret, 'to', c.remote!));
      const item = await h.store.comments.read(c.id);
      // The account's keyed hashes, as a reply fetched here would carry: a ban of it names these.
      expect(item?.emailHash).toBe(remoteIdentity(h.config.secret, c.remote!).emailHash);
    }
    const ann = back.comments.find((c) => c.remote?.remoteId === '2001')!;
    expect(back.comments.find((c) => c.remote?.remoteId === '2002')?.parentId).toBe(ann.id);

    // The same posts linked on the new site: the refresh finds every reply there already.
    const run = await refreshPage(env, await link('to'));
    expect(run).toMatchObject({ created: 0, removed: 0, failed: 0 });
    expect((await exported('to')).comments).toHaveLength(3);
    expect((await h.store.threads.getPage('to', '/post/'))?.count).toBe(3);
  });

  it('a second import of the same file adds nothing', async () => {
    const again = await importInto('to', await exported('from'));
    expect(again).toMatchObject({ imported: 0, existing: 3, problems: 0 });
  });

  it('drops an origin the file gives without an https original, keeping the comment', async () => {
    const file = await exported('from');
    const one = file.comments.find((c) => c.remote?.remoteId === '2001')!;
    const bad: NativeChunk = {
      ...file,
      comments: [{ ...one, id: 'badremote01', remote: { ...one.remote!, url: 'javascript:alert(1)' } }],
    };
    await h.site('odd', { moderation: 'none' });
    expect(await importInto('odd', bad)).toMatchObject({ imported: 1 });
    const [c] = (await exported('odd')).comments;
    expect(c?.remote).toBeUndefined();
    expect(c?.html).toContain('Top reply');
  });
});
