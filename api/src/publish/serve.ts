/**
 * The Node server's stand-in for the CDN: `GET /files/...` from the local files folder, as CloudFront
 * serves them from S3: the file's type, a short cache, an ETag to revalidate with (304 when it matches).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Hono } from 'hono';
import { FILE_CACHE_CONTROL, FILES_PREFIX } from '../contract/files.js';
import { fileUnder } from './dir-store.js';

const TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

export function mountFiles(app: Hono, dir: string): void {
  app.get(`/${FILES_PREFIX}*`, async (c, next) => {
    const key = c.req.path.slice(1);
    const type = TYPES[key.slice(key.lastIndexOf('.') + 1)];
    let body: Buffer;
    try {
      if (!type) throw new Error('no such file type');
      body = await readFile(fileUnder(dir, key));
    } catch {
      // The 404 of every unknown path, readable by the widget on a blog's origin (a page never published).
      c.header('Access-Control-Allow-Origin', '*');
      return next();
    }
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', FILE_CACHE_CONTROL);
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('X-Content-Type-Options', 'nosniff');
    const match = c.req.header('if-none-match');
    if (match?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return c.body(null, 304);
    c.header('Content-Type', type);
    return c.body(new Uint8Array(body), 200);
  });
}
