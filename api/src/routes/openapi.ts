/** GET /api/v1/openapi.json (the OpenAPI 3.1 document) and GET /api/docs (its static HTML page), built on first request. */
import type { Hono } from 'hono';
import { Hono as Router } from 'hono';
import { openapiDocs } from '../openapi/operations.js';

// biome-ignore lint/suspicious/noExplicitAny: any app, whatever its env and schema
type AnyApp = Hono<any, any, any>;
type Built = { doc: Record<string, unknown>; html: string };

// One document per app, made from its routes the first time it is asked for: a cold start never pays for it.
const cache = new WeakMap<AnyApp, Promise<Built>>();
function built(app: AnyApp): Promise<Built> {
  let p = cache.get(app);
  if (!p) {
    p = (async () => {
      const [{ buildOpenApi }, { renderDocs }] = await Promise.all([
        import('../openapi/document.js'),
        import('../openapi/docs.js'),
      ]);
      const doc = await buildOpenApi(app);
      return { doc, html: renderDocs(doc) };
    })();
    p.catch(() => cache.delete(app));
    cache.set(app, p);
  }
  return p;
}

/** `app`: the app with every route group in place (the document describes them all). */
export function openapiRoutes(app: () => Promise<AnyApp>) {
  return new Router().get('/', openapiDocs, async (c) => {
    const { doc } = await built(await app());
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(doc);
  });
}

export function docsRoutes(app: () => Promise<AnyApp>) {
  return new Router().get('/', async (c) => {
    const { html } = await built(await app());
    c.header('Cache-Control', 'public, max-age=300');
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    );
    c.header('X-Content-Type-Options', 'nosniff');
    return c.html(html);
  });
}
