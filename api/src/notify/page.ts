/** Small HTML pages for mail links: a confirmation form on GET (mail scanners prefetch), the result on POST. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { escapeHtml } from '../domain/escape.js';

export interface PageOptions {
  title: string;
  /** Paragraphs of plain text. */
  lines: string[];
  /** Already sanitized HTML shown after the lines (a comment). */
  extraHtml?: string;
  /** A form that POSTs back to this path with the token. */
  form?: { token: string; button: string };
  status?: ContentfulStatusCode;
}

export function htmlPage(c: Context, o: PageOptions): Response {
  c.header(
    'Content-Security-Policy',
    "default-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  );
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Robots-Tag', 'noindex');
  const form = o.form
    ? `<form method="post" action="?token=${encodeURIComponent(o.form.token)}"><button type="submit">${escapeHtml(o.form.button)}</button></form>`
    : '';
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
      `<title>${escapeHtml(o.title)}</title></head><body><main><h1>${escapeHtml(o.title)}</h1>` +
      o.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('') +
      (o.extraHtml ? `<blockquote>${o.extraHtml}</blockquote>` : '') +
      form +
      '</main></body></html>',
    o.status ?? 200,
  );
}

/** The token of a mail link: from the query, else from a submitted form. */
export async function linkToken(c: Context): Promise<string> {
  const q = c.req.query('token');
  if (q) return q;
  if (c.req.method !== 'POST') return '';
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data')) return '';
  try {
    const form = await c.req.parseBody();
    return typeof form.token === 'string' ? form.token : '';
  } catch {
    return ''; // a malformed form is a bad link, not a server error
  }
}

export function badLink(c: Context, reason: 'invalid' | 'expired'): Response {
  return htmlPage(c, {
    title: reason === 'expired' ? 'This link has expired' : 'This link is not valid',
    lines: [
      reason === 'expired'
        ? 'The link in your mail is too old to use. Nothing was changed.'
        : 'The link may have been cut short by your mail program. Nothing was changed.',
    ],
    status: reason === 'expired' ? 410 : 400,
  });
}
