/** CORS that answers only the origins a site allows: preflights by the origin index, requests per site. */
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';
import { toApiError } from '../failures.js';
import type { SiteItem } from '../store/items.js';
import type { SiteStore } from '../store/sites.js';

const ALLOW_HEADERS =
  'Content-Type, Idempotency-Key, X-Afterword-Edit-Token, X-Afterword-Session, If-None-Match';
const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const EXPOSE_HEADERS = 'ETag, Retry-After';

/** The routes the widget calls from a blog's pages (never the admin, export or import routes). */
const WIDGET_ROUTES = /^\/api\/v1\/(comments|counts|preview|reader|reactions)(\/|$)/;
/** Set-up refusals: the widget on any origin may read these, so it can tell the blog owner what to fix. */
const SETUP_CODES: ReadonlySet<string> = new Set(['origin_not_allowed', 'site_not_found']);

export interface CorsOptions {
  sites: SiteStore;
}

/**
 * A set-up refusal of a widget route, which any origin may read. Its body is the error alone: the code,
 * a message and details naming only what the request itself sent (its origin, the site id it asked for).
 * No credentials are ever allowed, so the grant shows a foreign page nothing a server-side request
 * could not see; the thread, the counts and every other answer stay with the site's origins.
 */
function setupRefusal(c: Context): boolean {
  if (!WIDGET_ROUTES.test(c.req.path)) return false;
  const e = toApiError(c.error);
  if (!e) return false;
  // A `data-site` that is no site id at all (`My Blog`) is the same mistake as one that names no site.
  const fields = e.details?.fields;
  return (
    SETUP_CODES.has(e.code) ||
    (e.code === 'invalid_input' && Array.isArray(fields) && fields.includes('site'))
  );
}

/** Answers preflights for origins some site allows; marks every response as varying by Origin. */
export function cors(options: CorsOptions): MiddlewareHandler {
  return async function corsMiddleware(c, next) {
    const origin = c.req.header('origin');
    if (c.req.method === 'OPTIONS' && origin && c.req.header('access-control-request-method')) {
      c.header('Vary', 'Origin');
      if (await options.sites.originKnown(origin)) {
        c.header('Access-Control-Allow-Origin', origin);
        c.header('Access-Control-Allow-Methods', ALLOW_METHODS);
        c.header('Access-Control-Allow-Headers', ALLOW_HEADERS);
        c.header('Access-Control-Max-Age', '600');
      }
      return c.body(null, 204);
    }
    await next();
    c.header('Vary', 'Origin', { append: true });
    if (!origin || c.res.status < 400 || c.res.headers.has('Access-Control-Allow-Origin')) return;
    // A set-up refusal is readable to any origin (the widget on a page the site does not allow yet says
    // so); any other error raised before a route could grant (validation, storage) to origins some site
    // allows, so the widget can say what went wrong instead of "network error".
    if (setupRefusal(c)) {
      c.header('Access-Control-Allow-Origin', origin);
      return;
    }
    if (await options.sites.originKnown(origin).catch(() => false)) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
  };
}

/**
 * Grants CORS to the request's origin when `site` allows it; a browser request (read or write) from any
 * other origin is refused with 403 `origin_not_allowed`, naming the origin it came from and the site.
 * Requests without an Origin header (servers, curl, same-origin reads) are not cross-origin and pass.
 */
export function grantOrigin(c: Context, site: SiteItem): void {
  const origin = c.req.header('origin');
  if (!origin) return;
  if (!site.origins.includes(origin))
    throw new ApiError(
      403,
      'origin_not_allowed',
      `origin ${origin} is not among the allowed origins of site ${site.id}`,
      { origin, site: site.id },
    );
  c.header('Access-Control-Allow-Origin', origin);
  c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
}
