/** Markdown preview, rendered exactly as a stored comment would be. */
import { Hono } from 'hono';
import { Preview } from '../contract/requests.js';
import type { Deps } from '../deps.js';
import { renderMarkdown } from '../domain/markdown.js';
import { cleanText } from '../domain/text.js';
import { grantOrigin } from '../middleware/cors.js';
import { validate } from '../middleware/validate.js';
import { previewDocs } from '../openapi/operations.js';
import { requireSite } from './helpers.js';

export function previewRoutes(deps: Deps) {
  return new Hono().post('/', previewDocs, validate('json', Preview), async (c) => {
    const { body, site: siteId } = c.req.valid('json');
    if (siteId) grantOrigin(c, await requireSite(deps, siteId), true);
    return c.json({ html: renderMarkdown(cleanText(body).trim()) });
  });
}
