/** Author history and notes, decisions with reasons in the log, and the moderator's mail choice, on DynamoDB Local. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { addModerator, adminCall, sessionFor, type TestSession } from './admin.testkit.js';

let h: Harness;
let owner: TestSession;
let other: TestSession;

beforeAll(async () => {
  h = await createHarness();
  await h.site('hist', { moderation: 'all' });
  await h.site('elsewhere', { moderation: 'all' });
  await addModerator(h, 'owner@h.test', [['hist', 'owner']]);
  await addModerator(h, 'other@h.test', [['elsewhere', 'owner']]);
  owner = await sessionFor(h, 'owner@h.test');
  other = await sessionFor(h, 'other@h.test');
});
afterAll(() => h?.drop());

async function post(site: string, body: string, author: Record<string, string>): Promise<string> {
  const res = await postComment(h.call, { site, page: '/h/', body, author });
  expect(res.status, res.text).toBeLessThan(300);
  h.advance(60_000);
  return res.json.comment.id as string;
}

describe('author history', () => {
  let ids: string[];
  let anon: string;

  beforeAll(async () => {
    const bea = { name: 'Bea', email: 'Bea@Example.com' };
    ids = [];
    for (const body of ['first words', 'second words', 'third words'])
      ids.push(await post('hist', body, bea));
    // The same address on another site, and another author here: neither is Bea's history on hist.
    await post('elsewhere', 'bea elsewhere', bea);
    await post('hist', 'someone else', { name: 'Cy', email: 'cy@example.com' });
    anon = await post('hist', 'no address', { name: 'Dee' });
    expect(
      (
        await adminCall(h, 'POST', `/comments/${ids[0]}/status`, {
          session: owner,
          body: { status: 'approved' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await adminCall(h, 'POST', `/comments/${ids[1]}/status`, {
          session: owner,
          body: { status: 'spam', reason: { code: 'spam' } },
        })
      ).status,
    ).toBe(200);
  });

  it('lists the author’s comments on this site only, newest first, with counts, first and last seen', async () => {
    const res = await adminCall(h, 'GET', `/comments/${ids[2]}/author`, { session: owner });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.author).toEqual({
      key: 'email',
      name: 'Bea',
      email: 'bea@example.com',
      confirmed: false,
    });
    expect(res.json.comments.map((c: { id: string }) => c.id)).toEqual([...ids].reverse());
    expect(res.json.counts).toEqual({ pending: 1, approved: 1, spam: 1, deleted: 0 });
    expect(res.json.total).toBe(3);
    expect(res.json.firstSeen).toBe(res.json.comments[2].createdAt);
    expect(res.json.lastSeen).toBe(res.json.comments[0].createdAt);
    const span = Date.parse(res.json.lastSeen) - Date.parse(res.json.firstSeen);
    expect(span).toBeGreaterThanOrEqual(120_000);
    expect(span).toBeLessThan(130_000);
    expect(res.json.more).toBe(false);
    expect(res.json.note).toBeNull();
    expect(JSON.stringify(res.json)).not.toMatch(/elsewhere|someone else|ipHash|emailHash/);
  });

  it('from any of the author’s comments, the same history', async () => {
    const a = await adminCall(h, 'GET', `/comments/${ids[0]}/author`, { session: owner });
    const b = await adminCall(h, 'GET', `/comments/${ids[1]}/author`, { session: owner });
    expect(a.json.comments).toEqual(b.json.comments);
  });

  it('a comment without an email has only itself (no client index), and takes no note', async () => {
    const res = await adminCall(h, 'GET', `/comments/${anon}/author`, { session: owner });
    expect(res.status).toBe(200);
    expect(res.json.author).toEqual({ key: 'none', name: 'Dee', confirmed: false });
    expect(res.json.comments.map((c: { id: string }) => c.id)).toEqual([anon]);
    expect(res.json.total).toBe(1);
    const note = await adminCall(h, 'PUT', `/comments/${anon}/author/note`, {
      session: owner,
      body: { text: 'x' },
    });
    expect(note.status).toBe(409);
    expect(note.json.error.code).toBe('conflict');
  });

  it('keeps one note per author and site, unseen by another site, removed when emptied', async () => {
    const put = await adminCall(h, 'PUT', `/comments/${ids[0]}/author/note`, {
      session: owner,
      body: { text: '  Regular; argues in good faith.  ' },
    });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    expect(put.json.note).toMatchObject({ text: 'Regular; argues in good faith.', by: 'owner@h.test' });
    const seen = await adminCall(h, 'GET', `/comments/${ids[2]}/author`, { session: owner });
    expect(seen.json.note.text).toBe('Regular; argues in good faith.');
    // Bea's comment on the other site: its moderators see no note of this site.
    const theirs = (await h.store.authors.comments('elsewhere', await hashOf(ids[0]!))).comments[0]!;
    const there = await adminCall(h, 'GET', `/comments/${theirs.id}/author`, { session: other });
    expect(there.status).toBe(200);
    expect(there.json.note).toBeNull();
    expect(there.json.total).toBe(1);
    // Nor may they read this site's history.
    expect((await adminCall(h, 'GET', `/comments/${ids[0]}/author`, { session: other })).status).toBe(403);
    const cleared = await adminCall(h, 'PUT', `/comments/${ids[1]}/author/note`, {
      session: owner,
      body: { text: '' },
    });
    expect(cleared.json.note).toBeNull();
    expect(
      (await adminCall(h, 'GET', `/comments/${ids[2]}/author`, { session: owner })).json.note,
    ).toBeNull();
    const log = await h.store.audit.list('hist', 20);
    expect(log.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['author-note', 'author-note:removed']),
    );
  });

  it('refuses a note longer than the limit, and changes nothing', async () => {
    const res = await adminCall(h, 'PUT', `/comments/${ids[0]}/author/note`, {
      session: owner,
      body: { text: 'x'.repeat(2001) },
    });
    expect(res.status).toBe(400);
    expect(
      (await adminCall(h, 'GET', `/comments/${ids[0]}/author`, { session: owner })).json.note,
    ).toBeNull();
  });
});

async function hashOf(id: string): Promise<string> {
  return (await h.store.comments.read(id))!.emailHash!;
}

describe('decisions with reasons', () => {
  it('logs the reason of a removal, keeps it on the comment, and shows it in the log', async () => {
    const id = await post('hist', 'a rude remark', { name: 'Eve', email: 'eve@example.com' });
    const res = await adminCall(h, 'POST', `/comments/${id}/status`, {
      session: owner,
      body: { status: 'deleted', reason: { code: 'abuse', text: ' Personal attack. ' }, tellAuthor: true },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const stored = (await h.store.comments.read(id)) as unknown as { decision: unknown; statusAt: string };
    expect(stored.decision).toEqual({
      code: 'abuse',
      text: 'Personal attack.',
      tell: true,
      at: stored.statusAt,
    });
    const log = await adminCall(h, 'GET', '/sites/hist/log', { session: owner });
    const entry = log.json.entries.find((e: { target?: string }) => e.target === id);
    expect(entry).toMatchObject({
      action: 'status:deleted',
      detail: 'from pending',
      reason: { code: 'abuse', text: 'Personal attack.' },
    });
  });

  it('a bulk removal carries its reason to every entry; an approval keeps none', async () => {
    const a = await post('hist', 'buy now', { name: 'Sp', email: 'sp@example.com' });
    const b = await post('hist', 'buy more', { name: 'Sp', email: 'sp@example.com' });
    const bulk = await adminCall(h, 'POST', '/comments/bulk', {
      session: owner,
      body: { ids: [a, b], action: 'spam', reason: { code: 'spam', text: 'link farm' } },
    });
    expect(bulk.json.results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    const back = await adminCall(h, 'POST', `/comments/${a}/status`, {
      session: owner,
      body: { status: 'approved', reason: { code: 'other' } },
    });
    expect(back.status).toBe(200);
    const { entries } = await h.store.audit.list('hist', 50);
    const of = (id: string) =>
      entries.filter((e) => e.target === id) as Array<(typeof entries)[0] & { reason?: unknown }>;
    expect(of(b)[0]?.reason).toEqual({ code: 'spam', text: 'link farm' });
    expect(of(a).find((e) => e.action === 'status:approved')?.reason).toBeUndefined();
    expect(of(a).find((e) => e.action === 'status:spam')?.reason).toEqual({
      code: 'spam',
      text: 'link farm',
    });
  });

  it('refuses an unknown preset or an overlong text, and changes nothing', async () => {
    const id = await post('hist', 'keep me', { name: 'Fay', email: 'fay@example.com' });
    for (const reason of [{ code: 'because' }, { code: 'other', text: 'x'.repeat(501) }]) {
      const res = await adminCall(h, 'POST', `/comments/${id}/status`, {
        session: owner,
        body: { status: 'deleted', reason },
      });
      expect(res.status).toBe(400);
    }
    expect((await h.store.comments.read(id))?.status).toBe('pending');
  });
});

describe('moderation mail choice', () => {
  it('reads and sets the logged-in moderator’s choice, and refuses another value', async () => {
    expect((await adminCall(h, 'GET', '/me/mail', { session: owner })).json).toEqual({ digest: 'each' });
    const put = await adminCall(h, 'PUT', '/me/mail', { session: owner, body: { digest: 'daily' } });
    expect(put.json).toEqual({ digest: 'daily' });
    expect((await h.store.moderators.get('owner@h.test'))?.digest).toBe('daily');
    expect((await adminCall(h, 'GET', '/me/mail', { session: other })).json).toEqual({ digest: 'each' });
    const bad = await adminCall(h, 'PUT', '/me/mail', { session: owner, body: { digest: 'hourly' } });
    expect(bad.status).toBe(400);
    expect((await h.store.moderators.get('owner@h.test'))?.digest).toBe('daily');
  });
});
