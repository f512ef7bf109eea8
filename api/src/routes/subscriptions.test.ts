/** Verify and unsubscribe pages: GET never acts, POST does; bad, expired or misused tokens change nothing. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { keyedHash } from '../domain/tokens.js';
import { signLink, VERIFY_TTL_SEC } from '../notify/links.js';
import { createHarness, type Harness, TEST_SECRET } from '../testing/harness.js';

let h: Harness;
const email = 'sub@example.com';
const hash = keyedHash(TEST_SECRET, 'email', email);
const now = () => Math.floor(Date.now() / 1000);
const form = { 'content-type': 'application/x-www-form-urlencoded' };

beforeAll(async () => {
  h = await createHarness();
  await h.site('subs', { name: 'Subs Blog' });
  await h.store.subscriptions.ensure('subs', hash, email, new Date().toISOString());
});
afterAll(async () => {
  await h?.drop();
});

it('shows a confirmation page on GET and verifies only on POST', async () => {
  const token = signLink(TEST_SECRET, { a: 'verify', s: 'subs', e: hash, x: now() + 600 });
  const page = await h.app.request(`/api/v1/subscriptions/verify?token=${token}`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(page.headers.get('cache-control')).toBe('no-store');
  expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  const html = await page.text();
  expect(html).toContain('Subs Blog');
  expect(html).not.toContain(email);
  expect((await h.store.subscriptions.get('subs', hash))?.verified).toBe(false);
  // The form may also carry the token in its body.
  const res = await h.app.request('/api/v1/subscriptions/verify', {
    method: 'POST',
    headers: form,
    body: `token=${token}`,
  });
  expect(res.status).toBe(200);
  expect((await h.store.subscriptions.get('subs', hash))?.verified).toBe(true);
});

it('refuses expired, tampered, missing and wrong-purpose tokens', async () => {
  const expired = signLink(TEST_SECRET, { a: 'verify', s: 'subs', e: hash, x: now() - 1 });
  expect(
    (await h.app.request(`/api/v1/subscriptions/verify?token=${expired}`, { method: 'POST' })).status,
  ).toBe(410);
  const forged = signLink('another-secret-0123456789', { a: 'unsub', s: 'subs', e: hash });
  expect(
    (await h.app.request(`/api/v1/subscriptions/unsubscribe?token=${forged}`, { method: 'POST' })).status,
  ).toBe(400);
  expect((await h.app.request('/api/v1/subscriptions/unsubscribe', { method: 'POST' })).status).toBe(400);
  const verify = signLink(TEST_SECRET, { a: 'verify', s: 'subs', e: hash, x: now() + 600 });
  expect(
    (await h.app.request(`/api/v1/subscriptions/unsubscribe?token=${verify}`, { method: 'POST' })).status,
  ).toBe(400);
  const unknown = signLink(TEST_SECRET, { a: 'verify', s: 'subs', e: 'f'.repeat(32), x: now() + 600 });
  expect(
    (await h.app.request(`/api/v1/subscriptions/verify?token=${unknown}`, { method: 'POST' })).status,
  ).toBe(400);
  const junk = await h.app.request('/api/v1/subscriptions/unsubscribe', {
    method: 'POST',
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
    body: '--y\r\nnot a form',
  });
  expect(junk.status).toBe(400);
  expect((await h.store.subscriptions.get('subs', hash))?.unsubscribedAt).toBeUndefined();
});

it('unsubscribes on the one-click POST only, per thread or from everything', async () => {
  const thread = signLink(TEST_SECRET, { a: 'unsub', s: 'subs', e: hash, p: '/t/' });
  expect((await h.app.request(`/api/v1/subscriptions/unsubscribe?token=${thread}`)).status).toBe(200);
  expect(await h.store.subscriptions.isMuted('subs', hash, '/t/')).toBe(false);
  expect(
    (await h.app.request(`/api/v1/subscriptions/unsubscribe?token=${thread}`, { method: 'POST' })).status,
  ).toBe(200);
  expect(await h.store.subscriptions.isMuted('subs', hash, '/t/')).toBe(true);
  expect(await h.store.subscriptions.isMuted('subs', hash, '/other/')).toBe(false);

  const all = signLink(TEST_SECRET, { a: 'unsub', s: 'subs', e: hash });
  const res = await h.app.request(`/api/v1/subscriptions/unsubscribe?token=${all}`, {
    method: 'POST',
    headers: form,
    body: 'List-Unsubscribe=One-Click',
  });
  expect(res.status).toBe(200);
  expect((await h.store.subscriptions.get('subs', hash))?.unsubscribedAt).toBeTruthy();
});

it('turns a moderator’s mail off from their unsubscribe link', async () => {
  await h.store.moderators.upsert('m@example.com', { digest: 'each' });
  await h.store.moderators.grant('m@example.com', 'subs', 'moderator');
  const token = signLink(TEST_SECRET, {
    a: 'unsub-mod',
    s: 'subs',
    m: keyedHash(TEST_SECRET, 'moderator', 'm@example.com'),
  });
  expect(Buffer.from(token.split('.')[0]!, 'base64url').toString()).not.toContain('@');
  expect(
    (await h.app.request(`/api/v1/subscriptions/unsubscribe?token=${token}`, { method: 'POST' })).status,
  ).toBe(200);
  expect((await h.store.moderators.get('m@example.com'))?.digest).toBe('off');
});

it('answers every hostile token on every mail-link endpoint with a 4xx page, never a 5xx', async () => {
  const tokens = [
    '',
    'a'.repeat(5000),
    '%00%ff',
    '..%2F..%2Fetc',
    'eyJhIjoidmVyaWZ5In0.',
    `${Buffer.from('{"a":"verify","s":{"$ne":1}}').toString('base64url')}.sig`,
    '\u202e\u0000',
    '<script>alert(1)</script>',
  ];
  for (const path of [
    '/api/v1/subscriptions/verify',
    '/api/v1/subscriptions/unsubscribe',
    '/api/v1/mail/moderate',
  ]) {
    for (const token of tokens) {
      for (const method of ['GET', 'POST']) {
        const res = await h.app.request(`${path}?token=${encodeURIComponent(token)}`, { method });
        expect(res.status, `${method} ${path} ${token.slice(0, 20)}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(await res.text()).not.toContain('<script>alert');
      }
    }
    for (const raw of ['%E0%A4%A', '%ZZ', 'x&token=y']) {
      for (const method of ['GET', 'POST']) {
        const res = await h.app.request(`${path}?token=${raw}`, { method });
        expect(res.status, `${method} ${path} ${raw}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
    }
  }
});

it('never lets a verification link from before an unsubscribe turn reply mail back on', async () => {
  const late = 'late@example.com';
  const lateHash = keyedHash(TEST_SECRET, 'email', late);
  await h.store.subscriptions.ensure('subs', lateHash, late, h.deps.now().toISOString());
  // The link as the verification mail makes it: valid for VERIFY_TTL_SEC from when it was sent.
  const issued = Math.floor(h.deps.now().getTime() / 1000);
  const old = signLink(TEST_SECRET, { a: 'verify', s: 'subs', e: lateHash, x: issued + VERIFY_TTL_SEC });
  h.advance(2000);
  const unsub = signLink(TEST_SECRET, { a: 'unsub', s: 'subs', e: lateHash });
  expect(
    (await h.app.request(`/api/v1/subscriptions/unsubscribe?token=${unsub}`, { method: 'POST' })).status,
  ).toBe(200);
  h.advance(2000);
  const replay = await h.app.request(`/api/v1/subscriptions/verify?token=${old}`, { method: 'POST' });
  expect(replay.status).toBe(410);
  expect(await replay.text()).toContain('Nothing was changed');
  const after = await h.store.subscriptions.get('subs', lateHash);
  expect(after?.unsubscribedAt).toBeTruthy();
  // A link issued after the unsubscribe is the reader asking again, and it works.
  const fresh = signLink(TEST_SECRET, {
    a: 'verify',
    s: 'subs',
    e: lateHash,
    x: Math.floor(h.deps.now().getTime() / 1000) + VERIFY_TTL_SEC,
  });
  expect(
    (await h.app.request(`/api/v1/subscriptions/verify?token=${fresh}`, { method: 'POST' })).status,
  ).toBe(200);
  const back = await h.store.subscriptions.get('subs', lateHash);
  expect(back?.unsubscribedAt).toBeUndefined();
  expect(back?.verified).toBe(true);
});
