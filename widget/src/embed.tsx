/** embed.js: reads its own data-* attributes, mounts the thread, fills comment counts (lazily), exposes window.Afterword. */
import { base, type Options, type Sort } from './api.js';
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

/** Fills the page's `[data-afterword-count]` or `[data-afterword-recent]` elements from the site file, by the lazy chunk `counts.js` or `recent.js` beside the embed. */
const lazy =
  (name: 'counts' | 'recent') =>
  async (options: Partial<Options> = {}): Promise<void> => {
    const o = { ...defaults(), ...options };
    const m: Record<typeof name, (o: Options) => Promise<void>> = await import(
      /* @vite-ignore */ new URL(`${name}.js`, base(o)).href
    );
    return m[name](o);
  };
const counts = lazy('counts');
const recent = lazy('recent');

declare global {
  interface Window {
    Afterword?: {
      mount(el: Element, options?: Partial<Options>): Mounted;
      counts(options?: Partial<Options>): Promise<void>;
      recent(options?: Partial<Options>): Promise<void>;
    };
  }
}

window.Afterword = {
  mount: (el, options) => mount(el, { ...defaults(), ...options }),
  counts,
  recent,
};

function start() {
  if (!data.site) return;
  const el = document.querySelector(data.target || '#afterword');
  if (el) mount(el, defaults());
  if (document.querySelector('[data-afterword-count]')) counts().catch(() => {});
  if (document.querySelector('[data-afterword-recent]')) recent().catch(() => {});
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
