/**
 * Readers' passkeys on DynamoDB Local with a software authenticator: the relying party is the blog's origin;
 * a new account registers with a name, a signed-in reader attaches one; sign-in is usernameless; and the
 * refusals: a replay, another site's credential or session, a foreign origin, another reader's challenge,
 * a challenge of the other ceremony, sites that do not offer passkeys, and the per-client throttle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READER_HEADER } from '../contract/reader-names.js';
import { LOGIN_LIMITS } from '../domain/auth.js';
import { signInReader } from '../domain/reader.js';
import { type SoftPasskey, softPasskey } from '../testing/authenticator.js';
import { ORIGIN, postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { readerEnv } from './reader-helpers.js';

let h: Harness;
let ip = 0;
const freshIp = () => `10.7.${Math.floor(++ip / 250)}.${ip % 250}`;
const OTHER = 'https://other.example';

beforeAll(async () => {
  h = await createHarness();
  await h.site('alpha', { readers: { passkey: true, editsAnytime: true } });
  await h.site('beta', { readers: { passkey: true }, origins: [OTHER] });
  await h.site('closed', { readers: { email: true } });
});
afterAll(() => h?.drop());

interface Opts {
  session?: string;
  origin?: string;
  at?: string;
}
const call = (path: string, body: unknown, o: Opts = {}) =>
  h.call('POST', `/api/v1/reader/passkeys${path}`, {
    body,
    headers: {
      ...(o.origin === '' ? {} : { origin: o.origin ?? ORIGIN }),
      ...(o.session ? { [READER_HEADER]: o.session } : {}),
    },
    ip: o.at ?? freshIp(),
  });

/** Registers `key` on `site` (a new account named `name`, or the signed-in reader's), from `origin`. */
async function register(key: SoftPasskey, site: string, o: Opts & { name?: string } = {}) {
  const origin = o.origin ?? (site === 'beta' ? OTHER : ORIGIN);
  const begun = await call('/register/options', { site, name: o.name ?? 'Ada' }, { ...o, origin });
  expect(begun.status, JSON.stringify(begun.json)).toBe(200);
  return call(
    '/register',
    { site, attempt: begun.json.attempt, response: key.register(begun.json.options, origin) },
    { ...o, origin },
  );
}

/** A usernameless sign-in on `site` answered by `key` (signing for `answerOrigin`). */
async function signIn(key: SoftPasskey, site: string, origin = ORIGIN, answerOrigin = origin) {
  const begun = await call('/login/options', { site }, { origin });
  expect(begun.status, JSON.stringify(begun.json)).toBe(200);
  expect(begun.json.options.allowCredentials ?? []).toEqual([]);
  const answer = key.answer(begun.json.options, answerOrigin);
  return {
    res: await call('/login', { site, attempt: begun.json.attempt, response: answer }, { origin }),
    begun,
    answer,
  };
}

describe('reader passkeys', () => {
  const key = softPasskey({ count: true });
  let session = '';

  it('registers a new account with a name, the blog being the relying party, and signs it in', async () => {
    const begun = await call('/register/options', { site: 'alpha', name: 'Ada' });
    expect(begun.json.options.rp).toEqual({ id: 'blog.example', name: 'alpha' });
    expect(begun.json.options.user.name).toBe('Ada');
    const res = await call('/register', {
      site: 'alpha',
      attempt: begun.json.attempt,
      response: key.register(begun.json.options, ORIGIN),
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.reader).toMatchObject({ name: 'Ada', methods: ['passkey'] });
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    session = res.json.token;
    const me = await h.call('GET', '/api/v1/reader/me?site=alpha', {
      headers: { origin: ORIGIN, [READER_HEADER]: session },
    });
    expect(me.json.reader.id).toBe(res.json.reader.id);
  });

  it('signs in again without a name (usernameless) to the same account; the answer cannot be replayed', async () => {
    const { res, begun, answer } = await signIn(key, 'alpha');
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.reader.name).toBe('Ada');
    const posted = await postComment(
      h.call,
      { site: 'alpha', body: 'hello' },
      { headers: { [READER_HEADER]: res.json.token } },
    );
    expect(posted.json.comment.author).toMatchObject({ name: 'Ada', verified: true });
    const replay = await call('/login', { site: 'alpha', attempt: begun.json.attempt, response: answer });
    expect(replay.status).toBe(401);
    expect(replay.json.error.code).toBe('passkey_failed');
  });

  it('attaches a second passkey to the signed-in reader (excluding the first); both sign in to one account', async () => {
    const second = softPasskey();
    const begun = await call('/register/options', { site: 'alpha' }, { session });
    expect(begun.json.options.excludeCredentials).toEqual([expect.objectContaining({ id: key.id })]);
    const res = await register(second, 'alpha', { session });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const a = (await signIn(key, 'alpha')).res.json.reader.id;
    const b = (await signIn(second, 'alpha')).res.json.reader.id;
    expect(a).toBe(b);
  });

  it('a passkey of site A signs in nowhere on site B, and a session of A registers nothing on B', async () => {
    const { res } = await signIn(key, 'beta', OTHER);
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('passkey_failed');
    const begun = await call('/register/options', { site: 'beta' }, { session, origin: OTHER });
    expect(begun.status).toBe(401);
    expect(begun.json.error.code).toBe('reader_session_invalid');
  });

  it('refuses foreign origins: the request’s, the answer’s, and one of the site’s but not where it began', async () => {
    const foreign = await call('/login/options', { site: 'alpha' }, { origin: OTHER });
    expect(foreign.status).toBe(403);
    expect(foreign.json.error.code).toBe('origin_not_allowed');
    expect((await call('/login/options', { site: 'alpha' }, { origin: '' })).json.error.code).toBe(
      'origin_not_allowed',
    );
    expect((await signIn(key, 'alpha', ORIGIN, 'https://evil.example')).res.status).toBe(401);
    // Registered on beta, its challenge answered from beta's origin, finished against alpha: refused.
    const begun = await call('/login/options', { site: 'beta' }, { origin: OTHER });
    const res = await call('/login', {
      site: 'alpha',
      attempt: begun.json.attempt,
      response: key.answer(begun.json.options, ORIGIN),
    });
    expect(res.status).toBe(401);
  });

  it('a registration begun by one reader (or none) cannot be finished by another; nor a sign-in challenge', async () => {
    const other = softPasskey();
    const begun = await call('/register/options', { site: 'alpha' }, { session });
    const stolen = await call('/register', {
      site: 'alpha',
      attempt: begun.json.attempt,
      response: other.register(begun.json.options, ORIGIN),
    });
    expect(stolen.status).toBe(401);
    const login = await call('/login/options', { site: 'alpha' });
    const crossed = await call('/register', {
      site: 'alpha',
      attempt: login.json.attempt,
      response: other.register({ ...login.json.options, rp: { id: 'blog.example' } }, ORIGIN),
    });
    expect(crossed.status).toBe(401);
    expect((await signIn(other, 'alpha')).res.status).toBe(401);
  });

  it('refuses every session but a live one of this site, for both steps of a registration; nothing is added', async () => {
    const site = (await h.store.sites.get('alpha'))!;
    const ended = (await signInReader(readerEnv(h.deps), site, { kind: 'email', subject: 'e@r.test' })).token;
    await h.call('POST', '/api/v1/reader/signout?site=alpha', {
      headers: { origin: ORIGIN, [READER_HEADER]: ended },
    });
    const beta = (await h.store.sites.get('beta'))!;
    const otherSite = (await signInReader(readerEnv(h.deps), beta, { kind: 'email', subject: 'e@r.test' }))
      .token;
    const begun = await call('/register/options', { site: 'alpha' }, { session });
    const callers = { malformed: 'not a token!', random: 'A'.repeat(43), ended, otherSite };
    for (const [who, token] of Object.entries(callers)) {
      const options = await call('/register/options', { site: 'alpha', name: 'X' }, { session: token });
      expect([options.status, options.json.error.code], who).toEqual([401, 'reader_session_invalid']);
      const key = softPasskey();
      const answer = {
        site: 'alpha',
        attempt: begun.json.attempt,
        response: key.register(begun.json.options, ORIGIN),
      };
      const res = await call('/register', answer, { session: token });
      expect(res.status, who).toBe(401);
      expect(await h.store.readerPasskeys.byCredential('alpha', key.id), who).toBeUndefined();
    }
  });

  it('a new account needs a name; bad input is a 400, never a 500', async () => {
    const res = await call('/register/options', { site: 'alpha' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_input');
    const bad = await call('/login', { site: 'alpha', attempt: 'x', response: { id: '!!' } });
    expect(bad.status).toBe(400);
  });

  it('is off where the site does not offer passkeys, and unknown sites are 404', async () => {
    const off = await call('/login/options', { site: 'closed' });
    expect(off.status).toBe(403);
    expect(off.json.error.code).toBe('signin_method_off');
    expect((await call('/login/options', { site: 'nowhere' })).status).toBe(404);
  });

  it('throttles attempts per client (each asking counts)', async () => {
    const at = '10.99.0.1';
    for (let i = 0; i < LOGIN_LIMITS.perClient; i++)
      expect((await call('/login/options', { site: 'alpha' }, { at })).status).toBe(200);
    const over = await call('/login/options', { site: 'alpha' }, { at });
    expect(over.status).toBe(429);
    expect(over.json.error.code).toBe('rate_limited');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
  });
});
