/** createApp(deps): the one Hono app both entries serve; mounts the route groups and the one onError. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Deps } from './deps.js';
import { ApiError, isStorageUnavailable } from './errors.js';
import { toApiError } from './failures.js';
import { lazyRoutes } from './lazy.js';
import { cors } from './middleware/cors.js';
import { countRoutes } from './routes/counts.js';
import { type HotEdge, LEAN_EDGE } from './routes/edge.js';
import { healthRoutes } from './routes/health.js';
import { composeRoutes, threadRoutes } from './routes/thread.js';

// biome-ignore lint/suspicious/noExplicitAny: route groups of any env and schema
type Group = Hono<any, any, any>;

const API_BASE = '/api/v1';

/**
 * A route group: `load` imports its module (a chunk of its own in the Lambda bundle); `full` is the app with
 * every group in place, for the routes that describe the API.
 */
interface GroupDef {
  path: string;
  load: (deps: Deps, full: () => Promise<Hono>) => Promise<Group>;
}

/** Imports carry files up to 6 MB under their own limit, so they come before the general one. */
const UNLIMITED: GroupDef[] = [
  { path: '/sites', load: async (d) => (await import('./routes/import.js')).importRoutes(d) },
  { path: '/admin', load: async (d) => (await import('./routes/gdpr.js')).portabilityAdminRoutes(d) },
];

/** What a reader's first view and a blog's index pages ask for: in the initial chunk. */
const HOT: Array<{ path: string; routes: (deps: Deps, edge: HotEdge) => Group }> = [
  { path: '/comments', routes: threadRoutes },
  { path: '/compose', routes: composeRoutes },
  { path: '/counts', routes: countRoutes },
  { path: '/health', routes: healthRoutes },
];

/** Everything else, loaded on its first request. */
const COLD: GroupDef[] = [
  // A reader's report: its own chunk, mounted on its own path (no other write loads it).
  {
    path: '/comments/:id/report',
    load: async (d) => (await import('./routes/reports.js')).reportRoutes(d),
  },
  // Reactions on comments and on the page itself: one chunk of their own, mounted on both paths.
  {
    path: '/comments/:id/reactions',
    load: async (d) => (await import('./routes/reactions.js')).commentReactionRoutes(d),
  },
  { path: '/reactions', load: async (d) => (await import('./routes/reactions.js')).pageReactionRoutes(d) },
  // The writes and one's own comment; GET /comments itself is the hot thread route, served before this.
  { path: '/comments', load: async (d) => (await import('./routes/comments.js')).commentRoutes(d) },
  { path: '/reader', load: async (d) => (await import('./routes/reader.js')).readerRoutes(d) },
  // Webmentions from other sites' servers: their own chunk (microformats are parsed in the stream, not here).
  { path: '/webmention', load: async (d) => (await import('./routes/webmention.js')).webmentionRoutes(d) },
  { path: '/preview', load: async (d) => (await import('./routes/preview.js')).previewRoutes(d) },
  {
    path: '/openapi.json',
    load: async (_, full) => (await import('./routes/openapi.js')).openapiRoutes(full),
  },
  { path: '/feed.atom', load: async (d) => (await import('./routes/feeds.js')).feedRoutes(d) },
  { path: '/sites', load: async (d) => (await import('./routes/export.js')).exportRoutes(d) },
  {
    path: '/subscriptions',
    load: async (d) => (await import('./routes/subscriptions.js')).subscriptionRoutes(d),
  },
  { path: '/mail', load: async (d) => (await import('./routes/mail-actions.js')).mailActionRoutes(d) },
  { path: '/admin', load: async (d) => (await import('./routes/admin.js')).adminRoutes(d) },
  // Readers' passkeys: the only reader group that loads @simplewebauthn/server.
  {
    path: '/reader/passkeys',
    load: async (d) => (await import('./routes/reader-passkeys.js')).readerPasskeyRoutes(d),
  },
  // Readers' GitHub and OpenID Connect sign-in: the only group that loads openid-client.
  {
    path: '/reader/oauth',
    load: async (d) => (await import('./routes/reader-oauth.js')).readerOAuthRoutes(d),
  },
];

const DOCS: GroupDef = {
  path: '/api/docs',
  load: async (_, full) => (await import('./routes/openapi.js')).docsRoutes(full),
};

/** Mounts a group on `router`, whose requests arrive with `base` before the group's path. */
type Mount = (router: Hono, g: GroupDef, base: string) => void;

/** The app with its groups mounted by `mount` (lazily, or in place for the OpenAPI document). */
function assemble(deps: Deps, edge: HotEdge, mount: Mount, outside?: (app: Hono) => void): Hono {
  const api = new Hono().use(cors({ sites: deps.store.sites })).use(async function noSniff(c, next) {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
  });
  for (const g of UNLIMITED) mount(api, g, API_BASE);
  api.use(
    bodyLimit({
      maxSize: deps.config.maxRequestBytes,
      onError: () => {
        throw new ApiError(
          413,
          'payload_too_large',
          `requests are limited to ${deps.config.maxRequestBytes} bytes`,
        );
      },
    }),
  );
  for (const g of HOT) api.route(g.path, g.routes(deps, edge));
  for (const g of COLD) mount(api, g, API_BASE);
  const app = new Hono().route(API_BASE, api);
  mount(app, DOCS, '');
  outside?.(app);
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.onError(onError);
  return app;
}

/** `outside` adds routes outside the API (the Node server's static files) before the 404 handler. */
export function createApp(deps: Deps, outside?: (app: Hono) => void) {
  const full = memo(() => createFullApp(deps));
  return assemble(
    deps,
    LEAN_EDGE,
    (router, g, base) => {
      const group = lazyRoutes(`${base}${g.path}`, () => g.load(deps, full));
      router.use(g.path, group);
      router.use(`${g.path}/*`, group);
    },
    outside,
  );
}

/** The app with every group loaded and mounted in place: what the OpenAPI document is made from. */
export async function createFullApp(deps: Deps): Promise<Hono> {
  const full = memo(async () => app);
  const groups = new Map<GroupDef, Group>();
  await Promise.all([...UNLIMITED, ...COLD, DOCS].map(async (g) => groups.set(g, await g.load(deps, full))));
  const { DOCUMENTED_EDGE } = await import('./openapi/hot-edge.js');
  const app = assemble(deps, DOCUMENTED_EDGE, (router, g) => {
    router.route(g.path, groups.get(g)!);
  });
  return app;
}

/** One call of `f`, its promise kept (forgotten if it fails). */
function memo<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    p ??= f().catch((err) => {
      p = undefined;
      throw err;
    });
    return p;
  };
}

function onError(err: Error, c: Parameters<Parameters<Hono['onError']>[0]>[1]) {
  c.header('Cache-Control', 'no-store');
  const known = toApiError(err);
  if (known) {
    for (const [k, v] of Object.entries(known.headers ?? {})) c.header(k, v);
    const details = known.details ? { details: known.details } : {};
    return c.json({ error: { code: known.code, message: known.message, ...details } }, known.status);
  }
  if (isStorageUnavailable(err)) {
    // Operators see why (the client only a code): a timeout, a refused connection, throttling...
    console.warn(`storage unavailable: ${err.name}: ${err.message}`);
    c.header('Retry-After', '5');
    return c.json(
      { error: { code: 'storage_unavailable', message: 'storage is unavailable; retry shortly' } },
      503,
    );
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code =
      err.status === 400 ? 'invalid_json' : err.status === 415 ? 'unsupported_media_type' : 'invalid_input';
    return c.json({ error: { code, message: err.message || 'the request could not be read' } }, err.status);
  }
  console.error('unhandled error', err);
  return c.json({ error: { code: 'internal', message: 'something went wrong on our side' } }, 500);
}

export type App = ReturnType<typeof createApp>;
