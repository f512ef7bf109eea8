/** createApp(deps): the one Hono app both entries serve; mounts the route groups and the one onError. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Deps } from './deps.js';
import { ApiError, isStorageUnavailable } from './errors.js';
import { toApiError } from './failures.js';
import { cors } from './middleware/cors.js';
import { adminRoutes } from './routes/admin.js';
import { commentRoutes, composeRoutes } from './routes/comments.js';
import { countRoutes } from './routes/counts.js';
import { exportRoutes } from './routes/export.js';
import { feedRoutes } from './routes/feeds.js';
import { portabilityAdminRoutes } from './routes/gdpr.js';
import { healthRoutes } from './routes/health.js';
import { importRoutes } from './routes/import.js';
import { mailActionRoutes } from './routes/mail-actions.js';
import { docsRoutes, openapiRoutes } from './routes/openapi.js';
import { previewRoutes } from './routes/preview.js';
import { subscriptionRoutes } from './routes/subscriptions.js';

/** `mount` adds routes outside the API (the Node server's static files) before the 404 handler. */
export function createApp(deps: Deps, mount?: (app: Hono) => void) {
  const api = new Hono()
    .use(cors({ sites: deps.store.sites }))
    .use(async function noSniff(c, next) {
      await next();
      c.header('X-Content-Type-Options', 'nosniff');
    })
    // Imports carry files up to 6 MB under their own limit, so they come before the general one.
    .route('/sites', importRoutes(deps))
    .route('/admin', portabilityAdminRoutes(deps))
    .use(
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
    )
    .route('/comments', commentRoutes(deps))
    .route('/compose', composeRoutes(deps))
    .route('/counts', countRoutes(deps))
    .route('/preview', previewRoutes(deps))
    .route('/health', healthRoutes(deps))
    .route(
      '/openapi.json',
      openapiRoutes((): Hono => app),
    )
    .route('/feed.atom', feedRoutes(deps))
    .route('/sites', exportRoutes(deps))
    .route('/subscriptions', subscriptionRoutes(deps))
    .route('/mail', mailActionRoutes(deps))
    .route('/admin', adminRoutes(deps));

  const app = new Hono().route('/api/v1', api);
  app.route('/api/docs', docsRoutes(app));
  mount?.(app);

  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  );

  app.onError((err, c) => {
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
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
