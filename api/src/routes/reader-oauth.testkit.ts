/**
 * A real OpenID Connect provider (the npm package oidc-provider) on a loopback port, behind a small proxy
 * that can swap the client of token requests (to get a genuine ID token for another client), and a
 * reader's browser as plain fetch: cookies kept, redirects followed, the provider's forms submitted.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestClient {
  id: string;
  secret: string;
}

export interface TestProvider {
  /** The issuer (the proxy's origin), allow-listed host:port in `allow`. */
  issuer: string;
  allow: string;
  /** While set, token requests are sent on as this client (its id and secret in the form). */
  swapTokenClient: TestClient | undefined;
  close(): Promise<void>;
}

const listen = (server: Server) =>
  new Promise<number>((ok) =>
    server.listen(0, '127.0.0.1', () => ok((server.address() as AddressInfo).port)),
  );
const closed = (server: Server) => new Promise<void>((ok) => server.close(() => ok()));

/** Starts the provider with `clients` (PKCE required, `redirectUri` registered) and any login accepted. */
export async function startProvider(clients: TestClient[], redirectUri: string): Promise<TestProvider> {
  const backend = createServer();
  const front = createServer();
  const [backPort, frontPort] = [await listen(backend), await listen(front)];
  const issuer = `http://127.0.0.1:${frontPort}`;
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.id,
      client_secret: c.secret,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Claims asked for by scope go in the ID token too (the API also reads UserInfo when they do not).
    conformIdTokenClaims: false,
    cookies: { keys: ['test-cookie-key-0123456789'] },
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({
        sub: id,
        email: `${id}@idp.example`,
        email_verified: !id.startsWith('unverified'),
        name: `Reader ${id}`,
      }),
    }),
  });
  backend.on('request', provider.callback());
  const kit: TestProvider = {
    issuer,
    allow: `127.0.0.1:${frontPort}`,
    swapTokenClient: undefined,
    async close() {
      await Promise.all([closed(front), closed(backend)]);
    },
  };
  front.on('request', async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body = Buffer.concat(chunks);
    const swap = kit.swapTokenClient;
    if (swap && req.method === 'POST' && req.url === '/token') {
      const form = new URLSearchParams(body.toString('utf8'));
      form.set('client_id', swap.id);
      form.set('client_secret', swap.secret);
      body = Buffer.from(form.toString());
    }
    const headers = { ...req.headers, 'content-length': String(body.length) };
    const out = request(
      { host: '127.0.0.1', port: backPort, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.writeHead(502).end());
    out.end(body);
  });
  return kit;
}

/** A reader's browser at the provider: cookies kept (by name), redirects followed by hand. */
export function browser() {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    async go(url: string, init: { method?: string; body?: string } = {}) {
      const res = await fetch(url, {
        redirect: 'manual',
        ...init,
        headers: {
          cookie: cookie(),
          ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
      });
      keep(res);
      return res;
    },
  };
}

/**
 * Goes from the provider's authorize URL through its login and consent forms (as reader `login`) until it
 * sends the browser to `callback`: that URL (code, state, iss).
 */
export async function authorize(authorizeUrl: string, callback: string, login: string): Promise<URL> {
  const b = browser();
  let url = authorizeUrl;
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(callback)) return new URL(url);
    const res = await b.go(url);
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form and no redirect at ${url} (${res.status}): ${html.slice(0, 300)}`);
    const fields = new URLSearchParams();
    for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
      fields.set(m[1]!, m[2]!);
    if (fields.get('prompt') === 'login') {
      fields.set('login', login);
      fields.set('password', 'any password');
    }
    const sent = await b.go(new URL(action, url).href, { method: 'POST', body: fields.toString() });
    const next = sent.headers.get('location');
    if (!next)
      throw new Error(`the form at ${url} answered ${sent.status}: ${(await sent.text()).slice(0, 300)}`);
    url = new URL(next, url).href;
  }
  throw new Error('the provider never sent the reader back');
}
