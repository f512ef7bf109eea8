/** GET /sites/:site/export: the site's comments in the native format, chunked by cursor (export token). */
import { type Context, Hono } from 'hono';
import { ExportQuery, SiteParam } from '../contract/requests.js';
import type { Deps } from '../deps.js';
import { type TokenEnv, tokenAuth } from '../middleware/token.js';
import { validate } from '../middleware/validate.js';
import { exportDocs } from '../openapi/operations.js';
import { EXPORT_CHUNK_BYTES, exportChunk } from '../portability/export.js';
import type { SiteItem } from '../store/items.js';
import { requireSite } from './helpers.js';

/** Time kept back from the Lambda's remaining time to serialize and send the answer. */
export const EXPORT_RESERVE_MS = 3000;

export function exportRoutes(deps: Deps) {
  return new Hono<TokenEnv>().get(
    '/:site/export',
    exportDocs,
    validate('param', SiteParam),
    tokenAuth({ tokens: deps.store.tokens, secret: deps.config.secret, scope: 'export' }),
    validate('query', ExportQuery),
    async (c) => answerExport(deps, c, await requireSite(deps, c.req.valid('param').site)),
  );
}

/** One chunk of a site's export, stopping before the deadline (the token route and the admin page). */
export async function answerExport(deps: Deps, c: Context, site: SiteItem) {
  const chunk = await exportChunk(
    deps.store,
    site,
    c.req.query('cursor'),
    { maxBytes: EXPORT_CHUNK_BYTES, remainingMs: () => deps.remainingMs(c), reserveMs: EXPORT_RESERVE_MS },
    deps.now(),
  );
  c.header('Cache-Control', 'no-store');
  return c.json(chunk);
}
