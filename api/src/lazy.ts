/** lazyRoutes(prefix, load): a route group loaded on its first request (its own chunk), serving what it routes; the rest go on. */
import { Hono, type MiddlewareHandler } from 'hono';

/** Marks the answer of a group that routes nothing for the request: the app goes on to its next handler. */
const UNROUTED = 'x-afterword-unrouted';

/**
 * The group, mounted at `prefix` in an app of its own, is loaded once; its errors go up to the app's one
 * `onError` (the group has none of its own), and a request it does not route reaches the next handler.
 */
export function lazyRoutes(prefix: string, load: () => Promise<Hono>): MiddlewareHandler {
  let group: Promise<Hono> | undefined;
  const mounted = async () => {
    const app = new Hono().route(prefix, await load());
    app.notFound((c) => c.body(null, 404, { [UNROUTED]: '1' }));
    app.onError((err) => {
      throw err;
    });
    return app;
  };
  return async function lazyGroup(c, next) {
    group ??= mounted().catch((err) => {
      group = undefined;
      throw err;
    });
    const res = await (await group).fetch(c.req.raw, c.env);
    if (res.headers.has(UNROUTED)) return next();
    return res;
  };
}
