/** embed.js: reads its own data-* attributes, mounts the thread, fills comment counts, exposes window.Afterword. */
import type { Counts } from '../../api/src/contract/responses.js';
import type { Options, Sort } from './api.js';
import { type Mounted, mount } from './mount.js';

const script = document.currentScript as HTMLScriptElement | null;
const data = script?.dataset ?? {};
const api = script?.src ? new URL(script.src).origin : location.origin;

/** The page's path: `<link rel=canonical>`'s when present, else the location's. */
function pagePath(): string {
  const href = document.querySelector<HTMLLinkElement>('link[rel=canonical]')?.href;
  try {
    if (href) return new URL(href).pathname;
  } catch {
    // An unusable canonical link falls back to the location.
  }
  return location.pathname;
}

function defaults(): Options {
  return {
    api,
    src: script?.src,
    site: data.site ?? '',
    page: data.page || pagePath(),
    title: data.title,
    lang: data.lang,
    theme: data.theme as Options['theme'],
    sort: data.sort as Sort | undefined,
  };
}

/** Fills every `[data-afterword-count]` element with its page's count, from one request (100 pages at most). */
async function counts(options: Partial<Options> = {}): Promise<void> {
  const o = { ...defaults(), ...options };
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

declare global {
  interface Window {
    Afterword?: {
      mount(el: Element, options?: Partial<Options>): Mounted;
      counts(options?: Partial<Options>): Promise<void>;
    };
  }
}

window.Afterword = {
  mount: (el, options) => mount(el, { ...defaults(), ...options }),
  counts,
};

function start() {
  if (!data.site) return;
  const el = document.querySelector(data.target || '#afterword');
  if (el) mount(el, defaults());
  if (document.querySelector('[data-afterword-count]')) counts().catch(() => {});
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
