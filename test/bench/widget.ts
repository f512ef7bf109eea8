/** Widget weight: bytes of every built file, and what a first view loads and requests, measured in Chromium. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launchBrowser } from '../support/browser.js';

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface WidgetResult {
  files: Record<string, Sizes>;
  firstView?: {
    /** JS and CSS the page loaded from the widget's origin to show the thread and composer. */
    bytes: Sizes;
    assets: string[];
    requests: number;
    requestList: string[];
    thirdParty: number;
    shadowRoot: boolean;
    /** Requests under /api/ that reached the API server (counted there: test/bench/publish.ts). */
    apiRequests?: number;
    apiRequestList?: string[];
  };
  /** The same first view on a site that offers reader sign-in, for a reader who never signs in. */
  firstViewSignIn?: WidgetResult['firstView'];
  skipped?: string;
}

export function sizes(buf: Buffer): Sizes {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export function fileSizes(dist: string): Record<string, Sizes> {
  const out: Record<string, Sizes> = {};
  for (const f of walk(dist)
    .filter((p) => /\.(js|mjs|css|html)$/.test(p))
    .sort()) {
    out[relative(dist, f)] = sizes(readFileSync(f));
  }
  return out;
}

/** A blog page on its own origin embedding the widget from `apiUrl`. */
export async function startEmbedPage(apiUrl: string, site: string, page: string) {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body>
<article><h1>A post</h1><p>Text.</p></article>
<div id="afterword"></div>
<script src="${apiUrl}/embed.js" data-site="${site}" data-page="${page}" async></script>
</body></html>`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export async function measureFirstView(pageUrl: string, apiUrl: string): Promise<WidgetResult['firstView']> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    const requests: string[] = [];
    const assets: { url: string; body: Promise<Buffer> }[] = [];
    page.on('request', (r) => {
      if (r.url() !== `${pageUrl}/`) requests.push(`${r.method()} ${r.url()}`);
    });
    page.on('response', (r) => {
      const type = r.request().resourceType();
      if (r.url().startsWith(apiUrl) && (type === 'script' || type === 'stylesheet')) {
        assets.push({ url: r.url(), body: r.body().catch(() => Buffer.alloc(0)) });
      }
    });
    await page.goto(pageUrl, { waitUntil: 'load' });
    await page.locator('#afterword').scrollIntoViewIfNeeded();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    const shadowRoot = await page.evaluate(() => {
      const host = document.querySelector('#afterword');
      const root =
        host?.shadowRoot ?? [...document.querySelectorAll('*')].find((e) => e.shadowRoot)?.shadowRoot;
      return Boolean(root && root.childNodes.length > 0);
    });
    const bodies = await Promise.all(assets.map((a) => a.body));
    // Each asset is compressed on its own, as it travels.
    const each = bodies.map(sizes);
    const total = (k: keyof Sizes) => each.reduce((s, x) => s + x[k], 0);
    const api = new URL(apiUrl).host;
    const page0 = new URL(pageUrl).host;
    const thirdParty = requests.filter((r) => {
      const host = new URL(r.split(' ')[1]!).host;
      return host !== api && host !== page0;
    }).length;
    return {
      bytes: { raw: total('raw'), gzip: total('gzip'), brotli: total('brotli') },
      assets: assets.map((a) => a.url.slice(apiUrl.length)),
      requests: requests.length,
      requestList: requests.map((r) => r.replace(apiUrl, '')),
      thirdParty,
      shadowRoot,
    };
  } finally {
    await browser.close();
  }
}
