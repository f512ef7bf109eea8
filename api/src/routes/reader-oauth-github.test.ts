/**
 * Readers' GitHub sign-in against a fake of GitHub at its HTTP boundary (node:http answering the
 * documented shapes of /login/oauth/authorize, /login/oauth/access_token, /user and /user/emails; the
 * code bound to its PKCE challenge and used once): the subject is the numeric user id, the address the
 * verified primary one; a replayed code is refused; without the allow-list the loopback fake is not reached.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Config } from '../config.js';
import { READER_HEADER } from '../contract/reader-names.js';
import { saveProvider } from '../domain/reader-oauth/providers.js';
import { createHarness, type Harness, TEST_SECRET } from '../testing/harness.js';
import {
  GITHUB_CLIENT as CLIENT,
  type FakeGitHub,
  type GitHubUser,
  OCTOCAT as octo,
  startGitHub,
} from './reader-oauth-github.testkit.js';

const API = 'http://localhost';
const CALLBACK = `${API}/api/v1/reader/oauth/callback`;
const BLOG = 'https://blog.example';
let fake: FakeGitHub;
let base: string;

let h: Harness;

async function harness(overrides: Partial<Config>) {
  const harness = await createHarness({ githubUrl: base, githubApiUrl: base, ...overrides });
  await harness.site('alpha', { origins: [BLOG] });
  await saveProvider(
    { ...harness.deps, secret: TEST_SECRET, outboundAllow: harness.config.outboundAllow },
    'alpha',
    { id: 'github', kind: 'github', name: 'GitHub', clientId: CLIENT.id },
    CLIENT.secret,
  );
  return harness;
}

beforeAll(async () => {
  fake = await startGitHub();
  base = fake.base;
  h = await harness({ outboundAllow: [fake.allow] });
});
afterAll(async () => {
  await h?.drop();
  await fake?.close();
});

/** The reader's browser's cookie for the API (the binding start sets), sent back as a browser would. */
let jar = '';

async function start(on: Harness = h) {
  const res = await on.app.request(
    `${API}/api/v1/reader/oauth/start?${new URLSearchParams({ site: 'alpha', provider: 'github', origin: BLOG })}`,
    { headers: { cookie: jar } },
  );
  jar = res.headers.get('set-cookie')?.split(';')[0] ?? jar;
  return res;
}

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
  const res = await on.app.request(url.href, { headers: { cookie: jar } });
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
