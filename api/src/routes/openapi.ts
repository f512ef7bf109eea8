/** GET /api/v1/openapi.json (the OpenAPI 3.1 document) and GET /api/docs (its static HTML page). */
import { Hono } from 'hono';
import { renderDocs } from '../openapi/docs.js';
import { buildOpenApi } from '../openapi/document.js';

let cached: { doc: Record<string, unknown>; html: string } | undefined;
const built = () => {
  if (!cached) {
    const doc = buildOpenApi();
    cached = { doc, html: renderDocs(doc) };
  }
  return cached;
};

export function openapiRoutes() {
  return new Hono().get('/', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(built().doc);
  });
}

export function docsRoutes() {
  return new Hono().get('/', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    );
    c.header('X-Content-Type-Options', 'nosniff');
    return c.html(built().html);
  });
}
