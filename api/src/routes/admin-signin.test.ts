/**
 * Moderators' sign-in beyond the password, on DynamoDB Local with mail through a real SMTP server on
 * loopback: email links (single use, expiry, throttles, one answer for every address, a fixed target),
 * the site's passkey rule, and sessions listed and revoked (a revoked one is a 401 at once).
 */
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINK_LIMITS } from '../domain/admin-link.js';
import { type SmtpCatcher, startMailHarness } from '../notify/testing.js';
import type { Harness } from '../testing/harness.js';
import { addModerator, adminCall, OWN, type TestSession } from './admin.testkit.js';

let mail: Awaited<ReturnType<typeof startMailHarness>>;
let h: Harness;
let smtp: SmtpCatcher;
let ip = 0;
/** A client of its own for each test, so the per-client throttles of one do not reach another. */
const freshIp = () => `10.0.${Math.floor(++ip / 250)}.${ip % 250}`;

beforeAll(async () => {
  mail = await startMailHarness({ publicUrl: OWN });
  ({ h, smtp } = mail);
  await h.site('alpha');
  await h.site('beta');
  await addModerator(h, 'owner@a.test', [['alpha', 'owner']], 'owner-password-1');
  await addModerator(h, 'mod@a.test', [['alpha', 'moderator']], 'mod-password-1');
  await addModerator(h, 'solo@b.test', [['beta', 'owner']], 'solo-password-1');
});

afterAll(() => mail?.close());

const flush = () => mail.flush();

const signinUrl = (m: ParsedMail) => /^Sign in: (\S+)$/m.exec(m.text ?? '')?.[1] ?? '';
const tokenOf = (url: string) => new URL(url).hash.replace(/^#signin=/, '');

/** The session a sign-in answer set, as the admin page would keep it. */
function sessionOf(res: Awaited<ReturnType<typeof adminCall>>): TestSession {
  const cookie = /afterword_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  expect(cookie, JSON.stringify(res.json)).toBeTruthy();
  return { cookie: `afterword_session=${cookie}`, csrf: res.json.csrfToken };
}

const ask = (email: string, at = freshIp(), extra: Record<string, unknown> = {}) =>
  adminCall(h, 'POST', '/login/link', { body: { email, ...extra }, ip: at });
const useLink = (token: string, at = freshIp()) =>
  adminCall(h, 'POST', '/login/link/use', { body: { token }, ip: at });
const password = (email: string, pw: string) =>
  adminCall(h, 'POST', '/login', { body: { email, password: pw }, ip: freshIp() });

describe('email link sign-in', () => {
  it('mails a moderator a link to the admin page that signs in once', async () => {
    const before = smtp.to('mod@a.test').length;
    const res = await ask('Mod@A.test');
    expect(res.status).toBe(202);
    await flush();
    const mails = smtp.to('mod@a.test');
    expect(mails).toHaveLength(before + 1);
    const url = signinUrl(mails.at(-1)!);
    expect(url.startsWith(`${OWN}/admin/#signin=`)).toBe(true);
    const token = tokenOf(url);
    // Only the token's hash is stored: the table holds no working link.
    const scan = JSON.stringify(
      await h.db.doc.send(new (await import('@aws-sdk/lib-dynamodb')).ScanCommand({ TableName: h.db.table })),
    );
    expect(scan).not.toContain(token);

    const first = await useLink(token);
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json.moderator.email).toBe('mod@a.test');
    const me = await adminCall(h, 'GET', '/me', { session: sessionOf(first) });
    expect(me.status).toBe(200);
    const again = await useLink(token);
    expect(again.status).toBe(401);
    expect(again.json.error.code).toBe('signin_link_invalid');
  });

  it('answers an unknown address exactly as a known one, and mails nothing', async () => {
    const mailsBefore = smtp.mails.length;
    const known = await ask('owner@a.test');
    const unknown = await ask('nobody@a.test');
    expect(unknown.status).toBe(known.status);
    expect(unknown.json).toEqual(known.json);
    expect([...unknown.headers.keys()].sort()).toEqual([...known.headers.keys()].sort());
    await flush();
    expect(smtp.mails.length).toBe(mailsBefore + 1);
    expect(smtp.to('nobody@a.test')).toHaveLength(0);
  });

  it('expires after 15 minutes', async () => {
    await ask('owner@a.test');
    await flush();
    const token = tokenOf(signinUrl(smtp.to('owner@a.test').at(-1)!));
    h.advance(16 * 60 * 1000);
    try {
      const res = await useLink(token);
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('signin_link_invalid');
    } finally {
      h.advance(-16 * 60 * 1000);
    }
  });

  it('refuses a made-up or tampered token', async () => {
    for (const token of ['a'.repeat(43), 'not a token!', ''])
      expect((await useLink(token)).status).toBeGreaterThanOrEqual(400);
    await ask('owner@a.test');
    await flush();
    const token = tokenOf(signinUrl(smtp.to('owner@a.test').at(-1)!));
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await useLink(tampered)).json.error.code).toBe('signin_link_invalid');
    expect((await useLink(token)).status).toBe(200);
  });

  it('throttles per address quietly (same answer, no more mail) and per client with a 429', async () => {
    await addModerator(h, 'flood@a.test', [['alpha', 'moderator']]);
    for (let i = 0; i < LINK_LIMITS.perAddress + 2; i++) expect((await ask('flood@a.test')).status).toBe(202);
    await flush();
    expect(smtp.to('flood@a.test')).toHaveLength(LINK_LIMITS.perAddress);

    const client = freshIp();
    for (let i = 0; i < LINK_LIMITS.perClient; i++)
      expect((await ask(`x${i}@a.test`, client)).status).toBe(202);
    const refused = await ask('mod@a.test', client);
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('takes no target from the request: the link always opens the admin page of the public origin', async () => {
    // Fields the schema does not name are not read.
    const res = await ask('solo@b.test', freshIp(), {
      next: 'https://evil.example/',
      redirect: '//evil.example',
    });
    expect(res.status).toBe(202);
    const viaOtherHost = await h.app.request('http://evil.example/api/v1/admin/login/link', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example', 'x-test-ip': freshIp() },
      body: JSON.stringify({ email: 'solo@b.test' }),
    });
    expect(viaOtherHost.status).toBe(403);
    await flush();
    const mail = smtp.to('solo@b.test').at(-1)!;
    expect(`${mail.text}${mail.html}`).not.toContain('evil');
    const url = signinUrl(mail);
    expect(new URL(url).origin).toBe(OWN);
    expect(new URL(url).pathname).toBe('/admin/');
  });
});

describe('require a passkey', () => {
  it('is refused to an owner who has no passkey, and to a moderator', async () => {
    const mod = sessionOf(await password('mod@a.test', 'mod-password-1'));
    const asMod = await adminCall(h, 'PUT', '/sites/alpha/security', {
      session: mod,
      body: { requirePasskey: true },
    });
    expect(asMod.status).toBe(403);
    expect(asMod.json.error.code).toBe('forbidden');
    const owner = sessionOf(await password('owner@a.test', 'owner-password-1'));
    const res = await adminCall(h, 'PUT', '/sites/alpha/security', {
      session: owner,
      body: { requirePasskey: true },
    });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('passkey_required');
    expect((await h.store.siteSecurity.get('alpha')).requirePasskey).toBe(false);
  });

  it('on, a password alone and a link are refused with passkey_required; other sites are not affected', async () => {
    const owner = sessionOf(await password('owner@a.test', 'owner-password-1'));
    const at = h.deps.now().toISOString();
    const account = (await h.store.moderators.get('owner@a.test'))!;
    await h.store.passkeys.add({
      credentialId: 'b3duZXJzLWtleQ',
      email: 'owner@a.test',
      publicKey: 'AQID',
      counter: 0,
      transports: ['internal'],
      name: 'laptop',
      createdAt: at,
      accountCreatedAt: account.createdAt,
    });
    const on = await adminCall(h, 'PUT', '/sites/alpha/security', {
      session: owner,
      body: { requirePasskey: true },
    });
    expect(on.status, JSON.stringify(on.json)).toBe(200);
    expect((await adminCall(h, 'GET', '/sites/alpha/security', { session: owner })).json).toEqual({
      requirePasskey: true,
    });
    try {
      for (const [email, pw] of [
        ['mod@a.test', 'mod-password-1'],
        ['owner@a.test', 'owner-password-1'],
      ] as const) {
        const res = await password(email, pw);
        expect(res.status).toBe(403);
        expect(res.json.error.code).toBe('passkey_required');
        expect(res.headers.get('set-cookie')).toBeNull();
      }
      // A wrong password still says only that it is wrong.
      expect((await password('mod@a.test', 'wrong-password')).json.error.code).toBe('unauthorized');
      await ask('mod@a.test');
      await flush();
      const link = await useLink(tokenOf(signinUrl(smtp.to('mod@a.test').at(-1)!)));
      expect(link.json.error.code).toBe('passkey_required');
      expect((await password('solo@b.test', 'solo-password-1')).status).toBe(200);
    } finally {
      await h.store.siteSecurity.set('alpha', { requirePasskey: false }, 'test', at);
    }
    expect((await password('mod@a.test', 'mod-password-1')).status).toBe(200);
  });
});

describe('sessions', () => {
  it('lists the moderator’s own sessions with the current one marked; a revoked one is a 401 at once', async () => {
    const login = async (ua: string) =>
      sessionOf(
        await adminCall(h, 'POST', '/login', {
          body: { email: 'solo@b.test', password: 'solo-password-1' },
          ip: freshIp(),
          ua,
        }),
      );
    const laptop = await login('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0');
    const phone = await login(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile Safari/604.1',
    );
    const list = await adminCall(h, 'GET', '/me/sessions', { session: laptop });
    expect(list.status).toBe(200);
    const mine = list.json.sessions as Array<{
      ref: string;
      agent: string;
      current: boolean;
      method: string;
    }>;
    const current = mine.find((s) => s.current)!;
    expect(current.agent).toBe('Firefox on Linux');
    expect(current.method).toBe('password');
    const other = mine.find((s) => s.agent === 'Safari on iOS')!;
    expect(other.current).toBe(false);
    expect(mine.filter((s) => s.current)).toHaveLength(1);
    // Another moderator's list is their own.
    const mod = sessionOf(await password('mod@a.test', 'mod-password-1'));
    const theirs = (await adminCall(h, 'GET', '/me/sessions', { session: mod })).json.sessions as Array<{
      ref: string;
    }>;
    expect(theirs.some((s) => s.ref === other.ref)).toBe(false);
    expect((await adminCall(h, 'DELETE', `/me/sessions/${other.ref}`, { session: mod })).status).toBe(404);
    expect((await adminCall(h, 'GET', '/me', { session: phone })).status).toBe(200);

    const revoked = await adminCall(h, 'DELETE', `/me/sessions/${other.ref}`, { session: laptop });
    expect(revoked.status).toBe(200);
    const next = await adminCall(h, 'GET', '/me', { session: phone });
    expect(next.status).toBe(401);
    expect((await adminCall(h, 'GET', '/me', { session: laptop })).status).toBe(200);
    const after = (await adminCall(h, 'GET', '/me/sessions', { session: laptop })).json.sessions as Array<{
      ref: string;
    }>;
    expect(after.some((s) => s.ref === other.ref)).toBe(false);
    expect((await adminCall(h, 'DELETE', `/me/sessions/${other.ref}`, { session: laptop })).status).toBe(404);
  });

  it('an owner ends every session of a moderator of their site, no one else’s', async () => {
    const mod = sessionOf(await password('mod@a.test', 'mod-password-1'));
    const owner = sessionOf(await password('owner@a.test', 'owner-password-1'));
    const solo = sessionOf(await password('solo@b.test', 'solo-password-1'));
    // Not an owner of alpha; not a moderator of beta.
    expect(
      (await adminCall(h, 'DELETE', '/sites/alpha/moderators/owner@a.test/sessions', { session: mod }))
        .status,
    ).toBe(403);
    expect(
      (await adminCall(h, 'DELETE', '/sites/alpha/moderators/mod@a.test/sessions', { session: solo })).status,
    ).toBe(403);
    expect(
      (await adminCall(h, 'DELETE', '/sites/alpha/moderators/solo@b.test/sessions', { session: owner }))
        .status,
    ).toBe(404);
    expect((await adminCall(h, 'GET', '/me', { session: mod })).status).toBe(200);
    expect((await adminCall(h, 'GET', '/me', { session: solo })).status).toBe(200);

    const res = await adminCall(h, 'DELETE', '/sites/alpha/moderators/mod@a.test/sessions', {
      session: owner,
    });
    expect(res.status).toBe(200);
    expect((await adminCall(h, 'GET', '/me', { session: mod })).status).toBe(401);
    expect((await adminCall(h, 'GET', '/me', { session: owner })).status).toBe(200);
    const log = await h.store.audit.list('alpha', 5);
    expect(log.entries[0]).toMatchObject({
      action: 'sessions:ended',
      target: 'mod@a.test',
      actor: 'owner@a.test',
    });
  });
});
