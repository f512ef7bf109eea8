/** Comment counts for many pages of a site in one request (one BatchGetItem). */
import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import { normalizePage } from '../domain/page-path.js';
import { grantOrigin } from '../middleware/cors.js';
import { type HotEdge, LEAN_EDGE } from './edge.js';
import { requireSite } from './helpers.js';

/** Counts on an index page may lag a little: browsers keep them 10 s, a CDN 30 s. */
export const COUNTS_CACHE_CONTROL = 'public, max-age=10, s-maxage=30';

export function countRoutes(deps: Deps, edge: HotEdge = LEAN_EDGE) {
  return new Hono().get('/', edge.counts.docs, edge.counts.query, async (c) => {
    const q = c.req.valid('query');
    const site = await requireSite(deps, q.site);
    grantOrigin(c, site);
    // Repeated keys (`page=a&page=b`) arrive as an array; each answer is keyed as it was asked.
    const asked = [...new Set(Array.isArray(q.page) ? q.page : [q.page])];
    const normalized = new Map(asked.map((p) => [p, normalizePage(p)]));
    const found = await deps.store.threads.counts(
      site.id,
      [...normalized.values()].filter((p): p is string => p !== undefined),
    );
    const counts: Record<string, number> = {};
    for (const [p, n] of normalized) counts[p] = n === undefined ? 0 : (found.get(n) ?? 0);
    c.header('Cache-Control', COUNTS_CACHE_CONTROL);
    return c.json({ counts });
  });
}
