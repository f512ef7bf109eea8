/**
 * The demo blog's static server: its own origin, `{{API_URL}}`, each page's comment count and thread fragment
 * filled in (as a build would), strict CSP where a page asks.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadFile } from '../api/src/contract/files.js';
import { applyLayout } from './layout.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), 'public');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/** Pages under these paths are served with a Content-Security-Policy without 'unsafe-inline' or 'unsafe-eval'. */
export const STRICT_CSP_PREFIXES = ['/posts/strict-csp/'];

export function strictCsp(apiUrl: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${apiUrl}`,
    "style-src 'self'",
    `connect-src 'self' ${apiUrl}`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    'report-uri /csp-report',
  ].join('; ');
}

export interface DemoServer {
  url: string;
  server: Server;
  /** CSP violation reports the demo blog received (the browser tests read them). */
  cspReports: unknown[];
  close(): Promise<void>;
}

/**
 * What a static build that asks the counts endpoint writes for `data-count="{{COUNT}}"`: the page's comment
 * count, or nothing (the attribute dropped) when the API does not answer.
 */
async function writeCount(
  html: string,
  apiUrl: string,
  site: string | undefined,
  page: string,
): Promise<string> {
  const slot = ' data-count="{{COUNT}}"';
  if (!html.includes(slot)) return html;
  let n: number | undefined;
  if (site) {
    const q = `site=${encodeURIComponent(site)}&page=${encodeURIComponent(page)}`;
    try {
      const res = await fetch(`${apiUrl}/api/v1/counts?${q}`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) n = ((await res.json()) as { counts: Record<string, number> }).counts[page];
    } catch {
      // No count: the page goes out without one, as a build would that could not reach the API.
    }
  }
  return html.replaceAll(slot, n === undefined ? '' : ` data-count="${n}"`);
}

/**
 * What a static build's `curl` step writes for `{{THREAD_HTML}}`: the thread's HTML fragment as the API origin
 * serves it (`/files/v1/<site>/t/<key>.html`), or nothing when there is none yet (README, "No JavaScript").
 */
async function writeThread(
  html: string,
  apiUrl: string,
  site: string | undefined,
  page: string,
): Promise<string> {
  const slot = '{{THREAD_HTML}}';
  if (!html.includes(slot)) return html;
  const file = site && threadFile(site, page);
  let fragment = '';
  if (file) {
    try {
      const res = await fetch(`${apiUrl}/${file.html}`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) fragment = (await res.text()).trim();
    } catch {
      // No fragment: the page goes out with an empty comment box, the widget fills it.
    }
  }
  return html.replaceAll(slot, fragment);
}

export async function startDemoServer(opts: {
  port: number;
  apiUrl: string;
  host?: string;
  root?: string;
  /** The site whose counts fill each page's `data-count` (as a build would); without it, pages carry none. */
  countSite?: string;
  /** The site whose thread fragments fill each page's `{{THREAD_HTML}}` (default: `countSite`'s). */
  threadSite?: string;
}): Promise<DemoServer> {
  const root = opts.root ?? ROOT;
  const cspReports: unknown[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo');
    if (req.method === 'POST' && url.pathname === '/csp-report') {
      let body = '';
      req.on('data', (c) => {
        if (body.length < 65536) body += c;
      });
      req.on('end', () => {
        try {
          cspReports.push(JSON.parse(body));
        } catch {
          cspReports.push(body);
        }
        res.writeHead(204).end();
      });
      return;
    }
    let path = normalize(decodeURIComponent(url.pathname));
    if (path.includes('..')) return void res.writeHead(400).end('bad path');
    if (path.endsWith('/')) path += 'index.html';
    let file = join(root, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      let body: Buffer | string = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-cache' };
      if (type.startsWith('text/html')) {
        body = applyLayout(body.toString('utf8')).replaceAll('{{API_URL}}', opts.apiUrl);
        body = await writeCount(body, opts.apiUrl, opts.countSite, url.pathname);
        body = await writeThread(body, opts.apiUrl, opts.threadSite ?? opts.countSite, url.pathname);
        if (STRICT_CSP_PREFIXES.some((p) => url.pathname.startsWith(p))) {
          headers['content-security-policy'] = strictCsp(opts.apiUrl);
        }
      }
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((ready) => server.listen(opts.port, host, ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`,
    server,
    cspReports,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
