/** The admin API's authorization matrix: every endpoint against every kind of caller; denials change nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfToken, LOGIN_LIMITS, SESSION_TTL_SEC } from '../domain/auth.js';
import { saveProvider } from '../domain/reader-oauth/providers.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { addModerator, adminCall, seedComment, sessionFor, type TestSession } from './admin.testkit.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await h.site('alpha');
  await h.site('beta');
  await addModerator(h, 'owner@a.test', [['alpha', 'owner']]);
  await addModerator(h, 'mod@a.test', [['alpha', 'moderator']]);
  await addModerator(h, 'mod@b.test', [['beta', 'owner']]);
});
afterAll(() => h?.drop());

interface Endpoint {
  name: string;
  method: string;
  /** Builds path and body for a fresh target comment. */
  make: (id: string) => { path: string; body?: unknown };
  ownerOnly?: boolean;
  /** Not about one site: a moderator of another site may call it too. */
  siteless?: boolean;
  ok?: number;
  /** Sets up what the call acts on, beside the fresh comment (a reader's report). */
  seed?: (id: string) => Promise<unknown>;
}

/** A Mastodon status URL of its own for each case. */
const remotePost = (id: string) => `https://social.example/@ann/${id}`;

/** A reader's report of the comment, written straight to storage. */
const reported = (id: string) =>
  h.store.reports.add({
    commentId: id,
    site: 'alpha',
    reporter: 'a'.repeat(32),
    reason: 'abuse',
    now: h.deps.now().toISOString(),
  });

const ENDPOINTS: Endpoint[] = [
  { name: 'me', method: 'GET', make: () => ({ path: '/me' }), siteless: true },
  { name: 'queue', method: 'GET', make: () => ({ path: '/queue?site=alpha' }) },
  {
    name: 'bulk',
    method: 'POST',
    make: (id) => ({ path: '/comments/bulk', body: { ids: [id], action: 'spam' } }),
  },
  {
    name: 'status',
    method: 'POST',
    make: (id) => ({ path: `/comments/${id}/status`, body: { status: 'approved' } }),
  },
  { name: 'edit', method: 'PATCH', make: (id) => ({ path: `/comments/${id}`, body: { body: 'changed' } }) },
  {
    name: 'reply',
    method: 'POST',
    make: (id) => ({ path: `/comments/${id}/reply`, body: { body: 'a reply' } }),
    ok: 201,
  },
  { name: 'pin', method: 'POST', make: (id) => ({ path: `/comments/${id}/pin`, body: { pinned: true } }) },
  {
    name: 'lock',
    method: 'POST',
    make: () => ({ path: '/threads/lock', body: { site: 'alpha', page: '/lock-me/', locked: true } }),
  },
  { name: 'bans list', method: 'GET', make: () => ({ path: '/sites/alpha/bans' }) },
  {
    name: 'ban',
    method: 'POST',
    make: (id) => ({ path: '/sites/alpha/bans', body: { commentId: id, days: 1 } }),
    ok: 201,
  },
  {
    name: 'unban',
    method: 'DELETE',
    make: () => ({ path: '/sites/alpha/bans', body: { kind: 'client', hash: 'f'.repeat(32) } }),
  },
  { name: 'settings', method: 'GET', make: () => ({ path: '/sites/alpha/settings' }) },
  {
    name: 'settings put',
    method: 'PUT',
    make: () => ({ path: '/sites/alpha/settings', body: { moderation: 'all', maxDepth: 3 } }),
    ownerOnly: true,
  },
  { name: 'log', method: 'GET', make: () => ({ path: '/sites/alpha/log' }) },
  { name: 'stats', method: 'GET', make: () => ({ path: '/sites/alpha/stats?days=7' }) },
  {
    name: 'status with a reason, telling the author',
    method: 'POST',
    make: (id) => ({
      path: `/comments/${id}/status`,
      body: { status: 'deleted', reason: { code: 'abuse', text: 'an insult' }, tellAuthor: true },
    }),
  },
  { name: 'author history', method: 'GET', make: (id) => ({ path: `/comments/${id}/author` }) },
  {
    name: 'author note',
    method: 'PUT',
    make: (id) => ({ path: `/comments/${id}/author/note`, body: { text: `note ${id}` } }),
  },
  { name: 'mail choice', method: 'GET', make: () => ({ path: '/me/mail' }), siteless: true },
  {
    name: 'mail choice put',
    method: 'PUT',
    make: () => ({ path: '/me/mail', body: { digest: 'daily' } }),
    siteless: true,
  },
  { name: 'reported list', method: 'GET', make: () => ({ path: '/sites/alpha/reports' }), seed: reported },
  {
    name: 'dismiss reports',
    method: 'DELETE',
    make: (id) => ({ path: `/comments/${id}/reports` }),
    seed: reported,
  },
  { name: 'own sessions', method: 'GET', make: () => ({ path: '/me/sessions' }), siteless: true },
  { name: 'own passkeys', method: 'GET', make: () => ({ path: '/me/passkeys' }), siteless: true },
  {
    name: 'passkey registration options',
    method: 'POST',
    make: () => ({ path: '/me/passkeys/options' }),
    siteless: true,
  },
  { name: 'site passkey rule', method: 'GET', make: () => ({ path: '/sites/alpha/security' }) },
  {
    // Turned on in storage first, so the owner's call changes it (and ends off: later logins use passwords).
    name: 'site passkey rule put',
    method: 'PUT',
    make: () => ({ path: '/sites/alpha/security', body: { requirePasskey: false } }),
    ownerOnly: true,
    seed: () =>
      h.store.siteSecurity.set('alpha', { requirePasskey: true }, 'test', h.deps.now().toISOString()),
  },
  {
    name: 'end a moderator’s sessions',
    method: 'DELETE',
    make: () => ({ path: '/sites/alpha/moderators/mod@a.test/sessions' }),
    ownerOnly: true,
  },
  {
    name: 'reader sign-in providers',
    method: 'GET',
    make: () => ({ path: '/sites/alpha/reader-providers' }),
  },
  {
    name: 'reader sign-in provider put',
    method: 'PUT',
    make: (id) => ({
      path: '/sites/alpha/reader-providers/gh',
      body: { kind: 'github', name: 'GitHub', clientId: `client-${id}`, clientSecret: 'a secret' },
    }),
    ownerOnly: true,
  },
  {
    name: 'reader sign-in provider delete',
    method: 'DELETE',
    make: () => ({ path: '/sites/alpha/reader-providers/corp' }),
    ownerOnly: true,
    seed: () =>
      saveProvider(
        { ...h.deps, secret: h.config.secret, outboundAllow: [] },
        'alpha',
        { id: 'corp', kind: 'oidc', name: 'Corp', issuer: 'https://id.example', clientId: 'c' },
        's',
      ),
  },
  { name: 'remote links', method: 'GET', make: () => ({ path: '/sites/alpha/remote-links' }) },
  {
    name: 'remote link put',
    method: 'PUT',
    make: (id) => ({ path: '/sites/alpha/remote-links', body: { page: '/p/', url: remotePost(id) } }),
  },
  {
    name: 'remote link delete',
    method: 'DELETE',
    make: (id) => ({ path: '/sites/alpha/remote-links', body: { page: '/p/', url: remotePost(id) } }),
    seed: (id) =>
      h.store.remoteLinks.link(
        'alpha',
        '/p/',
        { source: 'mastodon', url: remotePost(id), by: 'moderator' },
        h.deps.now().toISOString(),
      ),
  },
  { name: 'logout', method: 'POST', make: () => ({ path: '/logout' }), siteless: true },
];

/** The comment a case acts on, with what its endpoint needs seeded beside it. */
async function target(ep: Endpoint): Promise<string> {
  const id = await seedComment(h, 'alpha');
  await ep.seed?.(id);
  return id;
}

/** Everything an admin call could change, read straight from storage. */
async function snapshot(id: string) {
  const c = await h.store.comments.read(id);
  const [counts, page, locked, site, bans, log, note, owner] = await Promise.all([
    h.store.moderation.counts('alpha'),
    h.store.threads.getPage('alpha', '/p/'),
    h.store.threads.getPage('alpha', '/lock-me/'),
    h.store.sites.get('alpha'),
    h.store.bans.list('alpha', h.deps.now()),
    // The newest entry: a call that logs anything changes it (the log reads newest first).
    h.store.audit.list('alpha', 1),
    h.store.authorNotes.get('alpha', 'email', 'e'.repeat(32)),
    h.store.moderators.get('owner@a.test'),
  ]);
  const [reports, security, providerSecrets, mod, remoteLinks] = await Promise.all([
    h.store.reports.summary(id),
    h.store.siteSecurity.get('alpha'),
    h.store.readerOAuth.withSecret('alpha'),
    h.store.moderators.get('mod@a.test'),
    h.store.remoteLinks.list('alpha'),
  ]);
  return JSON.stringify({
    c: [c?.status, c?.body, c?.pinned, c?.editedAt],
    counts,
    page: [page?.count, page?.version, page?.locked, locked?.locked],
    site: site?.updatedAt,
    bans: bans.length,
    log: log.entries[0]?.sk,
    note: note?.text,
    digest: owner?.digest,
    reports,
    security,
    providerSecrets,
    modEpoch: JSON.stringify(mod),
    remoteLinks,
  });
}

type Case = {
  who: string;
  session: () => Promise<TestSession | undefined>;
  origin?: string | null;
  csrf?: string | null;
  /** The error code expected, when only one is right. */
  code?: RegExp;
};

const DENIED: Case[] = [
  { who: 'no session', session: async () => undefined },
  { who: 'expired session', session: () => sessionFor(h, 'owner@a.test', 13 * 3600) },
  { who: 'moderator of another site', session: () => sessionFor(h, 'mod@b.test') },
  {
    who: 'cross-origin with a valid cookie',
    session: () => sessionFor(h, 'owner@a.test'),
    origin: 'https://evil.example',
  },
  { who: 'forged session cookie', session: async () => ({ cookie: 'afterword_session=forged', csrf: 'x' }) },
  {
    who: 'revoked session',
    session: async () => {
      const { id, item } = await h.store.sessions.create('owner@a.test', h.deps.now(), SESSION_TTL_SEC);
      await h.store.sessions.revoke('owner@a.test', item.ref!);
      return { cookie: `afterword_session=${id}`, csrf: csrfToken(h.config.secret, id) };
    },
  },
];

/** A write by the owner's own session, without the CSRF token, with a wrong one, or without an Origin. */
const CSRF: Case[] = [
  { who: 'no CSRF token', session: () => sessionFor(h, 'owner@a.test'), csrf: null, code: /^csrf_failed$/ },
  { who: 'a wrong CSRF token', session: () => sessionFor(h, 'owner@a.test'), csrf: 'A'.repeat(43) },
  { who: 'no Origin', session: () => sessionFor(h, 'owner@a.test'), origin: null },
];

describe.each(ENDPOINTS)('admin $method $name', (ep) => {
  // One target for every denied caller, side by side: storage is read before them and once after them all
  // (whichever call changed something, the state after differs from the state before). Beside the callers
  // without the right session: a write without the CSRF token, with a wrong one, or without an Origin, and a
  // moderator where only owners may.
  const denied: Case[] = [
    ...DENIED.filter((k) => !(k.who === 'moderator of another site' && ep.siteless)), // theirs: below
    ...(ep.method === 'GET' ? [] : CSRF),
    ...(ep.ownerOnly ? [{ who: 'moderator (owner only)', session: () => sessionFor(h, 'mod@a.test') }] : []),
  ];
  it(`denies ${denied.map((k) => k.who).join(', ')}; each changes nothing`, async () => {
    const id = await target(ep);
    const { path, body } = ep.make(id);
    const sessions = await Promise.all(denied.map((k) => k.session()));
    const before = await snapshot(id);
    const answers = await Promise.all(
      denied.map((kase, i) =>
        adminCall(h, ep.method, path, {
          session: sessions[i],
          body,
          ...(kase.origin !== undefined ? { origin: kase.origin } : {}),
          ...(kase.csrf !== undefined ? { csrf: kase.csrf } : {}),
        }),
      ),
    );
    for (const [i, kase] of denied.entries()) {
      const res = answers[i]!;
      const expected = !sessions[i] || /expired|forged|revoked/.test(kase.who) ? 401 : 403;
      expect(res.status, `${kase.who}: ${JSON.stringify(res.json)}`).toBe(kase.origin ? 403 : expected);
      expect(res.json.error.code, kase.who).toMatch(kase.code ?? /^(unauthorized|forbidden|csrf_failed)$/);
    }
    expect(await snapshot(id), denied.map((k) => k.who).join(', ')).toBe(before);
  });

  if (!ep.ownerOnly)
    it('moderator: allowed', async () => {
      const id = await target(ep);
      const { path, body } = ep.make(id);
      const res = await adminCall(h, ep.method, path, { session: await sessionFor(h, 'mod@a.test'), body });
      expect(res.status, JSON.stringify(res.json)).toBe(ep.ok ?? 200);
    });

  it('owner: allowed', async () => {
    const id = await target(ep);
    const { path, body } = ep.make(id);
    const res = await adminCall(h, ep.method, path, { session: await sessionFor(h, 'owner@a.test'), body });
    expect(res.status, JSON.stringify(res.json)).toBe(ep.ok ?? 200);
    if (ep.method !== 'GET' && !ep.siteless && ep.name !== 'unban') {
      const log = await h.store.audit.list('alpha', 5);
      expect(log.entries[0]?.actor).toBe('owner@a.test');
    }
  });

  if (ep.siteless) {
    it('a moderator of another site reaches only their own session', async () => {
      const { path, body } = ep.make('x');
      const res = await adminCall(h, ep.method, path, { session: await sessionFor(h, 'mod@b.test'), body });
      expect(res.status).toBe(200);
      if (ep.name === 'me') expect(res.json.sites).toEqual([{ site: 'beta', role: 'owner', name: 'beta' }]);
      // Their own choice is the one that changed.
      if (ep.name === 'mail choice put')
        expect((await h.store.moderators.get('mod@b.test'))?.digest).toBe('daily');
    });
  }
});

describe('login and logout', () => {
  it('logs in with a password, sets a strict HttpOnly cookie, and logs out', async () => {
    await addModerator(h, 'pw@a.test', [['alpha', 'moderator']], 'correct horse battery');
    const res = await h.app.request('http://localhost/api/v1/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ email: 'PW@a.test', password: 'correct horse battery' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^afterword_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/v1\/admin/);
    expect(cookie).not.toMatch(/Secure/);
    const body = (await res.json()) as { csrfToken: string; sites: unknown[] };
    expect(body.sites).toEqual([{ site: 'alpha', role: 'moderator', name: 'alpha' }]);
    const session = { cookie: cookie.split(';')[0]!, csrf: body.csrfToken };
    expect((await adminCall(h, 'GET', '/me', { session })).status).toBe(200);
    expect((await adminCall(h, 'POST', '/logout', { session })).status).toBe(200);
    expect((await adminCall(h, 'GET', '/me', { session })).status).toBe(401);
  });

  it('marks the cookie Secure over https', async () => {
    await addModerator(h, 'sec@a.test', [['alpha', 'moderator']], 'correct horse battery');
    const res = await h.app.request('https://admin.example/api/v1/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://admin.example' },
      body: JSON.stringify({ email: 'sec@a.test', password: 'correct horse battery' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('marks the cookie Secure behind a proxy that says https, and refuses cross-site GETs', async () => {
    await addModerator(h, 'proxy@a.test', [['alpha', 'moderator']], 'correct horse battery');
    const res = await h.app.request('http://internal:8080/api/v1/admin/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'https://internal:8080',
        'x-forwarded-proto': 'https',
      },
      body: JSON.stringify({ email: 'proxy@a.test', password: 'correct horse battery' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
    const session = await sessionFor(h, 'proxy@a.test');
    const crossSite = await h.app.request('http://localhost/api/v1/admin/me', {
      headers: { cookie: session.cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
  });

  it('refuses a wrong password, a cross-origin login, throttles per client and slows (never locks) an account', async () => {
    await addModerator(h, 'slow@a.test', [['alpha', 'moderator']], 'correct horse battery');
    const login = (email: string, password: string, ip: string, origin = 'http://localhost') =>
      h.app.request('http://localhost/api/v1/admin/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, 'x-test-ip': ip },
        body: JSON.stringify({ email, password }),
      });
    expect((await login('slow@a.test', 'wrong password!', '10.0.0.1')).status).toBe(401);
    expect((await login('nobody@a.test', 'wrong password!', '10.0.0.1')).status).toBe(401);
    expect(
      (await login('slow@a.test', 'correct horse battery', '10.0.0.1', 'https://evil.example')).status,
    ).toBe(403);
    // Per account: past 10 failures a window, whichever clients they come from, each further failure
    // is answered late (never refused), and the right password from another client still works.
    for (let i = 0; i < 9; i++) await login('slow@a.test', 'wrong password!', `10.0.1.${i}`);
    const started = Date.now();
    expect((await login('slow@a.test', 'wrong password!', '10.0.1.99')).status).toBe(401);
    expect(Date.now() - started).toBeGreaterThanOrEqual(LOGIN_LIMITS.slowDownMs);
    expect((await login('slow@a.test', 'correct horse battery', '10.0.2.1')).status).toBe(200);
    // Per client: 30 attempts per window, whichever accounts they try.
    for (let i = 0; i < 30; i++) await login(`guess${i}@a.test`, 'wrong password!', '10.0.3.1');
    const limited = await login('slow@a.test', 'correct horse battery', '10.0.3.1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // The window passes: that client may log in again.
    h.advance(16 * 60 * 1000);
    expect((await login('slow@a.test', 'correct horse battery', '10.0.3.1')).status).toBe(200);
  });

  it('counts wrong logins sent all at once from one client: no more than the limit get past', async () => {
    const login = async (i: number) =>
      await h.app.request('http://localhost/api/v1/admin/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost', 'x-test-ip': '10.0.4.1' },
        body: JSON.stringify({ email: `burst${i}@a.test`, password: 'wrong password!' }),
      });
    const burst = LOGIN_LIMITS.perClient + 20;
    const statuses = await Promise.all(
      Array.from({ length: burst }, (_, i) => login(i).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMITS.perClient);
    expect(statuses.filter((s) => s === 429)).toHaveLength(burst - LOGIN_LIMITS.perClient);
  });
});
