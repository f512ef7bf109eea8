/**
 * Issue 18, acceptance 3, for every fetch that leaves the server: a Mastodon instance, Bluesky's AppView, a
 * page read for its syndication links and a Webmention source at 127.0.0.1, 169.254.169.254, 10.0.0.0/8 or
 * [::1] (a name resolving there, or the address itself) is refused without the allow-list, directly and
 * behind a redirect from an allow-listed host; an answer over the size limit is cut off.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RemotePost } from '../store/remote-links.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { startWebServer, type WebServer } from '../testing/web-server.js';
import type { Resolve } from './outbound.js';
import { discover, refreshPage, remoteEnv } from './remote/refresh.js';
import type { RemoteEnv } from './remote/sync.js';
import { newId } from './tokens.js';
import { type VerifyEnv, verifyWebmention } from './webmention/verify.js';

/** Names as a hostile DNS would answer them; anything else does not resolve. */
const NAMES: Record<string, { address: string; family: 4 | 6 }> = {
  'loop.test': { address: '127.0.0.1', family: 4 },
  'metadata.test': { address: '169.254.169.254', family: 4 },
  'intranet.test': { address: '10.20.30.40', family: 4 },
  'six.test': { address: '::1', family: 6 },
};
const asked: string[] = [];
const resolve: Resolve = (host, cb) => {
  asked.push(host);
  const found = NAMES[host];
  if (found) cb(null, [found]);
  else cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), []);
};
/** What the guard says, for a name (after DNS) or an address literal. */
const REFUSED = /resolves to an address that is not public|is not a public address/;

let h: Harness;
/** A plain TCP listener on 127.0.0.1 and ::1 (one port), never allow-listed: no connection may reach it. */
let inner: { port: number; connections: number; close(): Promise<void> };
/** The allow-listed host the redirects start from (an instance, the AppView, a blog, a source page). */
let relay: WebServer;
/** Where a refused fetch points: each address by a name resolving to it, and as itself (`p`: the inner port). */
const TARGETS: Array<[string, (p: number) => string]> = [
  ['a name resolving to 127.0.0.1', (p) => `loop.test:${p}`],
  ['a name resolving to 169.254.169.254', (p) => `metadata.test:${p}`],
  ['a name resolving to 10.20.30.40', (p) => `intranet.test:${p}`],
  ['a name resolving to ::1', (p) => `six.test:${p}`],
  ['127.0.0.1 itself', (p) => `127.0.0.1:${p}`],
  ['169.254.169.254 itself', () => '169.254.169.254'],
  ['10.9.8.7 itself', () => '10.9.8.7'],
  ['[::1] itself', (p) => `[::1]:${p}`],
];

async function listenInner() {
  let connections = 0;
  const sockets: Socket[] = [];
  const count = (s: Socket) => {
    connections++;
    sockets.push(s);
    s.destroy();
  };
  const v4: Server = createServer(count);
  await new Promise<void>((r) => v4.listen(0, '127.0.0.1', () => r()));
  const port = (v4.address() as { port: number }).port;
  const v6: Server = createServer(count);
  await new Promise<void>((r, j) => v6.once('error', j).listen(port, '::1', () => r()));
  return {
    port,
    get connections() {
      return connections;
    },
    close: () =>
      Promise.all([v4, v6].map((s) => new Promise<void>((r) => s.close(() => r())))).then(() => undefined),
  };
}

beforeAll(async () => {
  [inner, relay] = await Promise.all([listenInner(), startWebServer()]);
  h = await createHarness({ outboundAllow: [relay.host] });
  await h.site('fedi', { moderation: 'none' });
  await h.site('wm', { moderation: 'none', remote: { webmention: true } });
});
afterAll(async () => {
  // Nothing reached the inner listener: every refusal came before a connection.
  expect(inner?.connections).toBe(0);
  await Promise.all([inner?.close(), relay?.close()]);
  await h?.drop();
});

/** The refresher's env: the allow-list naming only the relay, the hostile resolver, Bluesky's AppView at `bluesky`. */
const envWith = (bluesky = relay.origin): RemoteEnv =>
  remoteEnv({ ...h.config, blueskyApiUrl: bluesky }, h.store, h.deps.now, { resolve });

/** Links `page` to one post and refreshes it: the counts and the error recorded on the post. */
async function refreshOne(env: RemoteEnv, page: string, post: Omit<RemotePost, 'by'>) {
  const links = await h.store.remoteLinks.link(
    'fedi',
    page,
    { ...post, by: 'moderator' },
    h.deps.now().toISOString(),
  );
  const counts = await refreshPage(env, links);
  const after = await h.store.remoteLinks.get('fedi', page);
  const comments = await h.store.threads.all('fedi', page, false);
  return { counts, error: after?.posts[0]?.error, comments: comments.length };
}

const verifyEnv = (): VerifyEnv => ({
  store: h.store,
  secret: h.config.secret,
  akismetUrl: h.config.akismetUrl,
  now: h.deps.now,
  outbound: { allow: [relay.host], resolve },
});

/** Queues a Webmention from `source` to the site's post and verifies it, as the stream does. */
async function verifySource(source: string) {
  const w = await h.store.webmentions.queue({
    id: newId(),
    site: 'wm',
    source,
    target: 'https://blog.example/posts/hello/',
    page: '/posts/hello/',
    createdAt: h.deps.now().toISOString(),
  });
  return verifyWebmention(verifyEnv(), w);
}

const replyPage = (before = '', after = '') => `<!doctype html><html><body>${before}<article class="h-entry">
  <span class="p-author h-card"><a class="p-name u-url" href="https://alice.example/">Alice</a></span>
  <a class="u-in-reply-to" href="https://blog.example/posts/hello/">the post</a>
  <div class="e-content"><p>Hello from afar</p></div>
  <a class="u-url" href="https://alice.example/notes/1">permalink</a></article>${after}</body></html>`;

describe.each(['directly', 'behind a redirect'] as const)('refused %s without the allow-list', (mode) => {
  const redirect = mode === 'behind a redirect';

  it.each(TARGETS.map((t, i) => [t[0], i] as const))('a Mastodon instance at %s', async (what, i) => {
    const host = TARGETS[i]![1](inner.port);
    const id = `${redirect ? 2 : 1}00${i}`;
    let url = `https://${host}/@ann/${id}`;
    if (redirect) {
      relay.set(`/api/v1/statuses/${id}/context`, {
        status: 302,
        headers: { location: `https://${host}/api/v1/statuses/${id}/context` },
      });
      url = `${relay.origin}/@ann/${id}`;
    }
    const hits = relay.hits.length;
    const got = await refreshOne(envWith(), `/m-${id}/`, { source: 'mastodon', url });
    expect(got, what).toMatchObject({ counts: { failed: 1, created: 0 }, comments: 0 });
    expect(got.error, what).toMatch(REFUSED);
    // Only the redirect itself was asked of the allowed host.
    expect(relay.hits.length - hits, what).toBe(redirect ? 1 : 0);
  });

  it.each(TARGETS.map((t, i) => [t[0], i] as const))('Bluesky’s AppView at %s', async (what, i) => {
    const host = TARGETS[i]![1](inner.port);
    let api = `https://${host}`;
    if (redirect) {
      relay.set('/xrpc/app.bsky.feed.getPostThread', {
        status: 307,
        headers: { location: `https://${host}/xrpc/app.bsky.feed.getPostThread?uri=x` },
      });
      api = relay.origin;
    }
    // A post named by its DID: the thread is the first (and only) thing asked for.
    const url = `https://bsky.app/profile/did:plc:ann${i}/post/3k${mode.length}${i}`;
    const got = await refreshOne(envWith(api), `/b-${mode.length}-${i}/`, { source: 'bluesky', url });
    expect(got, what).toMatchObject({ counts: { failed: 1, created: 0 }, comments: 0 });
    expect(got.error, what).toMatch(REFUSED);
  });

  it.each(TARGETS.map((t, i) => [t[0], i] as const))(
    'a page read for its syndication links at %s',
    async (what, i) => {
      const host = TARGETS[i]![1](inner.port);
      const path = `/d-${mode.length}-${i}/`;
      let url = `https://${host}${path}`;
      if (redirect) {
        relay.set(path, { status: 301, headers: { location: url } });
        url = `${relay.origin}${path}`;
      }
      const posts: RemotePost[] = [];
      await expect(discover(envWith(), url, posts), what).rejects.toThrow(REFUSED);
      expect(posts).toEqual([]);
    },
  );

  it.each(TARGETS.map((t, i) => [t[0], i] as const))('a Webmention source at %s', async (what, i) => {
    const host = TARGETS[i]![1](inner.port);
    let source = `https://${host}/notes/${i}`;
    if (redirect) {
      relay.set(`/wm-hop${i}`, { status: 302, headers: { location: source } });
      source = `${relay.origin}/wm-hop${i}`;
    }
    const outcome = await verifySource(source);
    expect(outcome, what).toMatchObject({ status: 'refused' });
    expect(outcome.reason, what).toMatch(/^the source may not be fetched: /);
    expect(outcome.reason, what).toMatch(REFUSED);
    expect(await h.store.threads.all('wm', '/posts/hello/', false)).toEqual([]);
  });
});

it('asked the hostile resolver for every name, so each was judged after DNS', () => {
  for (const name of Object.keys(NAMES)) expect(asked.filter((a) => a === name).length, name).toBe(8);
});

describe('an answer over the size limit (1 MB) is cut off', () => {
  const MB = 1024 * 1024;
  const pad = `<p hidden>${'x'.repeat(MB)}</p>`;

  it('a Mastodon context or a Bluesky thread over it is a failed fetch, and brings nothing in', async () => {
    relay.set('/api/v1/statuses/77/context', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ancestors: [], descendants: [], padding: 'x'.repeat(MB) }),
    });
    const m = await refreshOne(envWith(), '/big-m/', { source: 'mastodon', url: `${relay.origin}/@ann/77` });
    expect(m).toMatchObject({ counts: { failed: 1, created: 0 }, comments: 0 });
    expect(m.error).toMatch(/over the size limit/);
    relay.set('/xrpc/app.bsky.feed.getPostThread', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ thread: { replies: [] }, padding: 'x'.repeat(MB) }),
    });
    const url = 'https://bsky.app/profile/did:plc:big/post/3kbig';
    const b = await refreshOne(envWith(), '/big-b/', { source: 'bluesky', url });
    expect(b).toMatchObject({ counts: { failed: 1, created: 0 }, comments: 0 });
    expect(b.error).toMatch(/over the size limit/);
  });

  it('a page read for its links is read up to the limit: a link past it is not found', async () => {
    const link = '<a class="u-syndication" href="https://social.example/@ann/42">on Mastodon</a>';
    relay.set('/long-late/', { body: `<html><body class="h-entry">${pad}${link}</body></html>` });
    relay.set('/long-early/', { body: `<html><body class="h-entry">${link}${pad}</body></html>` });
    const late: RemotePost[] = [];
    await discover(envWith(), `${relay.origin}/long-late/`, late);
    expect(late).toEqual([]);
    const early: RemotePost[] = [];
    await discover(envWith(), `${relay.origin}/long-early/`, early);
    expect(early).toEqual([{ source: 'mastodon', url: 'https://social.example/@ann/42', by: 'page' }]);
  });

  it('a Webmention source is read up to the limit: a reply past it does not link', async () => {
    relay.set('/wm-late', { body: replyPage(pad) });
    expect(await verifySource(`${relay.origin}/wm-late`)).toMatchObject({
      status: 'refused',
      reason: 'the source does not link to the target',
    });
    relay.set('/wm-early', { body: replyPage('', pad) });
    expect(await verifySource(`${relay.origin}/wm-early`)).toMatchObject({
      status: 'accepted',
      result: 'reply',
    });
  });
});
