/**
 * Readers' OpenID Connect sign-in against a real provider (oidc-provider on loopback, PKCE required): a
 * full sign-in gives a session of that site only; a wrong state, a replayed code, an ID token for another
 * client, a foreign origin and an unknown provider are refused, and the popup page posts only to the
 * attempt's own origin.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { READER_HEADER } from '../contract/reader-names.js';
import { clientKey } from '../domain/client.js';
import { tokenHash } from '../domain/reader.js';
import { HANDOFF_LIMITS } from '../domain/reader-oauth/flow.js';
import { saveProvider } from '../domain/reader-oauth/providers.js';
import { keyedHash } from '../domain/tokens.js';
import { createHarness, type Harness, TEST_SECRET } from '../testing/harness.js';
import { authorize, startProvider, type TestProvider } from './reader-oauth.testkit.js';

const API = 'http://localhost';
const CALLBACK = `${API}/api/v1/reader/oauth/callback`;
const BLOG = 'https://blog.example';
const A = { id: 'client-a', secret: 'secret-of-client-a' };
const B = { id: 'client-b', secret: 'secret-of-client-b' };
/** An allow-listed issuer where nothing listens. */
const DOWN = '127.0.0.1:9';

let idp: TestProvider;
let h: Harness;

async function offer(site: string, client: { id: string; secret: string }) {
  await h.site(site, { origins: [BLOG] });
  await saveProvider(
    { ...h.deps, secret: TEST_SECRET, outboundAllow: h.config.outboundAllow },
    site,
    { id: 'corp', kind: 'oidc', name: 'Corp', issuer: idp.issuer, clientId: client.id },
    client.secret,
  );
}

beforeAll(async () => {
  idp = await startProvider([A, B], CALLBACK);
  h = await createHarness({ outboundAllow: [idp.allow, DOWN] });
  await offer('alpha', A);
  await offer('beta', B);
});
afterAll(async () => {
  await h?.drop();
  await idp?.close();
});

/** The reader's browser's cookie for the API (the binding start sets), sent back as a browser would. */
let jar = '';

async function start(
  site: string,
  opts: { provider?: string; origin?: string; ip?: string; handoff?: string } = {},
) {
  const res = await h.app.request(
    `${API}/api/v1/reader/oauth/start?${new URLSearchParams({
      site,
      provider: opts.provider ?? 'corp',
      origin: opts.origin ?? BLOG,
      ...(opts.handoff ? { handoff: opts.handoff } : {}),
    })}`,
    { headers: { 'x-test-ip': opts.ip ?? '10.0.0.1', cookie: jar } },
  );
  const set = res.headers.get('set-cookie');
  if (set) jar = set.split(';')[0]!;
  return res;
}

interface Popup {
  status: number;
  headers: Headers;
  /** What the page posts and to which origin; undefined when it posts nothing. */
  posted?: { message: { type: string; session?: { token: string }; error?: string }; to: string };
}

async function popup(res: Response): Promise<Popup> {
  const html = await res.text();
  const m = /var m=(.*?),o=("[^"]*");/.exec(html);
  return {
    status: res.status,
    headers: res.headers,
    ...(m ? { posted: { message: JSON.parse(m[1]!), to: JSON.parse(m[2]!) } } : {}),
  };
}

const callback = async (url: URL | string, cookie = jar) =>
  popup(await h.app.request(String(url), { headers: { cookie } }));

/** Starts on `site` and goes through the provider as `login`: the URL it sends the reader back to. */
async function signIn(site: string, login: string) {
  const res = await start(site);
  expect(res.status).toBe(302);
  return authorize(res.headers.get('location')!, CALLBACK, login);
}

const scan = async () => {
  const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
  return JSON.stringify(await h.db.doc.send(new ScanCommand({ TableName: h.db.table })));
};

const me = (site: string, token: string) =>
  h.app.request(`${API}/api/v1/reader/me?site=${site}`, { headers: { [READER_HEADER]: token } });

describe('OpenID Connect sign-in', () => {
  it('signs a reader in with PKCE, state and nonce; the session works on its site only', async () => {
    const res = await start('alpha');
    expect(res.status).toBe(302);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('set-cookie')).toMatch(
      /^afterword_oauth=[A-Za-z0-9_-]{43}; Max-Age=600; Path=\/api\/v1\/reader\/oauth; HttpOnly; SameSite=Lax$/,
    );
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(idp.issuer);
    expect(to.searchParams.get('client_id')).toBe(A.id);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(to.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(to.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(to.searchParams.get('redirect_uri')).toBe(CALLBACK);
    // The pending attempt is kept under the hash of its state, never the state itself.
    const pending = await scan();
    expect(pending).toContain('OAUTHSTATE#');
    expect(pending).not.toContain(to.searchParams.get('state')!);

    const back = await authorize(to.href, CALLBACK, 'ada');
    const page = await callback(back);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/unsafe-inline/);
    expect(page.posted?.to).toBe(BLOG);
    const token = page.posted?.message.session?.token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Stored hashed: the session's token is not in the table as it is, only its hash.
    const after = await scan();
    expect(after).toContain(`RSESSION#${tokenHash(token!)}`);
    expect(after).not.toContain(token!);

    const mine = await me('alpha', token!);
    expect(mine.status).toBe(200);
    const { reader } = (await mine.json()) as { reader: { name: string; email: string; methods: string[] } };
    expect(reader).toMatchObject({ name: 'Reader ada', email: 'ada@idp.example', methods: ['oidc'] });
    // Site A's session on site B: refused.
    const other = await me('beta', token!);
    expect(other.status).toBe(401);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('reader_session_invalid');
  });

  it('signs the same subject in to the same account; an unverified address is not kept', async () => {
    const first = (await callback(await signIn('alpha', 'bob'))).posted?.message.session;
    const again = (await callback(await signIn('alpha', 'bob'))).posted?.message.session;
    const ids = await Promise.all(
      [first!, again!].map(
        async (s) => ((await (await me('alpha', s.token)).json()) as { reader: { id: string } }).reader.id,
      ),
    );
    expect(ids[0]).toBe(ids[1]);
    const unverified = (await callback(await signIn('alpha', 'unverified-carl'))).posted?.message.session;
    const { reader } = (await (await me('alpha', unverified!.token)).json()) as {
      reader: { email?: string };
    };
    expect(reader.email).toBeUndefined();
  });

  it('refuses a wrong state (nothing posted), and the attempt of the right one still works', async () => {
    const back = await signIn('alpha', 'dora');
    const forged = new URL(back);
    forged.searchParams.set('state', `${back.searchParams.get('state')}x`);
    const refused = await callback(forged);
    expect(refused.status).toBe(400);
    expect(refused.posted).toBeUndefined();
    const noState = new URL(back);
    noState.searchParams.delete('state');
    expect((await callback(noState)).status).toBe(400);
    const ok = await callback(back);
    expect(ok.status).toBe(200);
    expect(ok.posted?.message.session?.token).toBeDefined();
  });

  it('refuses to finish in another browser an attempt begun elsewhere: no session, nothing handed over', async () => {
    // Someone begins a sign-in (with a handoff secret of theirs) and gets this reader to open its
    // authorize URL: the provider sends the reader back, but without the binding of the browser that began.
    const secret = randomBytes(32).toString('base64url');
    const handoff = createHash('sha256').update(secret).digest('base64url');
    const theirs = await start('alpha', { handoff });
    const back = await authorize(theirs.headers.get('location')!, CALLBACK, 'ivy');
    const elsewhere = await callback(back, '');
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.posted?.message).toEqual({ type: 'afterword-signin', error: 'oauth_state_invalid' });
    // The attempt is used up by that refusal: its own browser cannot finish it now either.
    expect((await callback(back)).status).toBe(400);
    const handed = await h.app.request(`${API}/api/v1/reader/oauth/handoff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: BLOG },
      body: JSON.stringify({ site: 'alpha', secret }),
    });
    expect(handed.status).toBe(403);
    expect(JSON.stringify(await handed.json())).not.toContain('token');
  });

  it('refuses a replayed code: its state is used up, and under a fresh state the provider refuses it', async () => {
    const back = await signIn('alpha', 'eve');
    expect((await callback(back)).status).toBe(200);
    const replay = await callback(back);
    expect(replay.status).toBe(400);
    expect(replay.posted).toBeUndefined();
    // The same code with the state of a new attempt: the exchange itself fails, no session comes out.
    const fresh = new URL((await start('alpha')).headers.get('location')!);
    const swapped = new URL(back);
    swapped.searchParams.set('state', fresh.searchParams.get('state')!);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const refused = await callback(swapped);
    warn.mockRestore();
    expect(refused.status).toBe(403);
    expect(refused.posted).toEqual({
      message: { type: 'afterword-signin', error: 'oauth_failed' },
      to: BLOG,
    });
  });

  it('refuses a genuine ID token issued to another client (audience), and signs in when it is its own', async () => {
    // Site beta uses client B. The reader's browser asks the provider as client A instead, and the token
    // request reaches the provider as client A: the ID token is real, signed, with the right nonce, for A.
    const res = await start('beta');
    const asA = new URL(res.headers.get('location')!);
    expect(asA.searchParams.get('client_id')).toBe(B.id);
    asA.searchParams.set('client_id', A.id);
    const back = await authorize(asA.href, CALLBACK, 'fay');
    idp.swapTokenClient = A;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const refused = await callback(back).finally(() => {
      idp.swapTokenClient = undefined;
    });
    const said = warn.mock.calls.map((c) => String(c[0])).join('\n');
    warn.mockRestore();
    expect(refused.status).toBe(403);
    expect(refused.posted?.message).toEqual({ type: 'afterword-signin', error: 'oauth_failed' });
    expect(said).toMatch(/"aud"/);
    const own = await callback(await signIn('beta', 'fay'));
    expect(own.status).toBe(200);
    expect((await me('beta', own.posted!.message.session!.token)).status).toBe(200);
  });

  it('tells the page a refusal at the provider, and refuses foreign origins and unknown providers', async () => {
    const to = new URL((await start('alpha')).headers.get('location')!);
    const denied = await callback(`${CALLBACK}?error=access_denied&state=${to.searchParams.get('state')}`);
    expect(denied.status).toBe(403);
    expect(denied.posted).toEqual({ message: { type: 'afterword-signin', error: 'oauth_denied' }, to: BLOG });

    const foreign = await popup(await start('alpha', { origin: 'https://evil.example' }));
    expect(foreign.status).toBe(400);
    expect(foreign.posted).toBeUndefined();
    const unknown = await popup(await start('alpha', { provider: 'nope' }));
    expect(unknown.status).toBe(403);
    expect(unknown.posted).toEqual({
      message: { type: 'afterword-signin', error: 'signin_method_off' },
      to: BLOG,
    });
    expect((await popup(await start('nosuchsite'))).status).toBe(404);
    const bad = await h.app.request(`${API}/api/v1/reader/oauth/start?site=alpha&provider=Bad!&origin=x`);
    expect(bad.status).toBe(400);
  });

  it('answers 502 when the issuer cannot be reached (discovery), never a 500', async () => {
    await h.site('gamma', { origins: [BLOG] });
    await saveProvider(
      { ...h.deps, secret: TEST_SECRET, outboundAllow: h.config.outboundAllow },
      'gamma',
      { id: 'corp', kind: 'oidc', name: 'Down', issuer: `http://${DOWN}`, clientId: A.id },
      A.secret,
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const down = await popup(await start('gamma'));
    warn.mockRestore();
    expect(down.status).toBe(502);
    expect(down.posted).toEqual({ message: { type: 'afterword-signin', error: 'oauth_failed' }, to: BLOG });
  });

  it('refuses an attempt past its 10 minutes', async () => {
    const back = await signIn('alpha', 'gil');
    h.advance(10 * 60 * 1000 + 1000);
    const late = await callback(back);
    expect(late.status).toBe(400);
    expect(late.posted).toBeUndefined();
  });

  it('hands the outcome over once to the widget holding the handoff secret (a popup without opener)', async () => {
    const secret = randomBytes(32).toString('base64url');
    const handoff = createHash('sha256').update(secret).digest('base64url');
    const fetchOutcome = (site: string, s = secret, origin = BLOG) =>
      h.app.request(`${API}/api/v1/reader/oauth/handoff`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ site, secret: s }),
      });
    const res = await start('alpha', { handoff });
    expect((await fetchOutcome('alpha')).status).toBe(204);
    const page = await callback(await authorize(res.headers.get('location')!, CALLBACK, 'hal'));
    expect(page.status).toBe(200);
    expect((await fetchOutcome('alpha', randomBytes(32).toString('base64url'))).status).toBe(204);
    expect((await fetchOutcome('alpha', secret, 'https://evil.example')).status).toBe(403);
    const taken = await fetchOutcome('alpha');
    expect(taken.status).toBe(200);
    expect(taken.headers.get('access-control-allow-origin')).toBe(BLOG);
    const session = (await taken.json()) as { token: string };
    expect(session.token).toBe(page.posted?.message.session?.token);
    expect((await fetchOutcome('alpha')).status).toBe(204);
    // A refusal is handed over too (as its code), and only on its own site.
    const denied = new URL((await start('alpha', { handoff })).headers.get('location')!).searchParams.get(
      'state',
    );
    await callback(`${CALLBACK}?error=access_denied&state=${denied}`);
    const refused = await fetchOutcome('alpha');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('oauth_denied');
    expect((await fetchOutcome('alpha', 'short')).status).toBe(400);
  });

  it('throttles starts per client', async () => {
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await start('alpha', { ip: '10.9.9.9' })).status;
    expect(last).toBe(429);
    expect((await start('alpha', { ip: '10.9.9.10' })).status).toBe(302);
  });

  it('throttles handoff checks per client (a widget polls one every 2 s for 10 minutes: 300)', async () => {
    const check = (ip: string) =>
      h.app.request(`${API}/api/v1/reader/oauth/handoff`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: BLOG, 'x-test-ip': ip },
        body: JSON.stringify({ site: 'alpha', secret: randomBytes(32).toString('base64url') }),
      });
    // The client's counter stands where a whole poll (and more) left it: the next check is the last allowed.
    const key = `handoff-ip#${keyedHash(TEST_SECRET, 'ip', clientKey('10.8.8.8'))}`;
    const at = h.deps.now().getTime();
    await h.store.rates.hit(key, HANDOFF_LIMITS.windowSec, at, HANDOFF_LIMITS.perClient - 1);
    expect((await check('10.8.8.8')).status).toBe(204);
    const over = await check('10.8.8.8');
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBeTruthy();
    expect((await check('10.8.8.9')).status).toBe(204);
  });
});
