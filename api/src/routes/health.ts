/** Health: whether storage answers. The Node server answers it 503 until start-up seeding is done (server.ts). */
import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import { ApiError, isStorageUnavailable } from '../errors.js';
import { type HotEdge, LEAN_EDGE } from './edge.js';

export function healthRoutes(deps: Deps, edge: Pick<HotEdge, 'health'> = LEAN_EDGE) {
  return new Hono().get('/', edge.health.docs, async (c) => {
    try {
      await deps.store.healthy();
    } catch (err) {
      if (!isStorageUnavailable(err)) throw err;
      throw new ApiError(503, 'storage_unavailable', 'storage is not reachable', undefined, {
        'Retry-After': '5',
      });
    }
    c.header('Cache-Control', 'no-store');
    return c.json({ ok: true, storage: 'reachable' });
  });
}
