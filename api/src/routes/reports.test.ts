/** Reader reports through the app on DynamoDB Local: one per reader, bursts limited, the threshold holds, dismissing keeps. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_LIMITS } from '../contract/limits.js';
import { REPORTS_ACTOR } from '../domain/reports.js';
import { keys } from '../store/keys.js';
import { postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { addModerator, adminCall, sessionFor, type TestSession } from './admin.testkit.js';

let h: Harness;
let owner: TestSession;
const ORIGIN = 'https://blog.example';

beforeAll(async () => {
  h = await createHarness();
  await h.site('blog', { origins: [ORIGIN], reportThreshold: 2 });
  await h.site('calm', { origins: [ORIGIN], reportThreshold: 0 });
  await h.site('other', { origins: [ORIGIN] });
  await addModerator(h, 'owner@blog.test', [['blog', 'owner']]);
  owner = await sessionFor(h, 'owner@blog.test');
});
afterAll(() => h?.drop());

async function comment(site: string, page: string, body = 'worth a report', author = {}): Promise<string> {
  const res = await postComment(h.call, { site, page, body, author });
  expect(res.status).toBe(201);
  return res.json.comment.id;
}

const report = (id: string, body: unknown, ip = '203.0.113.1', origin: string | null = ORIGIN) =>
  h.call('POST', `/api/v1/comments/${id}/report`, {
    body,
    headers: origin ? { origin } : {},
    ip,
  });

describe('reporting a comment', () => {
  it('records a report with a reason and text, and refuses the same reader twice (changing nothing)', async () => {
    const id = await comment('blog', '/once/');
    const first = await report(id, { reason: 'spam', text: '  sells pills  ' }, '203.0.113.10');
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ reported: true });
    const before = await h.store.reports.summary(id);
    expect(before).toMatchObject({ count: 1, reasons: { spam: 1 }, held: false });
    const again = await report(id, { reason: 'abuse' }, '203.0.113.10');
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('already_reported');
    expect(await h.store.reports.summary(id)).toEqual(before);
    const stored = await h.store.reports.of(id);
    expect(stored.map((r) => [r.reason, r.text])).toEqual([['spam', 'sells pills']]);
    // No address kept: the reporter is a keyed hash, and no item of the report holds the client's IP.
    expect(JSON.stringify(stored)).not.toContain('203.0.113.10');
    // Another address in the same IPv6 /64 is the same reader.
    const v6 = await comment('blog', '/once-v6/');
    expect((await report(v6, { reason: 'other' }, '2001:db8:1:2::1')).status).toBe(201);
    expect((await report(v6, { reason: 'other' }, '2001:db8:1:2::99')).status).toBe(409);
  });

  it('refuses bad input, unknown or hidden comments, and other origins', async () => {
    const id = await comment('blog', '/bad/');
    expect((await report(id, { reason: 'boring' })).status).toBe(400);
    expect((await report(id, { reason: 'other', text: 'x'.repeat(REPORT_LIMITS.text + 1) })).status).toBe(
      400,
    );
    expect((await report('zzzzzzzzzzzzzzzz', { reason: 'spam' })).status).toBe(404);
    expect((await report('NOT-AN-ID', { reason: 'spam' })).status).toBe(400);
    expect((await report(id, { reason: 'spam' }, '203.0.113.2', 'https://evil.example')).status).toBe(403);
    const held = await h.store.comments.read(id);
    await h.store.comments.setStatus(held!, 'pending', h.deps.now().toISOString());
    const res = await report(id, { reason: 'spam' }, '203.0.113.3');
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('comment_not_found');
    expect(await h.store.reports.summary(id)).toBeUndefined();
  });

  it('limits a burst of reports from one client', async () => {
    const ids = await Promise.all(
      Array.from({ length: REPORT_LIMITS.perClient + 3 }, (_, i) => comment('calm', `/burst-${i}/`)),
    );
    const statuses = await Promise.all(ids.map((id) => report(id, { reason: 'spam' }, '198.51.100.7')));
    const codes = statuses.map((r) => r.status);
    expect(codes.filter((s) => s === 201)).toHaveLength(REPORT_LIMITS.perClient);
    expect(codes.filter((s) => s === 429)).toHaveLength(3);
    const limited = statuses.find((r) => r.status === 429)!;
    expect(limited.json.error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not limited by it; the window passes for this one.
    expect((await report(ids[0]!, { reason: 'spam' }, '198.51.100.8')).status).toBe(201);
    h.advance(REPORT_LIMITS.windowSec * 1000);
    const late = ids.find((_, i) => statuses[i]!.status === 429)!;
    expect((await report(late, { reason: 'spam' }, '198.51.100.7')).status).toBe(201);
  });
});

describe('the threshold', () => {
  it('holds an approved comment at N distinct readers, with page count and flag right, once', async () => {
    const page = '/held/';
    const id = await comment('blog', page);
    await comment('blog', page, 'a neighbour stays');
    expect((await h.store.threads.getPage('blog', page))?.count).toBe(2);
    expect((await report(id, { reason: 'abuse', text: 'rude' }, '192.0.2.1')).status).toBe(201);
    expect((await h.store.comments.read(id))?.status).toBe('approved');
    expect((await report(id, { reason: 'illegal' }, '192.0.2.2')).status).toBe(201);
    const held = await h.store.comments.read(id);
    expect(held?.status).toBe('pending');
    expect(held?.spamReasons).toContain('reports');
    const meta = await h.store.threads.getPage('blog', page);
    expect(meta?.count).toBe(1);
    // Readers no longer see it; a third reader's report finds nothing to report.
    const thread = await h.call('GET', `/api/v1/comments?site=blog&page=${page}`, {
      headers: { origin: ORIGIN },
    });
    expect(thread.json.comments.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await report(id, { reason: 'spam' }, '192.0.2.3')).status).toBe(404);
    const log = await h.store.audit.list('blog', 10);
    expect(log.entries.find((e) => e.target === id)).toMatchObject({
      actor: REPORTS_ACTOR,
      action: 'status:pending',
    });
    expect((await h.store.moderation.counts('blog')).pending).toBeGreaterThanOrEqual(1);
    // A moderator approves it without dismissing: a further report counts, but this round holds no more.
    const approve = await adminCall(h, 'POST', `/comments/${id}/status`, {
      session: owner,
      body: { status: 'approved' },
    });
    expect(approve.status).toBe(200);
    expect((await report(id, { reason: 'spam' }, '192.0.2.4')).status).toBe(201);
    expect((await h.store.comments.read(id))?.status).toBe('approved');
    expect(await h.store.reports.summary(id)).toMatchObject({ count: 3, held: true });
    expect((await h.store.threads.getPage('blog', page))?.count).toBe(2);
  });

  it('holds once when reports past the threshold arrive at the same moment', async () => {
    const page = '/race/';
    const id = await comment('blog', page);
    const statuses = await Promise.all(
      ['192.0.2.30', '192.0.2.31', '192.0.2.32', '192.0.2.33'].map((ip) =>
        report(id, { reason: 'abuse' }, ip),
      ),
    );
    // A report read after the hold finds nothing to report (404); the others count.
    const counted = statuses.filter((r) => r.status === 201).length;
    expect(statuses.every((r) => r.status === 201 || r.status === 404)).toBe(true);
    expect(counted).toBeGreaterThanOrEqual(2);
    expect((await h.store.comments.read(id))?.status).toBe('pending');
    expect((await h.store.threads.getPage('blog', page))?.count).toBe(0);
    const log = await h.store.audit.list('blog', 100);
    expect(log.entries.filter((e) => e.target === id && e.actor === REPORTS_ACTOR)).toHaveLength(1);
    expect(await h.store.reports.summary(id)).toMatchObject({ count: counted, held: true });
  });

  it('never holds when the site turned it off (threshold 0)', async () => {
    const id = await comment('calm', '/calm/');
    for (let i = 0; i < 4; i++)
      expect((await report(id, { reason: 'spam' }, `192.0.2.${20 + i}`)).status).toBe(201);
    expect((await h.store.comments.read(id))?.status).toBe('approved');
    expect((await h.store.reports.summary(id))?.count).toBe(4);
  });
});

describe('the Reported view and dismissing', () => {
  it('lists reported comments with counts and each reason and text, and dismissing keeps the comment', async () => {
    const page = '/view/';
    const id = await comment('blog', page, 'worth a report', { name: 'Ann', email: 'ann@blog.test' });
    await report(id, { reason: 'off-topic', text: 'not about the post' }, '192.0.2.40');
    await report(id, { reason: 'spam' }, '192.0.2.41');
    const list = await adminCall(h, 'GET', '/sites/blog/reports', { session: owner });
    expect(list.status).toBe(200);
    const row = list.json.reported.find((r: { comment: { id: string } }) => r.comment.id === id);
    expect(row).toMatchObject({ count: 2, reasons: { 'off-topic': 1, spam: 1 }, held: true });
    expect(row.comment.status).toBe('pending');
    // Moderators see the comment whole: its markdown and its author's address (from its private record).
    expect(row.comment).toMatchObject({
      body: 'worth a report',
      author: { name: 'Ann', email: 'ann@blog.test' },
    });
    expect(row.reports.map((r: { reason: string; text?: string }) => [r.reason, r.text])).toEqual(
      expect.arrayContaining([
        ['off-topic', 'not about the post'],
        ['spam', undefined],
      ]),
    );
    expect(JSON.stringify(list.json)).not.toMatch(/192\.0\.2\./);
    // Last reported first; a cursor of another listing is refused.
    expect(list.json.reported[0].comment.id).toBe(id);
    const bad = await adminCall(h, 'GET', '/sites/blog/reports?cursor=eyJwayI6IngifQ', { session: owner });
    expect(bad.status).toBe(400);

    const dismissed = await adminCall(h, 'DELETE', `/comments/${id}/reports`, { session: owner });
    expect(dismissed.status).toBe(200);
    expect(dismissed.json.comment.status).toBe('approved');
    expect(dismissed.json.comment.spamReasons ?? []).not.toContain('reports');
    expect((await h.store.threads.getPage('blog', page))?.count).toBe(1);
    const after = await adminCall(h, 'GET', '/sites/blog/reports', { session: owner });
    expect(after.json.reported.map((r: { comment: { id: string } }) => r.comment.id)).not.toContain(id);
    // The readers who reported cannot report it again; a new reader starts a new round from one.
    expect((await report(id, { reason: 'spam' }, '192.0.2.41')).status).toBe(409);
    expect((await report(id, { reason: 'abuse' }, '192.0.2.42')).status).toBe(201);
    const round = await adminCall(h, 'GET', '/sites/blog/reports', { session: owner });
    const again = round.json.reported.find((r: { comment: { id: string } }) => r.comment.id === id);
    expect(again).toMatchObject({ count: 1, reasons: { abuse: 1 }, held: false });
    expect(again.reports).toHaveLength(1);
    expect((await h.store.comments.read(id))?.status).toBe('approved');
  });

  it('pages the list with a cursor, and keeps each site to itself', async () => {
    const ids = [await comment('blog', '/page-a/'), await comment('blog', '/page-b/')];
    for (const [i, id] of ids.entries()) {
      h.advance(1000);
      await report(id, { reason: 'other' }, `192.0.2.${60 + i}`);
    }
    const first = await adminCall(h, 'GET', '/sites/blog/reports?limit=1', { session: owner });
    expect(first.json.reported.map((r: { comment: { id: string } }) => r.comment.id)).toEqual([ids[1]]);
    const next = await adminCall(h, 'GET', `/sites/blog/reports?limit=1&cursor=${first.json.nextCursor}`, {
      session: owner,
    });
    expect(next.json.reported.map((r: { comment: { id: string } }) => r.comment.id)).toEqual([ids[0]]);
    const elsewhere = await comment('other', '/x/');
    await report(elsewhere, { reason: 'spam' }, '192.0.2.70');
    const mine = await adminCall(h, 'GET', '/sites/blog/reports?limit=100', { session: owner });
    expect(mine.json.reported.map((r: { comment: { id: string } }) => r.comment.id)).not.toContain(elsewhere);
    expect((await adminCall(h, 'GET', '/sites/other/reports', { session: owner })).status).toBe(403);
    expect(keys.reportedPk('blog')).not.toBe(keys.reportedPk('other'));
  });
});
