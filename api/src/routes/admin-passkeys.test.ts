/**
 * Moderators' passkeys on DynamoDB Local with a software authenticator: register when signed in, sign in
 * with it (also where the site requires a passkey), and the refusals: a replayed answer, another origin or
 * RP id, a counter that went back, another moderator's challenge, an expired one, a removed passkey, an
 * account made again under the same address; the routes on one's own sessions and passkeys against every kind of caller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SoftPasskey, softPasskey } from '../testing/authenticator.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { addModerator, adminCall, OWN, sessionFor, type TestSession } from './admin.testkit.js';

let h: Harness;
let owner: TestSession;
let ip = 0;
const freshIp = () => `10.9.${Math.floor(++ip / 250)}.${ip % 250}`;

beforeAll(async () => {
  h = await createHarness({ publicUrl: OWN });
  await h.site('alpha');
  await addModerator(h, 'owner@a.test', [['alpha', 'owner']], 'owner-password-1');
  await addModerator(h, 'mod@a.test', [['alpha', 'moderator']], 'mod-password-1');
  owner = await sessionFor(h, 'owner@a.test');
});
afterAll(() => h?.drop());

async function register(session: TestSession, key: SoftPasskey, name = 'laptop') {
  const begun = await adminCall(h, 'POST', '/me/passkeys/options', { session });
  expect(begun.status).toBe(200);
  expect(begun.json.options.rp.id).toBe('localhost');
  return adminCall(h, 'POST', '/me/passkeys', {
    session,
    body: { attempt: begun.json.attempt, response: key.register(begun.json.options, OWN), name },
  });
}

/** Begins a sign-in; `answer` signs its challenge (as the browser would, or not). */
async function begin(at = freshIp()) {
  const res = await adminCall(h, 'POST', '/login/passkey/options', { ip: at });
  expect(res.status).toBe(200);
  expect(res.json.options.allowCredentials ?? []).toEqual([]);
  return res.json as { attempt: string; options: { challenge: string; rpId: string } };
}
const finish = (attempt: string, response: unknown, at = freshIp()) =>
  adminCall(h, 'POST', '/login/passkey', { body: { attempt, response }, ip: at });

describe('passkeys', () => {
  const key = softPasskey();

  it('registers a passkey for the signed-in moderator and lists it', async () => {
    const res = await register(owner, key);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.passkeys).toEqual([
      expect.objectContaining({ id: key.id, name: 'laptop', lastUsedAt: null, transports: ['internal'] }),
    ]);
    // The same authenticator again is refused by the browser (excludeCredentials) and by the store.
    const again = await adminCall(h, 'POST', '/me/passkeys/options', { session: owner });
    expect(again.json.options.excludeCredentials).toEqual([expect.objectContaining({ id: key.id })]);
  });

  it('signs in with it; the answer cannot be replayed', async () => {
    const { attempt, options } = await begin();
    const answer = key.answer(options, OWN);
    const res = await finish(attempt, answer);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.moderator.email).toBe('owner@a.test');
    const cookie = /afterword_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1];
    const session = { cookie: `afterword_session=${cookie}`, csrf: res.json.csrfToken };
    const list = await adminCall(h, 'GET', '/me/sessions', { session });
    expect(list.json.sessions.find((s: { current: boolean }) => s.current).method).toBe('passkey');
    const used = (await adminCall(h, 'GET', '/me/passkeys', { session })).json.passkeys[0];
    expect(used.lastUsedAt).not.toBeNull();

    const replay = await finish(attempt, answer);
    expect(replay.status).toBe(401);
    expect(replay.json.error.code).toBe('passkey_failed');
  });

  it('refuses an answer for another origin or RP id, to another challenge, or with a counter gone back', async () => {
    const a = await begin();
    expect((await finish(a.attempt, key.answer(a.options, 'https://evil.example'))).json.error.code).toBe(
      'passkey_failed',
    );
    const b = await begin();
    expect((await finish(b.attempt, key.answer(b.options, OWN, 'evil.example'))).status).toBe(401);
    const c = await begin();
    const d = await begin();
    expect((await finish(c.attempt, key.answer(d.options, OWN))).status).toBe(401);
    const e = await begin();
    key.counter = 0;
    expect((await finish(e.attempt, key.answer(e.options, OWN))).status).toBe(401);
    key.counter = 100;
    const f = await begin();
    expect((await finish(f.attempt, key.answer(f.options, OWN))).status).toBe(200);
  });

  it('refuses a challenge after 5 minutes, and a registration with another moderator’s challenge', async () => {
    const a = await begin();
    h.advance(6 * 60 * 1000);
    try {
      expect((await finish(a.attempt, key.answer(a.options, OWN))).status).toBe(401);
    } finally {
      h.advance(-6 * 60 * 1000);
    }
    const mod = await sessionFor(h, 'mod@a.test');
    const theirs = await adminCall(h, 'POST', '/me/passkeys/options', { session: owner });
    const stolen = await adminCall(h, 'POST', '/me/passkeys', {
      session: mod,
      body: { attempt: theirs.json.attempt, response: softPasskey().register(theirs.json.options, OWN) },
    });
    expect(stolen.status).toBe(400);
    expect(stolen.json.error.code).toBe('passkey_failed');
    expect((await adminCall(h, 'GET', '/me/passkeys', { session: mod })).json.passkeys).toEqual([]);
  });

  it('with "require passkey" on, a password is refused and the passkey signs in', async () => {
    const on = await adminCall(h, 'PUT', '/sites/alpha/security', {
      session: owner,
      body: { requirePasskey: true },
    });
    expect(on.status).toBe(200);
    const pw = await adminCall(h, 'POST', '/login', {
      body: { email: 'owner@a.test', password: 'owner-password-1' },
      ip: freshIp(),
    });
    expect(pw.status).toBe(403);
    expect(pw.json.error.code).toBe('passkey_required');
    const { attempt, options } = await begin();
    expect((await finish(attempt, key.answer(options, OWN))).status).toBe(200);
    await adminCall(h, 'PUT', '/sites/alpha/security', { session: owner, body: { requirePasskey: false } });
  });

  it('a removed passkey, or one of an account removed and made again, signs in no more', async () => {
    const spare = softPasskey({ count: false });
    expect((await register(owner, spare, 'spare')).status).toBe(201);
    const a = await begin();
    const answer = spare.answer(a.options, OWN);
    expect((await finish(a.attempt, answer)).status).toBe(200);
    // Its counter stays 0, so only the used-up challenge refuses the same answer again.
    expect((await finish(a.attempt, answer)).status).toBe(401);
    const removed = await adminCall(h, 'DELETE', `/me/passkeys/${spare.id}`, { session: owner });
    expect(removed.json.passkeys.map((p: { id: string }) => p.id)).toEqual([key.id]);
    const b = await begin();
    expect((await finish(b.attempt, spare.answer(b.options, OWN))).status).toBe(401);
    expect((await adminCall(h, 'DELETE', `/me/passkeys/${spare.id}`, { session: owner })).status).toBe(404);

    await h.store.moderators.remove('owner@a.test');
    h.advance(1000);
    await addModerator(h, 'owner@a.test', [['alpha', 'owner']], 'owner-password-1');
    const c = await begin();
    expect((await finish(c.attempt, key.answer(c.options, OWN))).status).toBe(401);
  });
});

describe('routes on one’s own sessions and passkeys, against every kind of caller', () => {
  /** What the calls could change: the owner's passkeys and sessions. */
  const snapshot = async () =>
    JSON.stringify([
      await h.store.passkeys.list('owner@a.test'),
      await h.store.sessions.list((await h.store.moderators.get('owner@a.test'))!, h.deps.now()),
    ]);

  it('denies no, forged, expired and revoked sessions, a foreign Origin, no Origin, no CSRF token; another moderator finds nothing', async () => {
    const self = await sessionFor(h, 'owner@a.test');
    const key = softPasskey();
    expect((await register(self, key, 'target')).status).toBe(201);
    const victim = await h.store.sessions.create('owner@a.test', h.deps.now(), 3600);
    const begun = await adminCall(h, 'POST', '/me/passkeys/options', { session: self });
    const calls = [
      { method: 'DELETE', path: `/me/sessions/${victim.item.ref}` },
      { method: 'DELETE', path: `/me/passkeys/${key.id}` },
      {
        method: 'POST',
        path: '/me/passkeys',
        body: { attempt: begun.json.attempt, response: softPasskey().register(begun.json.options, OWN) },
      },
    ];
    const revoked = await h.store.sessions.create('owner@a.test', h.deps.now(), 3600);
    await h.store.sessions.revoke('owner@a.test', revoked.item.ref!);
    const expired = await sessionFor(h, 'owner@a.test', 13 * 3600);
    const other = await sessionFor(h, 'mod@a.test');
    const before = await snapshot();
    for (const { method, path, body } of calls) {
      const denied = [
        [undefined, {}, 401],
        [{ cookie: 'afterword_session=forged', csrf: 'x' }, {}, 401],
        [expired, {}, 401],
        [{ cookie: `afterword_session=${revoked.id}`, csrf: self.csrf }, {}, 401],
        [self, { origin: 'https://evil.example' }, 403],
        [self, { origin: null }, 403],
        [self, { csrf: null }, 403],
      ] as const;
      for (const [session, o, status] of denied) {
        const res = await adminCall(h, method, path, { ...(session ? { session } : {}), body, ...o });
        expect(res.status, `${method} ${path} ${JSON.stringify(o)}`).toBe(status);
      }
      const theirs = await adminCall(h, method, path, { session: other, body });
      expect(theirs.status, `${method} ${path} by another moderator`).toBeGreaterThanOrEqual(400);
      expect(theirs.status).toBeLessThan(500);
    }
    expect(await snapshot()).toBe(before);
    expect((await adminCall(h, 'GET', '/me/passkeys', { session: other })).json.passkeys).toEqual([]);
  });
});
