/** Markdown preview, rendered exactly as a stored comment would be; rate limited per client. */
import { Hono } from 'hono';
import { Preview } from '../contract/requests.js';
import type { Deps } from '../deps.js';
import { clientKey } from '../domain/client.js';
import { renderMarkdown } from '../domain/markdown.js';
import { cleanText } from '../domain/text.js';
import { keyedHash } from '../domain/tokens.js';
import { ApiError } from '../errors.js';
import { grantOrigin } from '../middleware/cors.js';
import { validate } from '../middleware/validate.js';
import { previewDocs } from '../openapi/operations.js';
import { requireSite } from './helpers.js';

/** Previews per client (an IPv6 /64 is one) and window: generous for a writer, a wall for a flood. */
export const PREVIEW_LIMITS = { perClient: 60, windowSec: 60 } as const;

export function previewRoutes(deps: Deps) {
  return new Hono().post('/', previewDocs, validate('json', Preview), async (c) => {
    const ipHash = keyedHash(deps.config.secret, 'ip', clientKey(deps.clientIp(c)));
    const hit = await deps.store.rates.hit(
      `preview#${ipHash}`,
      PREVIEW_LIMITS.windowSec,
      deps.now().getTime(),
    );
    if (hit.count > PREVIEW_LIMITS.perClient)
      throw new ApiError(
        429,
        'rate_limited',
        'too many previews; try again shortly',
        { retryAfterSec: hit.retryAfterSec },
        { 'Retry-After': String(hit.retryAfterSec) },
      );
    const { body, site: siteId } = c.req.valid('json');
    if (siteId) grantOrigin(c, await requireSite(deps, siteId));
    return c.json({ html: renderMarkdown(cleanText(body).trim()) });
  });
}
