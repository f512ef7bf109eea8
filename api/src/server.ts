/** Node entry (@hono/node-server): the API plus the built widget and admin page, for local use. */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
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
  const app = createApp(deps, (root) => mountStatic(root, opts.staticRoot));
  const gate = startupGate((req, env) => app.fetch(req, env));
  if (!opts.waitForReady) gate.open();
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<Server>((ready) => {
    const s = serve({ fetch: gate.fetch, port: config.port, hostname: host }, () => ready(s as Server));
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
