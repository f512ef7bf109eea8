/**
 * Hostile input that is old or borrowed rather than malformed: a verification link kept from before
 * an unsubscribe, someone else's banned address typed into the form, a preview flood from addresses
 * rotated inside one IPv6 /64, and a moderator's approve aimed at a comment its author deleted.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { keyedHash } from '../../api/src/domain/tokens.js';
import { signLink, VERIFY_TTL_SEC } from '../../api/src/notify/links.js';
import { addModerator, adminCall, sessionFor } from '../../api/src/routes/admin.testkit.js';
import { PREVIEW_LIMITS } from '../../api/src/routes/preview.js';
import { createHarness, type Harness, TEST_SECRET } from '../../api/src/testing/harness.js';

const SITE = 'replays';
const ORIGIN = 'https://blog.example';
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await h.site(SITE, { origins: [ORIGIN], moderation: 'none' });
  await addModerator(h, 'owner@replays.test', [[SITE, 'owner']]);
});
afterAll(() => h?.drop());

async function req(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await h.app.request(`http://localhost${path}`, {
    method,
    headers: {
      origin: ORIGIN,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, headers: res.headers };
}

it('a verification link kept from before the unsubscribe does not switch reply mail back on', async () => {
  const email = 'kept-the-mail@example.com';
  const hash = keyedHash(TEST_SECRET, 'email', email);
  await h.store.subscriptions.ensure(SITE, hash, email, h.deps.now().toISOString());
  const sentAt = Math.floor(h.deps.now().getTime() / 1000);
  const kept = signLink(TEST_SECRET, { a: 'verify', s: SITE, e: hash, x: sentAt + VERIFY_TTL_SEC });
  h.advance(5_000);
  const unsub = signLink(TEST_SECRET, { a: 'unsub', s: SITE, e: hash });
  expect((await req('POST', `/api/v1/subscriptions/unsubscribe?token=${unsub}`)).status).toBe(200);
  for (const path of [`?token=${kept}`, `?token=${encodeURIComponent(kept)}`]) {
    const replay = await req('POST', `/api/v1/subscriptions/verify${path}`);
    expect(replay.status).toBeGreaterThanOrEqual(400);
    expect(replay.status).toBeLessThan(500);
  }
  expect((await h.store.subscriptions.get(SITE, hash))?.unsubscribedAt).toBeTruthy();
});

it('typing someone else’s banned address learns nothing, and the post never shows', async () => {
  const victim = await req(
    'POST',
    '/api/v1/comments',
    {
      site: SITE,
      page: '/borrowed/',
      body: 'first',
      author: { name: 'V', email: 'banned-one@example.com' },
    },
    { 'x-test-ip': '198.51.100.20' },
  );
  expect(victim.status).toBe(201);
  const session = await sessionFor(h, 'owner@replays.test');
  const ban = await adminCall(h, 'POST', `/sites/${SITE}/bans`, {
    session,
    body: { commentId: victim.json.comment.id, days: 30 },
  });
  expect(ban.status).toBe(201);
  for (const [i, email] of [
    'banned-one@example.com',
    'BANNED-ONE@example.com',
    'banned-one@EXAMPLE.com',
  ].entries()) {
    const probe = await req(
      'POST',
      '/api/v1/comments',
      {
        site: SITE,
        page: '/borrowed/',
        body: `probe number ${i}`,
        author: { name: 'Prober', email },
      },
      { 'x-test-ip': '203.0.113.99' },
    );
    expect(probe.status).toBe(202);
    expect(probe.text).not.toMatch(/banned|until|spam/);
  }
  const thread = await req('GET', `/api/v1/comments?site=${SITE}&page=/borrowed/`);
  expect(thread.text).not.toContain('probe');
});

it('a preview flood from addresses rotated inside one /64 is one client, and is stopped', async () => {
  const windowMs = PREVIEW_LIMITS.windowSec * 1000;
  h.advance(windowMs - (h.deps.now().getTime() % windowMs) + 50);
  const statuses: number[] = [];
  for (let i = 0; i <= PREVIEW_LIMITS.perClient; i++) {
    const ip = `2001:db8:77:1:${(i * 7919).toString(16).slice(-4)}::${i.toString(16)}`;
    statuses.push((await req('POST', '/api/v1/preview', { body: '*x*' }, { 'x-test-ip': ip })).status);
  }
  expect(statuses.filter((s) => s === 200)).toHaveLength(PREVIEW_LIMITS.perClient);
  expect(statuses.at(-1)).toBe(429);
});

it('an approve aimed at a comment its author deleted cannot bring back an empty comment', async () => {
  const mine = await req('POST', '/api/v1/comments', { site: SITE, page: '/gone/', body: 'regret' });
  expect(mine.status).toBe(201);
  const del = await req('DELETE', `/api/v1/comments/${mine.json.comment.id}`, undefined, {
    'x-afterword-edit-token': mine.json.editToken,
  });
  expect(del.status).toBe(200);
  const session = await sessionFor(h, 'owner@replays.test');
  const approve = await adminCall(h, 'POST', `/comments/${mine.json.comment.id}/status`, {
    session,
    body: { status: 'approved' },
  });
  expect(approve.status).toBe(409);
  const thread = await req('GET', `/api/v1/comments?site=${SITE}&page=/gone/`);
  expect(thread.json.comments.filter((c: { status: string }) => c.status === 'approved')).toEqual([]);
});
