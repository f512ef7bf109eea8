/**
 * Remote replies before moderators (issue 18): counts include them; the queue shows their source and handle; a
 * moderator hides one and bans its account (by the keyed hashes of source and handle), and the next refresh
 * neither brings it back nor lets a later reply from that account in, while other accounts' replies still come.
 * A reader cannot pass a comment off as one (what a reader sends is never a remote origin).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminComment, Bans, Queue } from '../contract/responses.js';
import { remoteCommentId, remoteIdentity } from '../domain/comment/remote.js';
import { type FakeMastodon, startFakeMastodon } from '../domain/remote/fakes.testkit.js';
import { refreshPage, remoteEnv } from '../domain/remote/refresh.js';
import type { RemoteEnv } from '../domain/remote/sync.js';
import { postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { addModerator, adminCall, sessionFor, type TestSession } from './admin.testkit.js';

let h: Harness;
let masto: FakeMastodon;
let env: RemoteEnv;
let session: TestSession;
const SITE = 'fedi';
const PAGE = '/post/';
const MIN = 60_000;

async function refresh() {
  const [links] = await h.store.remoteLinks.list(SITE);
  return refreshPage(env, links!);
}

async function thread() {
  const res = await h.call('GET', `/api/v1/comments?site=${SITE}&page=${encodeURIComponent(PAGE)}&limit=100`);
  expect(res.status).toBe(200);
  return res.json as { comments: Array<{ id: string; html: string }>; page: { count: number } };
}

async function count(): Promise<number> {
  const res = await h.call('GET', `/api/v1/counts?site=${SITE}&page=${encodeURIComponent(PAGE)}`);
  expect(res.status).toBe(200);
  return (res.json as { counts: Record<string, number> }).counts[PAGE]!;
}

beforeAll(async () => {
  masto = await startFakeMastodon();
  h = await createHarness({ outboundAllow: [masto.server.host] });
  env = remoteEnv(h.config, h.store, h.deps.now);
  await h.site(SITE, { moderation: 'none' });
  await addModerator(h, 'mod@example.com', [[SITE, 'moderator']]);
  session = await sessionFor(h, 'mod@example.com');
  await h.store.remoteLinks.link(
    SITE,
    PAGE,
    { source: 'mastodon', url: masto.statusUrl, by: 'moderator' },
    h.deps.now().toISOString(),
  );
  masto.statuses = [
    { id: '3001', inReplyTo: '1000', acct: 'ann', name: 'Ann', content: '<p>Buy cheap pills</p>' },
    { id: '3002', inReplyTo: '1000', acct: 'bob', name: 'Bob', content: '<p>Thoughtful reply</p>' },
  ];
  expect(await refresh()).toMatchObject({ created: 2, failed: 0 });
});
afterAll(async () => {
  await masto?.close();
  await h?.drop();
});

describe('remote replies and moderators', () => {
  it('count in the page count and in the index pages’ counts', async () => {
    expect((await thread()).page.count).toBe(2);
    expect(await count()).toBe(2);
  });

  it('show their source, handle and original in the queue', async () => {
    const res = await adminCall(h, 'GET', `/queue?site=${SITE}&status=approved`, { session });
    expect(res.status).toBe(200);
    // As the contract documents it (no field it does not name).
    expect(Queue.allows(res.json)).toBe(true);
    const rows = (res.json as { comments: AdminComment[] }).comments;
    const ann = rows.find((c) => c.html.includes('cheap pills'));
    expect(ann?.remote).toEqual({
      source: 'mastodon',
      remoteId: '3001',
      url: 'https://social.example/@ann/3001',
      handle: '@ann@social.example',
      profile: 'https://social.example/@ann',
    });
    // No address of anyone's: a remote account has none.
    expect(ann?.author.email).toBeUndefined();
  });

  it('a moderator hides one and bans its account; the next refresh keeps it hidden and refuses the account', async () => {
    const ann = (await thread()).comments.find((c) => c.html.includes('cheap pills'))!;
    const hide = await adminCall(h, 'POST', `/comments/${ann.id}/status`, {
      session,
      body: { status: 'spam' },
    });
    expect(hide.status).toBe(200);
    const ban = await adminCall(h, 'POST', `/sites/${SITE}/bans`, { session, body: { commentId: ann.id } });
    expect(ban.status).toBe(201);
    // The ban names the account by the keyed hashes of its source and handle.
    const who = remoteIdentity(h.config.secret, {
      source: 'mastodon',
      remoteId: 'another-reply',
      url: 'https://social.example/@ann/9',
      handle: '@ann@social.example',
    });
    expect((ban.json as { bans: Array<{ kind: string; hash: string }> }).bans).toEqual([
      { kind: 'email', hash: who.emailHash },
      { kind: 'client', hash: who.ipHash },
    ]);
    expect(await count()).toBe(1);
    // The site's bans name the account (its source and handle, public there; no address).
    const list = await adminCall(h, 'GET', `/sites/${SITE}/bans`, { session });
    expect(Bans.allows(list.json)).toBe(true);
    const listed = (list.json as { bans: Array<{ account?: string; email?: string }> }).bans;
    expect(listed.map((b) => b.account)).toEqual([
      'mastodon @ann@social.example',
      'mastodon @ann@social.example',
    ]);
    expect(listed.some((b) => b.email)).toBe(false);

    // At the source: Ann edits her reply and writes another; Cy, not banned, replies too.
    masto.statuses = [
      {
        ...masto.statuses[0]!,
        content: '<p>Buy cheap pills, now edited</p>',
        editedAt: '2026-11-05T10:00:00.000Z',
      },
      masto.statuses[1]!,
      { id: '3003', inReplyTo: '1000', acct: 'ann', name: 'Ann', content: '<p>More pills</p>' },
      { id: '3004', inReplyTo: '3002', acct: 'cy', name: 'Cy', content: '<p>Agree with Bob</p>' },
    ];
    h.advance(11 * MIN);
    expect(await refresh()).toMatchObject({ created: 1, refused: 2, removed: 0, failed: 0 });
    const after = await thread();
    expect(after.comments.map((c) => c.html).join(' ')).not.toMatch(/pills/);
    expect(after.comments.some((c) => c.html.includes('Agree with Bob'))).toBe(true);
    expect(after.page.count).toBe(2);
    expect(await count()).toBe(2);
    const stored = await h.store.comments.read(ann.id);
    expect(stored).toMatchObject({ status: 'spam', html: '<p>Buy cheap pills</p>' });

    // And again: still nothing of hers comes back.
    h.advance(61 * MIN);
    expect(await refresh()).toMatchObject({ created: 0, refused: 2 });
    expect((await thread()).page.count).toBe(2);
  });

  it("a ban with “hide past comments” hides the account's other replies, and its unban restores them", async () => {
    masto.statuses = [
      ...masto.statuses,
      { id: '3005', inReplyTo: '1000', acct: 'dan', name: 'Dan', content: '<p>Dan one</p>' },
      { id: '3006', inReplyTo: '3002', acct: 'dan', name: 'Dan', content: '<p>Dan two</p>' },
    ];
    h.advance(24 * 60 * MIN);
    expect(await refresh()).toMatchObject({ created: 2, failed: 0 });
    expect((await thread()).page.count).toBe(4);
    session = await sessionFor(h, 'mod@example.com');
    const dan = (await thread()).comments.find((c) => c.html.includes('Dan one'))!;
    const ban = await adminCall(h, 'POST', `/sites/${SITE}/bans`, {
      session,
      body: { commentId: dan.id, hidePast: true },
    });
    expect(ban.status).toBe(201);
    expect((ban.json as { hidden: number }).hidden).toBe(2);
    expect((await thread()).comments.map((c) => c.html).join(' ')).not.toMatch(/Dan/);
    expect(await count()).toBe(2);
    const made = (ban.json as { bans: Array<{ kind: string; hash: string }> }).bans.find(
      (b) => b.kind === 'email',
    )!;
    const lift = await adminCall(h, 'DELETE', `/sites/${SITE}/bans`, {
      session,
      body: { kind: 'email', hash: made.hash, restore: true },
    });
    expect(lift.json).toMatchObject({ ok: true, restored: 2 });
    expect(await count()).toBe(4);
  });
});

it('a reader cannot pass a comment off as a remote reply: a remote origin or source in the POST is ignored', async () => {
  const remote = {
    source: 'mastodon',
    remoteId: '666',
    url: 'https://social.example/@mallory/666',
    handle: '@bob@social.example',
    profile: 'https://social.example/@bob',
  };
  for (const [i, extra] of [{ remote }, { source: 'mastodon' }, { source: 'webmention', remote }].entries()) {
    const res = await postComment(
      h.call,
      { site: SITE, page: '/reader/', body: `Pretending to be Bob ${i}`, author: { name: 'Bob' }, ...extra },
      { ip: `198.51.100.${i + 1}` },
    );
    expect(res.status, JSON.stringify(extra)).toBe(201);
    const id = (res.json as { comment: { id: string } }).comment.id;
    expect(id).not.toBe(remoteCommentId(h.config.secret, SITE, { source: 'mastodon', remoteId: '666' }));
    const stored = await h.store.comments.read(id);
    expect(stored?.body, JSON.stringify(extra)).toBe(`Pretending to be Bob ${i}`);
    expect(stored?.remote, JSON.stringify(extra)).toBeUndefined();
  }
  const shown = await h.call('GET', `/api/v1/comments?site=${SITE}&page=%2Freader%2F`);
  const comments = (shown.json as { comments: Array<{ remote?: unknown; author: { website?: string } }> })
    .comments;
  expect(comments).toHaveLength(3);
  for (const c of comments) {
    expect(c.remote).toBeUndefined();
    expect(c.author.website).toBeUndefined();
  }
});
