/** Lazy chunk `counts.js`: fills every `[data-afterword-count]` element with its page's count, from one request (100 pages at most). */
import type { Counts } from '../../api/src/contract/responses.js';

export async function counts(o: { api: string; site: string }): Promise<void> {
  const els = [...document.querySelectorAll<HTMLElement>('[data-afterword-count]')];
  const pages = [...new Set(els.map((e) => e.dataset.afterwordCount ?? ''))].slice(0, 100);
  const q = pages.map((p) => `&page=${encodeURIComponent(p)}`).join('');
  const res = await fetch(`${o.api}/api/v1/counts?site=${encodeURIComponent(o.site)}${q}`);
  const found = ((await res.json()) as Partial<Counts>).counts ?? {};
  for (const e of els) {
    const n = found[e.dataset.afterwordCount ?? ''];
    if (n !== undefined) e.textContent = String(n);
  }
}
