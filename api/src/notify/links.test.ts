/** Signed mail links: round trip, tamper, expiry, wrong key, malformed input. */
import { expect, it } from 'vitest';
import { linkUrl, readLink, signLink } from './links.js';

const KEY = 'links-secret-0123456789';

it('reads back what it signed, until it expires', () => {
  const token = signLink(KEY, { a: 'approve', s: 'blog', c: 'abc12345', m: 'h', x: 1000 });
  expect(readLink(KEY, token, 999)).toEqual({
    ok: true,
    payload: { a: 'approve', s: 'blog', c: 'abc12345', m: 'h', x: 1000 },
  });
  expect(readLink(KEY, token, 1001)).toEqual({ ok: false, reason: 'expired' });
  expect(readLink('another-key-0123456789', token, 0)).toEqual({ ok: false, reason: 'invalid' });
});

it('refuses a changed payload, a changed signature and malformed tokens', () => {
  const token = signLink(KEY, { a: 'unsub', s: 'blog', e: 'hash' });
  const [body, sig] = token.split('.') as [string, string];
  const other = Buffer.from(JSON.stringify({ a: 'unsub', s: 'evil', e: 'hash' })).toString('base64url');
  expect(readLink(KEY, `${other}.${sig}`, 0).ok).toBe(false);
  expect(readLink(KEY, `${body}.${sig.slice(0, -1)}A`, 0).ok).toBe(false);
  for (const bad of ['', '.', 'abc', `${token}.x`, 'x'.repeat(3000)])
    expect(readLink(KEY, bad, 0).ok).toBe(false);
  const unknownAction = signLink(KEY, { a: 'launch' as 'unsub', s: 'blog' });
  expect(readLink(KEY, unknownAction, 0).ok).toBe(false);
});

it('builds URLs on the public origin, one path per purpose', () => {
  expect(linkUrl('https://c.example/', KEY, { a: 'verify', s: 'b', e: 'h', x: 1 })).toMatch(
    /^https:\/\/c\.example\/api\/v1\/subscriptions\/verify\?token=[\w-]+\.[\w-]+$/,
  );
  expect(linkUrl('https://c.example', KEY, { a: 'delete', s: 'b', c: 'c', m: 'm', x: 1 })).toContain(
    '/api/v1/mail/moderate?token=',
  );
  expect(linkUrl('https://c.example', KEY, { a: 'unsub-mod', s: 'b', m: 'mh' })).toContain(
    '/api/v1/subscriptions/unsubscribe?token=',
  );
});
