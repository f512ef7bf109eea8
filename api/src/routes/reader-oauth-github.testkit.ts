/**
 * A fake of GitHub at its HTTP boundary, on a loopback port: /login/oauth/authorize (signs in whoever
 * `next` is, at once), /login/oauth/access_token (the code bound to its PKCE challenge, client and
 * redirect_uri, used once; a bad one is GitHub's documented 200 `bad_verification_code`), /user and
 * /user/emails in their documented shapes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const GITHUB_CLIENT = { id: 'Iv1.0123456789abcdef', secret: 'github-client-secret' };
const CLIENT = GITHUB_CLIENT;

export interface FakeGitHub {
  /** Its origin, for config githubUrl and githubApiUrl; `allow` for config outboundAllow. */
  base: string;
  allow: string;
  /** Who the next authorization signs in. */
  next: GitHubUser | undefined;
  codes: Map<string, { user: GitHubUser; challenge: string; redirect: string }>;
  tokens: Map<string, GitHubUser>;
  tokenRequests: number;
  close(): Promise<void>;
}

export const OCTOCAT: GitHubUser = {
  id: 583231,
  login: 'octocat',
  name: 'The Octocat',
  emails: [
    { email: 'octo@old.example', primary: false, verified: true, visibility: null },
    { email: 'octocat@github.example', primary: true, verified: true, visibility: 'public' },
  ],
};

export interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
  emails: Array<{ email: string; primary: boolean; verified: boolean; visibility: string | null }>;
}

const body = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

async function answer(fake: FakeGitHub, req: IncomingMessage, res: ServerResponse) {
  const base = fake.base;
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

export async function startGitHub(): Promise<FakeGitHub> {
  const server = createServer((req, res) => void answer(fake, req, res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const port = (server.address() as AddressInfo).port;
  const fake: FakeGitHub = {
    base: `http://127.0.0.1:${port}`,
    allow: `127.0.0.1:${port}`,
    next: undefined,
    codes: new Map(),
    tokens: new Map(),
    tokenRequests: 0,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
  return fake;
}
