/**
 * Lazy chunk `counts.js`: fills every `[data-afterword-count]` element with its page's count from the site file (one
 * request, no API call), or from `/api/v1/counts` (100 pages at most) while the site has no file. It also reads the
 * site file for `recent.js`, so a page with both reads it once.
 */
import { type SiteFile, siteFile } from '../../api/src/contract/files.js';
import type { Counts } from '../../api/src/contract/responses.js';
import { normalizePage } from '../../api/src/domain/page-path.js';

/** How long one read of the site file serves every chunk that asks: the files' own cache time (`max-age=5`). */
export const SITE_READ_MS = 5_000;

const reads = new Map<string, Promise<SiteFile | undefined>>();

/** The site's file, undefined when there is none (404 locally, 403 from S3 behind CloudFront) or it cannot be read. */
export function siteData(o: { api: string; site: string }): Promise<SiteFile | undefined> {
  const url = `${o.api}/${siteFile(o.site)}`;
  let read = reads.get(url);
  if (!read) {
    // No custom headers (no CORS preflight); the browser revalidates with the file's ETag.
    read = fetch(url, { cache: 'no-cache' })
      .then((r) => (r.ok ? (r.json() as Promise<SiteFile>) : undefined))
      // A missing file's answer may come without CORS headers, which the browser reports as a failed fetch.
      .catch(() => undefined);
    reads.set(url, read);
    setTimeout(() => reads.delete(url), SITE_READ_MS);
  }
  return read;
}

/** Counts of `pages` (as written on the page) from the API: the way for a site that has no file yet. */
async function fromApi(o: { api: string; site: string }, pages: string[]): Promise<Record<string, number>> {
  const q = pages
    .slice(0, 100)
    .map((p) => `&page=${encodeURIComponent(p)}`)
    .join('');
  const res = await fetch(`${o.api}/api/v1/counts?site=${encodeURIComponent(o.site)}${q}`);
  return ((await res.json()) as Partial<Counts>).counts ?? {};
}

export async function counts(o: { api: string; site: string }): Promise<void> {
  const els = [...document.querySelectorAll<HTMLElement>('[data-afterword-count]')];
  if (els.length === 0) return;
  const pages = [...new Set(els.map((e) => e.dataset.afterwordCount ?? ''))];
  const file = await siteData(o);
  const found: Record<string, number | undefined> = file
    ? // The file lists every page that has comments, by page key: a page it does not list has none.
      Object.fromEntries(pages.map((p) => [p, file.counts[normalizePage(p) ?? ''] ?? 0]))
    : await fromApi(o, pages);
  for (const e of els) {
    const n = found[e.dataset.afterwordCount ?? ''];
    if (n !== undefined) e.textContent = String(n);
  }
}
