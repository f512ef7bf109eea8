/** Node entry (@hono/node-server): the API plus the built widget and admin page, for local use. */
import { existsSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono } from 'hono';
import { createApp } from './app.js';
import type { Config } from './config.js';
import type { Deps } from './deps.js';
import { mountFiles } from './publish/serve.js';
import type { Store } from './store/index.js';

/** The client IP from the TCP connection (the local server has no proxy in front). */
export function nodeClientIp(c: Context): string {
  return getConnInfo(c).remote.address ?? '0.0.0.0';
}

/** Where `npm run build` leaves the widget and the admin page. */
export function widgetDist(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [resolve(here, '../../widget/dist'), resolve(here, '../widget/dist')]) {
    if (existsSync(candidate)) return candidate;
  }
  return resolve(here, '../../widget/dist');
}

/** Mounts the built widget: `/embed.js` revalidated often, fingerprinted chunks cached for a year. */
export function mountStatic(app: Hono, root = widgetDist()): void {
  app.get('/admin', (c) => c.redirect('/admin/'));
  app.use(
    '/*',
    serveStatic({
      root,
      rewriteRequestPath: (path) => (path.endsWith('/') ? `${path}index.html` : path),
      onFound: (path, c) => {
        const immutable = /[.-][A-Za-z0-9_-]{8,}\.(js|css)$/.test(path) && !path.endsWith('embed.js');
        c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
        c.header('Access-Control-Allow-Origin', '*');
        c.header('Cross-Origin-Resource-Policy', 'cross-origin');
        if (path.includes('/admin/')) {
          // The admin page is never framed (clickjacking); CloudFront sends the same in production.
          c.header('X-Frame-Options', 'DENY');
          c.header('Content-Security-Policy', "frame-ancestors 'none'");
        }
      },
    }),
  );
}

export interface RunningServer {
  url: string;
  server: Server;
  /** Opens the API of a server started with `waitForReady` (start-up seeding finished). */
  markReady(): void;
  close(): Promise<void>;
}

/**
 * Until start-up is done, every API request (health included) is answered 503 with `Retry-After`,
 * before it reaches a route: health never says 200 for a stack a write cannot use yet, and no
 * early request leaves a "no such site" in the site cache. Static files are served meanwhile.
 */
export function startupGate(fetch: FetchHandler): { fetch: FetchHandler; open(): void } {
  let ready = false;
  return {
    fetch(req, env) {
      if (ready || !new URL(req.url).pathname.startsWith('/api/')) return fetch(req, env);
      return Response.json(
        { error: { code: 'storage_unavailable', message: 'the server is starting; retry shortly' } },
        { status: 503, headers: { 'Retry-After': '1', 'Cache-Control': 'no-store' } },
      );
    },
    open() {
      ready = true;
    },
  };
}

type FetchHandler = (req: Request, env: unknown) => Response | Promise<Response>;

/** How much of a body left unread by the answer is still read (and dropped) so the client can read it. */
export const DRAIN_LIMITS = { bytes: 64 * 1024 * 1024, ms: 10_000 };

/**
 * Hands the app a request body it pulls one chunk at a time from the socket, and, when the app
 * answered without reading it all (a 413, a 401 before an upload), reads the rest and drops it
 * before answering: a client still sending then gets the answer instead of a reset connection.
 * Nothing is kept; past `DRAIN_LIMITS` the answer goes out with `Connection: close`.
 */
export function readWholeBody(fetch: FetchHandler): FetchHandler {
  return async function withWholeBody(req, env) {
    const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const h = incoming?.headers;
    const hasBody = h && (h['transfer-encoding'] !== undefined || Number(h['content-length'] ?? 0) > 0);
    if (!incoming || !hasBody || incoming.readableEnded) return fetch(req, env);
    const chunks: AsyncIterator<Buffer> = incoming[Symbol.asyncIterator]();
    let ended = false;
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const next = await chunks.next();
          if (next.done) {
            ended = true;
            controller.close();
          } else
            controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.length));
        },
      },
      { highWaterMark: 0 },
    );
    const init = { method: req.method, headers: req.headers, body, signal: req.signal, duplex: 'half' };
    const res = await fetch(new Request(req.url, init as RequestInit), env);
    if (ended || incoming.readableEnded || (await dropRest(chunks))) return res;
    const headers = new Headers(res.headers);
    headers.set('Connection', 'close');
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
}

/** Reads what is left of a body within `DRAIN_LIMITS`; true when it reached its end. */
async function dropRest(chunks: AsyncIterator<Buffer>): Promise<boolean> {
  const deadline = Date.now() + DRAIN_LIMITS.ms;
  let bytes = 0;
  try {
    while (bytes <= DRAIN_LIMITS.bytes) {
      // A fresh timer for each chunk: one promise raced over and over would keep every chunk alive.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((r) => {
        timer = setTimeout(() => r('late'), Math.max(0, deadline - Date.now()));
      });
      const next = await Promise.race([chunks.next(), late]).finally(() => clearTimeout(timer));
      if (next === 'late') return false;
      if (next.done) return true;
      bytes += next.value.length;
    }
    return false;
  } catch {
    return false; // the client went away
  }
}

/**
 * Starts the Node server on `config.port` (0 picks a free port). With `waitForReady` it listens at
 * once but answers the API only after `markReady()` (the stack seeds what needs the server's URL).
 */
export async function startServer(
  config: Config,
  store: Store,
  opts: {
    now?: () => Date;
    host?: string;
    staticRoot?: string;
    extraDeps?: Partial<Deps>;
    waitForReady?: boolean;
  } = {},
): Promise<RunningServer> {
  const deps: Deps = {
    config,
    store,
    clientIp: nodeClientIp,
    now: opts.now ?? (() => new Date()),
    remainingMs: () => Number.POSITIVE_INFINITY,
    ...opts.extraDeps,
  };
  const app = createApp(deps, (root) => {
    // The thread files the local publisher writes, at the paths CloudFront serves them from S3.
    mountFiles(root, config.filesDir);
    mountStatic(root, opts.staticRoot);
  });
  const gate = startupGate((req, env) => app.fetch(req, env));
  if (!opts.waitForReady) gate.open();
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<Server>((ready) => {
    const s = serve({ fetch: readWholeBody(gate.fetch), port: config.port, hostname: host }, () =>
      ready(s as Server),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    server,
    markReady: gate.open,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections?.();
        server.close(() => done());
      }),
  };
}
