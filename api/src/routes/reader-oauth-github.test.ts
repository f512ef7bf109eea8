/**
 * Readers' GitHub sign-in against a fake of GitHub at its HTTP boundary (node:http answering the
 * documented shapes of /login/oauth/authorize, /login/oauth/access_token, /user and /user/emails; the
 * code bound to its PKCE challenge and used once): the subject is the numeric user id, the address the
 * verified primary one; a replayed code is refused; without the allow-list the loopback fake is not reached.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Config } from '../config.js';
import { READER_HEADER } from '../contract/reader-names.js';
import { sealSecret } from '../domain/reader-oauth/seal.js';
import { createHarness, type Harness, TEST_SECRET } from '../testing/harness.js';

const API = 'http://localhost';
const CALLBACK = `${API}/api/v1/reader/oauth/callback`;
const BLOG = 'https://blog.example';
const CLIENT = { id: 'Iv1.0123456789abcdef', secret: 'github-client-secret' };

interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
  emails: Array<{ email: string; primary: boolean; verified: boolean; visibility: string | null }>;
}

/** The fake: who signs in next, codes issued (with their challenge), tokens, and what was asked. */
const fake = {
  next: undefined as GitHubUser | undefined,
  codes: new Map<string, { user: GitHubUser; challenge: string; redirect: string }>(),
  tokens: new Map<string, GitHubUser>(),
  tokenRequests: 0,
};
let server: Server;
let base: string;

const body = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

async function github(req: IncomingMessage, res: import('node:http').ServerResponse) {
  const url = new URL(req.url ?? '/', base);
  const json = (status: number, value: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(value));
  if (url.pathname === '/login/oauth/authorize') {
    const q = url.searchParams;
    if (q.get('client_id') !== CLIENT.id || q.get('code_challenge_method') !== 'S256' || !fake.next)
      return res.writeHead(400).end('bad authorize request');
    const code = randomBytes(10).toString('hex');
    fake.codes.set(code, {
      user: fake.next,
      challenge: q.get('code_challenge')!,
      redirect: q.get('redirect_uri')!,
    });
    const back = new URL(q.get('redirect_uri')!);
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.get('state')!);
    return res.writeHead(302, { location: back.href }).end();
  }
  if (url.pathname === '/login/oauth/access_token' && req.method === 'POST') {
    fake.tokenRequests++;
    const form = await body(req);
    const issued = fake.codes.get(form.get('code') ?? '');
    fake.codes.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const pkce = createHash('sha256').update(verifier).digest('base64url');
    // GitHub answers 200 with an error object for a bad code (documented "bad_verification_code").
    if (
      form.get('client_id') !== CLIENT.id ||
      form.get('client_secret') !== CLIENT.secret ||
      !issued ||
      issued.challenge !== pkce ||
      issued.redirect !== form.get('redirect_uri')
    )
      return json(200, {
        error: 'bad_verification_code',
        error_description: 'The code passed is incorrect or expired.',
        error_uri: 'https://docs.github.com/apps/troubleshooting',
      });
    const token = `gho_${randomBytes(12).toString('hex')}`;
    fake.tokens.set(token, issued.user);
    return json(200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
  }
  const user = fake.tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
  if (!user)
    return json(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
  if (url.pathname === '/user')
    return json(200, {
      login: user.login,
      id: user.id,
      node_id: 'MDQ6VXNlcjE=',
      name: user.name,
      email: null,
    });
  if (url.pathname === '/user/emails') return json(200, user.emails);
  json(404, { message: 'Not Found' });
}

const octo: GitHubUser = {
  id: 583231,
  login: 'octocat',
  name: 'The Octocat',
  emails: [
    { email: 'octo@old.example', primary: false, verified: true, visibility: null },
    { email: 'octocat@github.example', primary: true, verified: true, visibility: 'public' },
  ],
};

let h: Harness;

async function harness(overrides: Partial<Config>) {
  const harness = await createHarness({ githubUrl: base, githubApiUrl: base, ...overrides });
  await harness.site('alpha', {
    origins: [BLOG],
    readers: { providers: [{ id: 'github', kind: 'github', name: 'GitHub', clientId: CLIENT.id }] },
  });
  const sealed = sealSecret(TEST_SECRET, 'alpha', 'github', CLIENT.secret);
  await harness.store.readerOAuth.setSecret('alpha', 'github', sealed, new Date().toISOString());
  return harness;
}

beforeAll(async () => {
  server = createServer((req, res) => void github(req, res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  h = await harness({ outboundAllow: [new URL(base).host] });
});
afterAll(async () => {
  await h?.drop();
  await new Promise((ok) => server?.close(ok));
});

const start = (on: Harness = h) =>
  on.app.request(
    `${API}/api/v1/reader/oauth/start?${new URLSearchParams({ site: 'alpha', provider: 'github', origin: BLOG })}`,
  );

/** Starts, lets the fake sign `user` in, and answers the URL GitHub sends the reader back to. */
async function signIn(user: GitHubUser, on: Harness = h): Promise<URL> {
  const res = await start(on);
  expect(res.status).toBe(302);
  const to = new URL(res.headers.get('location')!);
  fake.next = user;
  const back = await fetch(to, { redirect: 'manual' });
  return new URL(back.headers.get('location')!);
}

async function finish(url: URL, on: Harness = h) {
  const res = await on.app.request(url.href);
  const m = /var m=(.*?),o=("[^"]*");/.exec(await res.text());
  return {
    status: res.status,
    message: m ? JSON.parse(m[1]!) : undefined,
    to: m ? JSON.parse(m[2]!) : undefined,
  };
}

const me = async (token: string) => {
  const res = await h.app.request(`${API}/api/v1/reader/me?site=alpha`, {
    headers: { [READER_HEADER]: token },
  });
  return { status: res.status, json: (await res.json()) as { reader: Record<string, unknown> } };
};

describe('GitHub sign-in', () => {
  it('signs in with PKCE: the numeric id is the subject, the verified primary address is kept', async () => {
    const res = await start();
    const to = new URL(res.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe(`${base}/login/oauth/authorize`);
    expect(to.searchParams.get('scope')).toBe('read:user user:email');
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(to.searchParams.has('nonce')).toBe(false);

    const page = await finish(await signIn(octo));
    expect(page.status).toBe(200);
    expect(page.to).toBe(BLOG);
    const first = await me(page.message.session.token);
    expect(first.status).toBe(200);
    expect(first.json.reader).toMatchObject({
      name: 'The Octocat',
      email: 'octocat@github.example',
      methods: ['github'],
    });
    // A renamed account (same id, new login) is the same reader.
    const renamed = await finish(await signIn({ ...octo, login: 'octo-renamed', name: null }));
    expect((await me(renamed.message.session.token)).json.reader.id).toBe(first.json.reader.id);
  });

  it('keeps no address that is not both primary and verified; the login stands in for a missing name', async () => {
    const page = await finish(
      await signIn({
        id: 9001,
        login: 'quiet',
        name: null,
        emails: [{ email: 'quiet@unverified.example', primary: true, verified: false, visibility: null }],
      }),
    );
    const { json } = await me(page.message.session.token);
    expect(json.reader.name).toBe('quiet');
    expect(json.reader.email).toBeUndefined();
  });

  it('refuses a replayed code, with its own state and under a fresh one', async () => {
    const back = await signIn(octo);
    expect((await finish(back)).status).toBe(200);
    expect((await finish(back)).status).toBe(400);
    const fresh = new URL((await start()).headers.get('location')!);
    back.searchParams.set('state', fresh.searchParams.get('state')!);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const refused = await finish(back);
    warn.mockRestore();
    expect(refused).toEqual({
      status: 403,
      message: { type: 'afterword-signin', error: 'oauth_failed' },
      to: BLOG,
    });
  });

  it('reaches a loopback GitHub only when the outbound allow-list names it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // Plain http to a host not on the list: refused before anything is stored or asked.
    const plain = await harness({ outboundAllow: [] });
    // https to a loopback address not on the list: the guard refuses the token request.
    const tls = await harness({ outboundAllow: [], githubUrl: base.replace('http:', 'https:') });
    try {
      const refused = await start(plain);
      expect(refused.status).toBe(502);
      expect(await refused.text()).toContain('"error":"oauth_failed"');
      const res = await start(tls);
      expect(res.status).toBe(302);
      const state = new URL(res.headers.get('location')!).searchParams.get('state')!;
      const page = await finish(new URL(`${CALLBACK}?code=abc&state=${state}`), tls);
      expect(page).toEqual({
        status: 403,
        message: { type: 'afterword-signin', error: 'oauth_failed' },
        to: BLOG,
      });
      expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/not a public address/);
    } finally {
      warn.mockRestore();
      await Promise.all([plain.drop(), tls.drop()]);
    }
  });
});
