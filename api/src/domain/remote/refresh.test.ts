/**
 * Acceptance 1 of issue 18: a page linked to a fake Mastodon status and a fake Bluesky post shows their
 * replies nested as at the source (read through the API); a second refresh adds nothing; an edit and a
 * deletion at the source show after the next one. And the decay, the due list, the page's own links.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHarness, type Harness } from '../../testing/harness.js';
import { startWebServer, type WebServer } from '../../testing/web-server.js';
import { createComment } from '../comment/create.js';
import { type FakeBluesky, type FakeMastodon, startFakeBluesky, startFakeMastodon } from './fakes.testkit.js';
import { startLocalRefresher } from './local.js';
import { refreshDue, refreshInterval, remoteEnv, seedDiscoverable } from './refresh.js';
import type { RemoteEnv } from './sync.js';

let h: Harness;
let masto: FakeMastodon;
let bsky: FakeBluesky;
let blog: WebServer;
let env: RemoteEnv;

interface Shown {
  id: string;
  parentId: string | null;
  depth: number;
  html: string;
  status: string;
  author: { name: string; website?: string };
  remote?: { source: string; url: string; handle?: string };
}

async function thread(site: string, page: string) {
  const res = await h.call('GET', `/api/v1/comments?site=${site}&page=${encodeURIComponent(page)}&limit=100`);
  expect(res.status).toBe(200);
  const body = res.json as { comments: Shown[]; page: { count: number } };
  return body;
}
const byText = (list: Shown[], text: string) => list.find((c) => c.html.includes(text));
const MIN = 60_000;

beforeAll(async () => {
  [masto, bsky, blog] = await Promise.all([startFakeMastodon(), startFakeBluesky(), startWebServer()]);
  h = await createHarness({ outboundAllow: [masto.server.host, bsky.server.host, blog.host] });
  env = remoteEnv({ ...h.config, blueskyApiUrl: bsky.server.origin }, h.store, h.deps.now);
  await h.site('blog', { moderation: 'none' });
  await h.site('found', { moderation: 'none', origins: [blog.origin], remote: { discover: true } });
  masto.statuses = [
    { id: '1001', inReplyTo: '1000', acct: 'bob', name: 'Bob', content: '<p>First!</p>' },
    { id: '1002', inReplyTo: '1001', acct: 'cy@other.example', name: 'Cy', content: '<p>Reply to Bob</p>' },
    { id: '1003', inReplyTo: '1000', acct: 'dee', name: 'Dee', content: '<p>Another thought</p>' },
    {
      id: '1004',
      inReplyTo: '1000',
      acct: 'eve',
      name: 'Eve',
      content: '<p>followers only</p>',
      visibility: 'private',
    },
  ];
  const text = 'Nice, see example.com';
  const at = Buffer.byteLength('Nice, see ');
  bsky.posts = [
    {
      rkey: 'r1',
      handle: 'fay.bsky.social',
      name: 'Fay',
      text,
      facets: [
        {
          index: { byteStart: at, byteEnd: at + Buffer.byteLength('example.com') },
          features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/' }],
        },
      ],
    },
    { rkey: 'r2', parent: 'r1', handle: 'gus.bsky.social', name: 'Gus', text: 'Agreed 👍' },
    { rkey: 'r3', handle: 'hal.bsky.social', name: 'Hal', text: 'gone already', deleted: true },
  ];
  const now = h.deps.now().toISOString();
  await h.store.remoteLinks.link(
    'blog',
    '/post/',
    { source: 'mastodon', url: masto.statusUrl, by: 'moderator' },
    now,
  );
  await h.store.remoteLinks.link(
    'blog',
    '/post/',
    { source: 'bluesky', url: bsky.postUrl, by: 'moderator' },
    now,
  );
});
afterAll(async () => {
  await Promise.all([masto?.close(), bsky?.close(), blog?.close()]);
  await h?.drop();
});

describe('a page linked to a Mastodon status and a Bluesky post', () => {
  it('shows their replies nested as at the source, with source, handle and link', async () => {
    const run = await refreshDue(env);
    expect(run).toMatchObject({ pages: 1, created: 5, failed: 0 });
    const { comments, page } = await thread('blog', '/post/');
    expect(page.count).toBe(5);
    const bob = byText(comments, 'First!')!;
    const cy = byText(comments, 'Reply to Bob')!;
    const dee = byText(comments, 'Another thought')!;
    const fay = byText(comments, 'Nice, see')!;
    const gus = byText(comments, 'Agreed')!;
    expect(bob).toMatchObject({
      parentId: null,
      depth: 0,
      author: { name: 'Bob', website: 'https://social.example/@bob' },
      remote: { source: 'mastodon', url: 'https://social.example/@bob/1001', handle: '@bob@social.example' },
    });
    expect(cy).toMatchObject({ parentId: bob.id, depth: 1, remote: { handle: '@cy@other.example' } });
    expect(dee).toMatchObject({ parentId: null, depth: 0 });
    expect(fay).toMatchObject({
      parentId: null,
      remote: {
        source: 'bluesky',
        url: 'https://bsky.app/profile/fay.bsky.social/post/r1',
        handle: '@fay.bsky.social',
      },
    });
    // The facet became a link (through the sanitizer: rel and target added).
    expect(fay.html).toMatch(/<a href="https:\/\/example\.com\/"[^>]*>example\.com<\/a>/);
    expect(gus).toMatchObject({ parentId: fay.id, depth: 1 });
    expect(byText(comments, 'followers only')).toBeUndefined();
    expect(byText(comments, 'gone already')).toBeUndefined();
    // The handle was resolved to its DID, the thread asked for by its at:// URI.
    expect(bsky.server.hits.some((p) => p.includes('resolveHandle?handle=author.example'))).toBe(true);
    expect(bsky.server.hits.some((p) => p.includes(encodeURIComponent('at://did:plc:authorexample/')))).toBe(
      true,
    );
  });

  it('is not due again before its time, and a second refresh adds nothing', async () => {
    expect(await refreshDue(env)).toMatchObject({ pages: 0 });
    const before = await thread('blog', '/post/');
    const version = await h.store.threads.version('blog', '/post/');
    h.advance(11 * MIN);
    expect(await refreshDue(env)).toMatchObject({ pages: 1, created: 0, updated: 0, removed: 0 });
    const after = await thread('blog', '/post/');
    expect(after.comments).toEqual(before.comments);
    expect(await h.store.threads.version('blog', '/post/')).toBe(version);
  });

  it('shows an edit and a deletion at the source after the next refresh', async () => {
    masto.statuses = masto.statuses
      .filter((s) => s.id !== '1003')
      .map((s) =>
        s.id === '1002'
          ? { ...s, content: '<p>Reply to Bob, edited</p>', editedAt: '2026-11-20T00:00:00.000Z' }
          : s,
      );
    bsky.posts = bsky.posts.map((p) => (p.rkey === 'r2' ? { ...p, text: 'Agreed, and more' } : p));
    h.advance(11 * MIN);
    expect(await refreshDue(env)).toMatchObject({ pages: 1, created: 0, updated: 2, removed: 1 });
    const { comments, page } = await thread('blog', '/post/');
    expect(byText(comments, 'Reply to Bob, edited')).toMatchObject({ editedAt: '2026-11-20T00:00:00.000Z' });
    expect(byText(comments, 'Agreed, and more')).toBeDefined();
    expect(byText(comments, 'Another thought')).toBeUndefined();
    expect(page.count).toBe(4);
  });

  it('hides every reply of a status gone at its instance, and none when the instance fails', async () => {
    masto.server.set(`/api/v1/statuses/1000/context`, { status: 503, body: 'down' });
    h.advance(11 * MIN);
    expect(await refreshDue(env)).toMatchObject({ failed: 1, removed: 0 });
    expect((await thread('blog', '/post/')).page.count).toBe(4);
    const links = await h.store.remoteLinks.get('blog', '/post/');
    expect(links?.posts.find((p) => p.source === 'mastodon')?.error).toMatch(/503/);
    masto.server.set(`/api/v1/statuses/1000/context`, { status: 404, body: '{"error":"Record not found"}' });
    h.advance(11 * MIN);
    expect(await refreshDue(env)).toMatchObject({ failed: 0, removed: 2 });
    const { comments, page } = await thread('blog', '/post/');
    expect(page.count).toBe(2);
    expect(comments.filter((c) => c.status !== 'deleted').map((c) => c.remote?.source)).toEqual([
      'bluesky',
      'bluesky',
    ]);
  });

  it('hides a Bluesky reply deleted at the source (answered as a notFoundPost) after the next refresh', async () => {
    const kept = bsky.posts;
    bsky.posts = kept.map((p) => (p.rkey === 'r2' ? { ...p, deleted: true } : p));
    try {
      h.advance(11 * MIN);
      expect(await refreshDue(env)).toMatchObject({ failed: 0, created: 0, removed: 1 });
      const { comments, page } = await thread('blog', '/post/');
      expect(page.count).toBe(1);
      expect(byText(comments, 'Agreed, and more')).toBeUndefined();
      expect(byText(comments, 'Nice, see')).toMatchObject({ remote: { source: 'bluesky' } });
    } finally {
      // The fake's thread as before, for the tests below that read it from another page.
      bsky.posts = kept;
    }
  });
});

it('reads a page with a thread for its own syndication links and script attributes when the site asks for it', async () => {
  blog.set('/found/', {
    body: `<html><body><article class="h-entry"><p class="e-content">Hi</p>
      <a class="u-syndication" href="${masto.statusUrl.replace('1000', '2000')}">on Mastodon</a></article>
      <script src="/embed.js" data-site="found" data-afterword-bluesky="${bsky.postUrl}"></script></body></html>`,
  });
  masto.server.set('/api/v1/statuses/2000/context', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ancestors: [], descendants: [] }),
  });
  // A page with a thread (a moderator's comment), never linked: the refresher reads it for its links.
  await createComment(env, {
    source: 'moderator',
    site: (await h.store.sites.get('found'))!,
    page: '/found/',
    body: { markdown: 'Welcome' },
    author: { name: 'Mod' },
    client: { ip: '203.0.113.9', userAgent: 'test' },
  });
  expect(await h.store.remoteLinks.get('found', '/found/')).toBeUndefined();
  const run = await refreshDue(env);
  expect(run.failed).toBe(0);
  const links = await h.store.remoteLinks.get('found', '/found/');
  expect(links?.posts.map((p) => [p.source, p.by])).toEqual([
    ['mastodon', 'page'],
    ['bluesky', 'page'],
  ]);
  expect((await thread('found', '/found/')).comments.map((c) => c.author.name).sort()).toEqual([
    'Fay',
    'Gus',
    'Mod',
  ]);
  // Seeded once: the next run finds its record and makes none.
  expect(await seedDiscoverable(env)).toBe(0);
});

it('decays: every 10 minutes the first day, hourly the first week, daily the first month, weekly after', () => {
  const day = 24 * 60 * MIN;
  expect(refreshInterval(0)).toBe(10 * MIN);
  expect(refreshInterval(2 * day)).toBe(60 * MIN);
  expect(refreshInterval(8 * day)).toBe(day);
  expect(refreshInterval(40 * day)).toBe(7 * day);
});

describe('outbound safety (acceptance 3, for these fetches)', () => {
  // Names that resolve to loopback, the metadata service, a private network and IPv6 loopback.
  const ADDRESSES: Record<string, { address: string; family: 4 | 6 }> = {
    'loop.test': { address: '127.0.0.1', family: 4 },
    'metadata.test': { address: '169.254.169.254', family: 4 },
    'private.test': { address: '10.1.2.3', family: 4 },
    'six.test': { address: '::1', family: 6 },
  };
  it.each(Object.keys(ADDRESSES))('refuses an instance at %s without the allow-list', async (name) => {
    const unlisted = remoteEnv(
      { ...h.config, outboundAllow: [], blueskyApiUrl: bsky.server.origin },
      h.store,
      h.deps.now,
      {
        resolve: (host, cb) => cb(null, ADDRESSES[host] ? [ADDRESSES[host]] : []),
      },
    );
    const page = `/unsafe-${name}/`;
    const url = `https://${name}:${masto.server.port}/@x/1000`;
    await h.store.remoteLinks.link(
      'blog',
      page,
      { source: 'mastodon', url, by: 'moderator' },
      h.deps.now().toISOString(),
    );
    const hits = masto.server.hits.length;
    const run = await refreshDue(unlisted);
    expect(run).toMatchObject({ failed: 1, created: 0 });
    expect(masto.server.hits.length).toBe(hits);
    const links = await h.store.remoteLinks.get('blog', page);
    expect(links?.posts[0]?.error).toMatch(/not public/);
  });

  it('refuses a redirect from an allowed instance to the metadata address', async () => {
    const behind = await startFakeMastodon('4000');
    try {
      behind.server.set('/api/v1/statuses/4000/context', {
        status: 302,
        headers: { location: 'https://metadata.test/latest/meta-data/' },
      });
      const guarded = remoteEnv({ ...h.config, outboundAllow: [behind.server.host] }, h.store, h.deps.now, {
        resolve: (host, cb) => cb(null, ADDRESSES[host] ? [ADDRESSES[host]] : []),
      });
      const url = behind.statusUrl;
      await h.store.remoteLinks.link(
        'blog',
        '/redirected/',
        { source: 'mastodon', url, by: 'moderator' },
        h.deps.now().toISOString(),
      );
      expect(await refreshDue(guarded)).toMatchObject({ failed: 1, created: 0 });
      expect((await h.store.remoteLinks.get('blog', '/redirected/'))?.posts[0]?.error).toMatch(/not public/);
    } finally {
      await behind.close();
    }
  });

  it('refuses an address literal ([::1], 127.0.0.1) and plain http without the allow-list', async () => {
    const unlisted = remoteEnv(
      { ...h.config, outboundAllow: [], blueskyApiUrl: bsky.server.origin },
      h.store,
      h.deps.now,
    );
    const urls = [
      `https://[::1]:${masto.server.port}/@x/1000`,
      `https://127.0.0.1:${masto.server.port}/@x/1000`,
      `${masto.server.origin}/@x/1000`,
    ];
    for (const [i, url] of urls.entries())
      await h.store.remoteLinks.link(
        'blog',
        `/literal-${i}/`,
        { source: 'mastodon', url, by: 'moderator' },
        h.deps.now().toISOString(),
      );
    const hits = masto.server.hits.length;
    expect(await refreshDue(unlisted)).toMatchObject({ pages: 3, failed: 3 });
    expect(masto.server.hits.length).toBe(hits);
  });
});

it('runs on a timer in npm start (startLocalRefresher), the same run as the Lambda’s', async () => {
  const other = await startFakeMastodon('3000');
  try {
    other.statuses = [
      { id: '3001', inReplyTo: '3000', acct: 'ivy', name: 'Ivy', content: '<p>Local run</p>' },
    ];
    const config = { ...h.config, outboundAllow: [other.server.host] };
    const local = startLocalRefresher(config, h.store, { everyMs: 60_000 });
    await h.store.remoteLinks.link(
      'blog',
      '/local/',
      { source: 'mastodon', url: other.statusUrl, by: 'moderator' },
      new Date().toISOString(),
    );
    expect(await local.runNow()).toMatchObject({ created: 1 });
    await local.stop();
    expect(byText((await thread('blog', '/local/')).comments, 'Local run')).toBeDefined();
    // The timer runs it by itself: a new reply comes in with no runNow.
    other.statuses = [
      ...other.statuses,
      { id: '3002', inReplyTo: '3000', acct: 'jo', name: 'Jo', content: '<p>On the timer</p>' },
    ];
    const links = (await h.store.remoteLinks.get('blog', '/local/'))!;
    await h.store.remoteLinks.put(links, { ...links, nextAt: new Date().toISOString() });
    const lines: string[] = [];
    const timed = startLocalRefresher(config, h.store, { everyMs: 100, log: (l) => lines.push(l) });
    try {
      await vi.waitFor(() => expect(lines.join('\n')).toMatch(/remote replies: \d+ pages, 1 new,/), {
        timeout: 20_000,
        interval: 100,
      });
    } finally {
      await timed.stop();
    }
    expect(byText((await thread('blog', '/local/')).comments, 'On the timer')).toBeDefined();
  } finally {
    await other.close();
  }
});

it('hides nothing when Mastodon’s anonymous answer is at its cap of 60 (what it left out is not gone)', async () => {
  const big = await startFakeMastodon('8000');
  try {
    big.statuses = Array.from({ length: 60 }, (_, i) => ({
      id: String(8001 + i),
      inReplyTo: '8000',
      acct: `u${i}`,
      name: `U${i}`,
      content: `<p>reply ${i}</p>`,
    }));
    const capped = remoteEnv({ ...h.config, outboundAllow: [big.server.host] }, h.store, h.deps.now);
    const at = h.deps.now().toISOString();
    await h.store.remoteLinks.link(
      'blog',
      '/capped/',
      { source: 'mastodon', url: big.statusUrl, by: 'moderator' },
      at,
    );
    expect(await refreshDue(capped)).toMatchObject({ created: 60 });
    // A 61st reply: the capped answer now leaves the first one out.
    big.statuses = [
      ...big.statuses.slice(1),
      { id: '8061', inReplyTo: '8000', acct: 'late', name: 'Late', content: '<p>late</p>' },
    ];
    const links = (await h.store.remoteLinks.get('blog', '/capped/'))!;
    await h.store.remoteLinks.put(links, { ...links, nextAt: h.deps.now().toISOString() });
    expect(await refreshDue(capped)).toMatchObject({ created: 1, removed: 0 });
    expect((await thread('blog', '/capped/')).page.count).toBe(61);
  } finally {
    await big.close();
  }
});
