/** Findings of the attacker's review, one test each: idempotency, edits under the rules, per-client limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from './domain/cursor.js';
import { addModerator, adminCall, sessionFor } from './routes/admin.testkit.js';
import { createHarness, type Harness } from './testing/harness.js';

let h: Harness;
const ORIGIN = 'https://blog.example';

beforeAll(async () => {
  h = await createHarness();
  await h.site('blog', { origins: [ORIGIN], reactions: { comments: ['👍'], page: ['👍'] } });
  await h.site('held', { origins: [ORIGIN], moderation: 'all' });
  await h.site('linky', { origins: [ORIGIN], spam: { maxLinks: 1 } });
  await h.site('limited', { origins: [ORIGIN], spam: { ratePerClient: 2, rateWindowSec: 600 } });
});
afterAll(() => h.drop());

type Json = Record<string, any>;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await h.app.request(`http://localhost/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Json, headers: res.headers };
}
const post = (body: Json, headers: Record<string, string> = {}) =>
  call('POST', '/comments', { site: 'blog', page: '/p/', ...body }, headers);

describe('idempotency is bound to the sender and the request', () => {
  it('a replay from another client gets neither the comment nor its edit token', async () => {
    const key = { 'idempotency-key': 'guessable-1' };
    const first = await post({ body: 'mine' }, { ...key, 'x-test-ip': '203.0.113.1' });
    expect(first.status).toBe(201);
    const other = await post({ body: 'mine' }, { ...key, 'x-test-ip': '198.51.100.7' });
    expect(other.json.editToken).not.toBe(first.json.editToken);
    expect(other.json.comment?.id).not.toBe(first.json.comment.id);
  });

  it('the same key with another body is a 409 idempotency_conflict', async () => {
    const headers = { 'idempotency-key': 'retry-2', 'x-test-ip': '203.0.113.2' };
    expect((await post({ body: 'first text' }, headers)).status).toBe(201);
    const changed = await post({ body: 'other text' }, headers);
    expect(changed.status).toBe(409);
    expect(changed.json.error.code).toBe('idempotency_conflict');
    const again = await post({ body: 'first text' }, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json.editToken).toBeTruthy();
  });
});

describe('an edit runs the rules a post runs', () => {
  it('on a pre-moderated site an edited approved comment is held again', async () => {
    const made = await call('POST', '/comments', { site: 'held', page: '/p/', body: 'harmless' });
    expect(made.status).toBe(202);
    const id = made.json.comment.id as string;
    const c = (await h.store.comments.read(id))!;
    await h.store.comments.setStatus(c, 'approved', h.deps.now().toISOString());
    const edited = await call(
      'PATCH',
      `/comments/${id}`,
      { body: 'buy now https://spam.example' },
      { 'x-afterword-edit-token': made.json.editToken },
    );
    expect(edited.status).toBe(202);
    expect(edited.json.comment.status).toBe('pending');
    const thread = await call('GET', '/comments?site=held&page=/p/');
    expect(thread.json.comments.map((x: Json) => x.id)).not.toContain(id);
    expect(thread.json.page.count).toBe(0);
  });

  it('an edit that adds too many links is held like a post would be', async () => {
    const made = await call('POST', '/comments', { site: 'linky', page: '/p/', body: 'plain' });
    expect(made.json.comment.status).toBe('approved');
    const edited = await call(
      'PATCH',
      `/comments/${made.json.comment.id}`,
      { body: 'see https://a.example and https://b.example' },
      { 'x-afterword-edit-token': made.json.editToken },
    );
    expect(edited.json.comment.status).toBe('pending');
    expect((await h.store.comments.read(made.json.comment.id))!.spamReasons).toContain('too_many_links');
  });
});

describe('limits hold per real client: IPv6 counts by /64', () => {
  it('rotating addresses inside one /64 does not escape the post rate limit', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i++) {
      const r = await call(
        'POST',
        '/comments',
        { site: 'limited', page: '/p/', body: `n${i}` },
        { 'x-test-ip': `2001:db8:1:2::${i.toString(16)}` },
      );
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 2)).toEqual([201, 201]);
    expect(statuses.slice(2)).toEqual([429, 429]);
    // Another /64 is another client.
    const other = await call(
      'POST',
      '/comments',
      { site: 'limited', page: '/p/', body: 'elsewhere' },
      { 'x-test-ip': '2001:db8:1:3::1' },
    );
    expect(other.status).toBe(201);
  });

  it('one vote per /64, not per address', async () => {
    const made = await post({ body: 'vote on me' });
    const id = made.json.comment.id;
    for (const ip of ['2001:db8:9:9::1', '2001:db8:9:9::2', '2001:db8:9:9:abcd::3'])
      await call('POST', `/comments/${id}/vote`, { value: 1 }, { 'x-test-ip': ip });
    expect((await h.store.comments.read(id))!.score).toBe(1);
  });

  it('one reaction per /64 and emoji, on a comment and on the page, not per address', async () => {
    const made = await post({ body: 'react to me' });
    const id = made.json.comment.id;
    for (const ip of ['2001:db8:8:8::1', '2001:db8:8:8::2', '2001:db8:8:8:abcd::3']) {
      await call('PUT', `/comments/${id}/reactions/${encodeURIComponent('👍')}`, undefined, {
        'x-test-ip': ip,
      });
      await call('PUT', `/reactions/${encodeURIComponent('👍')}?site=blog&page=/r64/`, undefined, {
        'x-test-ip': ip,
      });
    }
    expect((await h.store.comments.read(id))!.reactions).toEqual({ '👍': 1 });
    expect((await h.store.threads.getPage('blog', '/r64/'))!.reactions).toEqual({ '👍': 1 });
  });

  it('login attempts from one /64 share their throttle, and a flood cannot lock out the owner', async () => {
    await addModerator(h, 'owner@blog.example', [['blog', 'owner']], 'correct horse battery');
    const login = (password: string, ip: string) =>
      call(
        'POST',
        '/admin/login',
        { email: 'owner@blog.example', password },
        { origin: 'http://localhost', 'x-test-ip': ip },
      );
    let limited = 0;
    for (let i = 1; i <= 33; i++)
      if ((await login('wrong', `2001:db8:66:1::${i.toString(16)}`)).status === 429) limited++;
    expect(limited).toBeGreaterThan(0);
    // The attacker's flood does not lock the owner, who logs in from elsewhere.
    const owner = await login('correct horse battery', '192.0.2.10');
    expect(owner.status).toBe(200);
    // Successful logins count nowhere: the owner may log in again and again from one client (more
    // often than the client limit; a few at a time, as tabs would).
    for (let i = 0; i < 4; i++) {
      const batch = await Promise.all(
        Array.from({ length: 8 }, () => login('correct horse battery', '192.0.2.10')),
      );
      expect(batch.map((r) => r.status)).toEqual(Array(8).fill(200));
    }
  }, 90_000);
});

describe('small findings', () => {
  it('a forged cursor is a 400 invalid_cursor, never a 500', async () => {
    const forged = [
      { s: 'newest', k: 'C#' },
      { s: 'oldest', k: 'C#x' },
      { s: 'newest', k: 'C#\u0000' },
      { s: 'top', k: -1 },
      { s: 'top', k: 0.5 },
      { s: 'top', k: 1e300 },
    ];
    for (const cursor of forged) {
      const r = await call(
        'GET',
        `/comments?site=blog&page=/p/&sort=${cursor.s}&cursor=${encodeCursor(cursor)}`,
      );
      expect(r.status, JSON.stringify(cursor)).toBe(400);
      expect(r.json.error.code).toBe('invalid_cursor');
    }
  });

  it('a forged admin queue cursor is a 400 invalid_cursor, never a 500', async () => {
    await addModerator(h, 'mod@blog.example', [['blog', 'moderator']]);
    const session = await sessionFor(h, 'mod@blog.example');
    const queuePk = 'QUEUE#blog#pending';
    const forged: Record<string, string>[] = [
      { gsi1pk: queuePk },
      { gsi1pk: queuePk, gsi1sk: 'x', pk: 'PAGE#blog#/p/', sk: 'C#' },
      { gsi1pk: queuePk, gsi1sk: '2020-01-01T00:00:00.000Z#abcdefgh', pk: 'SITE#other', sk: 'META' },
    ];
    for (const key of forged) {
      const r = await adminCall(h, 'GET', `/queue?site=blog&cursor=${encodeCursor(key)}`, { session });
      expect(r.status, JSON.stringify(key)).toBe(400);
      expect(r.json.error.code).toBe('invalid_cursor');
    }
    // A cursor the queue handed out still pages on.
    for (let i = 0; i < 3; i++) await call('POST', '/comments', { site: 'held', page: '/q/', body: `q${i}` });
    await h.store.moderators.grant('mod@blog.example', 'held', 'moderator');
    const first = await adminCall(h, 'GET', '/queue?site=held&limit=2', { session });
    expect(first.json.nextCursor).toBeTruthy();
    const next = await adminCall(h, 'GET', `/queue?site=held&limit=2&cursor=${first.json.nextCursor}`, {
      session,
    });
    expect(next.status).toBe(200);
    expect(next.json.comments.length).toBeGreaterThan(0);
  });
});

describe('a page takes its title and URL from the site, never from a poster', () => {
  it("keeps a poster's URL only on one of the site's origins, and the title only as claimed", async () => {
    await call('POST', '/comments', {
      site: 'blog',
      page: '/claimed/',
      body: 'first!',
      title: 'FREE MONEY at evil.example',
      url: 'https://evil.example/phish',
    });
    const meta = await h.store.threads.getPage('blog', '/claimed/');
    expect(meta?.title).toBeUndefined();
    expect(meta?.claimedTitle).toBe('FREE MONEY at evil.example');
    expect(meta?.url).toBe(`${ORIGIN}/claimed/`);
    const thread = await call('GET', '/comments?site=blog&page=/claimed/');
    expect(JSON.stringify(thread.json)).not.toContain('evil.example');
    const feed = await h.app.request('http://localhost/api/v1/feed.atom?site=blog&page=/claimed/');
    expect(await feed.text()).not.toContain('FREE MONEY');

    await call('POST', '/comments', {
      site: 'blog',
      page: '/own/',
      body: 'first!',
      url: `${ORIGIN}/own/?utm=x`,
    });
    expect((await h.store.threads.getPage('blog', '/own/'))?.url).toBe(`${ORIGIN}/own/?utm=x`);
  });
});
