/** CORS that answers only the origins a site allows: preflights by the origin index, requests per site. */
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';
import type { SiteItem } from '../store/items.js';
import type { SiteStore } from '../store/sites.js';

const ALLOW_HEADERS = 'Content-Type, Idempotency-Key, X-Afterword-Edit-Token, If-None-Match';
const ALLOW_METHODS = 'GET, POST, PATCH, DELETE, OPTIONS';
const EXPOSE_HEADERS = 'ETag, Retry-After';

export interface CorsOptions {
  sites: SiteStore;
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
    // An error raised before a route could grant CORS (validation, unknown site) stays readable to
    // origins some site allows, so the widget can say what went wrong instead of "network error".
    if (origin && c.res.status >= 400 && !c.res.headers.has('Access-Control-Allow-Origin')) {
      const known = await options.sites.originKnown(origin).catch(() => false);
      if (known) {
        c.header('Access-Control-Allow-Origin', origin);
        c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
      }
    }
  };
}

/**
 * Grants CORS to the request's origin when `site` allows it. A write from an origin the site does
 * not allow is refused (403, no grant); a read is answered without a grant, so browsers hide it.
 * Requests without an Origin header (servers, curl) are not browsers' and pass.
 */
export function grantOrigin(c: Context, site: SiteItem, write: boolean): void {
  const origin = c.req.header('origin');
  if (!origin) return;
  if (site.origins.includes(origin)) {
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    return;
  }
  if (write)
    throw new ApiError(403, 'origin_not_allowed', `origin ${origin} may not write to site ${site.id}`);
}
