/** The admin queue: counts, filters by status, page and author, text search, pagination, per-day stats. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedHash, newId } from '../domain/tokens.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { addModerator, adminCall, seedComment, sessionFor, type TestSession } from './admin.testkit.js';

let h: Harness;
let session: TestSession;

beforeAll(async () => {
  h = await createHarness();
  await h.site('q');
  await h.site('other');
  await addModerator(h, 'm@q.test', [['q', 'moderator']]);
  session = await sessionFor(h, 'm@q.test');
  for (let i = 0; i < 7; i++) await seedComment(h, 'q', { page: '/a/', body: `alpha ${i}` });
  await seedComment(h, 'q', { page: '/b/', body: 'Needle in the haystack' });
  await seedComment(h, 'q', { page: '/b/', body: 'approved one', status: 'approved' });
  await seedComment(h, 'other', { page: '/a/', body: 'Needle elsewhere' });
  // One comment by a known author (by email hash, as the POST path stores it).
  await h.store.comments.create(
    {
      id: newId(),
      site: 'q',
      page: '/c/',
      parentId: null,
      depth: 0,
      body: 'by Zed',
      html: '<p>by Zed</p>',
      authorName: 'Zed Zedson',
      authorEmail: 'zed@example.com',
      emailHash: keyedHash(h.config.secret, 'email', 'zed@example.com'),
      avatar: 'abcabcabcabc',
      status: 'pending',
      createdAt: h.deps.now().toISOString(),
    },
    {},
  );
});
afterAll(() => h?.drop());

const queue = (query: string) => adminCall(h, 'GET', `/queue?site=q&${query}`, { session });
const bodies = (r: { json: { comments: Array<{ body: string }> } }) => r.json.comments.map((c) => c.body);

describe('admin queue', () => {
  it('lists pending comments newest first with counts per status', async () => {
    const r = await queue('');
    expect(r.status).toBe(200);
    expect(r.json.counts).toEqual({ pending: 9, approved: 1, spam: 0, deleted: 0 });
    expect(bodies(r)[0]).toBe('by Zed');
    expect(r.json.comments[0].author).toMatchObject({ name: 'Zed Zedson', email: 'zed@example.com' });
    expect(JSON.stringify(r.json)).not.toMatch(/ipHash|f{32}/);
  });

  it('pages with a cursor, and refuses a cursor of another listing', async () => {
    const first = await queue('limit=4');
    expect(first.json.comments).toHaveLength(4);
    const second = await queue(`limit=4&cursor=${first.json.nextCursor}`);
    const third = await queue(`limit=4&cursor=${second.json.nextCursor}`);
    const all = [...bodies(first), ...bodies(second), ...bodies(third)];
    expect(all).toHaveLength(9);
    expect(new Set(all).size).toBe(9);
    expect(third.json.nextCursor).toBeNull();
    const wrong = await queue(`status=approved&cursor=${first.json.nextCursor}`);
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.code).toBe('invalid_cursor');
  });

  it('filters by page (any status), by status, by author email or name, and searches text', async () => {
    expect(bodies(await queue('page=/b/')).sort()).toEqual(['Needle in the haystack', 'approved one']);
    expect(bodies(await queue('page=/b/&status=approved'))).toEqual(['approved one']);
    expect(bodies(await queue('author=ZED@example.com'))).toEqual(['by Zed']);
    expect(bodies(await queue('author=zedson'))).toEqual(['by Zed']);
    expect(bodies(await queue('q=needle'))).toEqual(['Needle in the haystack']);
    expect(bodies(await queue('q=zed%40example'))).toEqual(['by Zed']);
    expect(bodies(await queue('q=nothing-like-this'))).toEqual([]);
  });

  it('counts comments per day for the chart', async () => {
    const r = await adminCall(h, 'GET', '/sites/q/stats?days=3', { session });
    expect(r.json.days).toHaveLength(3);
    expect(r.json.days.at(-1)).toEqual({ day: h.deps.now().toISOString().slice(0, 10), count: 10 });
  });

  it('refuses bad filters with 400', async () => {
    expect((await queue('status=weird')).status).toBe(400);
    expect((await queue('page=javascript:alert(1)')).status).toBe(400);
    expect((await adminCall(h, 'GET', '/queue?site=other', { session })).status).toBe(403);
  });
});
