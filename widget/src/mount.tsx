/**
 * mount(el, options): an open shadow root with a constructed stylesheet, room kept from the count, rendered once
 * scrolled near. A thread fragment the page already holds (`[data-afterword-thread]`) stays in view, through a
 * slot, while the thread renders in a hidden box; then one frame swaps them, the room kept all along.
 */
import { render } from 'preact';
import { base, type Options } from './api.js';
import { App } from './app.js';
import { choose, load } from './i18n.js';
import { BASE_EM, hold, release } from './reserve.js';
import css from './widget.css?inline';

export interface Mounted {
  update(next: Partial<Options>): void;
  destroy(): void;
}

let sheet: CSSStyleSheet | undefined;

/** How near (in px) the target must scroll before the thread loads. */
export const NEAR = '600px';

export function mount(el: Element, options: Options): Mounted {
  const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  root.adoptedStyleSheets = [sheet];
  let o = options;
  let near = false;
  let alive = true;
  const host = el as HTMLElement;
  const frag = host.querySelector<HTMLElement>('[data-afterword-thread]');
  // The count the page knows (its static build wrote data-count, or the caller passed it): room is kept.
  const count = host.dataset.count ? Number(host.dataset.count) : o.count;
  hold(host, count, o.limit);
  const div = frag && document.createElement('div');
  const box = div || root;
  const slot = document.createElement('slot');
  if (div) {
    div.hidden = true;
    root.append(slot, div);
    // The fragment's height and the heading and composer the widget adds, unless the room kept already
    // (the page's [data-count] rule, or hold()'s) is more. Never a height frozen from now: the page's
    // stylesheet may not apply yet (an async script), and the room kept is in em of styles to come.
    const px = frag.getBoundingClientRect().height;
    const style = getComputedStyle(host);
    if (Number.parseFloat(style.minHeight) < px + BASE_EM * Number.parseFloat(style.fontSize))
      host.style.minHeight = `max(${host.style.minHeight || '0px'}, ${px}px + ${BASE_EM}em)`;
  }
  const shown =
    count === undefined && !div
      ? undefined
      : () => {
          if (div) {
            slot.remove();
            div.hidden = false;
            frag.remove();
          }
          release(host, box.firstElementChild ?? host);
        };
  const draw = async () => {
    const lang = choose([o.lang, document.documentElement.lang, ...navigator.languages]);
    const t = await load(lang, base(o));
    if (alive)
      render(
        <App key={`${o.site} ${o.page} ${lang} ${o.limit}`} o={o} t={t} lang={lang} shown={shown} />,
        box,
      );
  };
  const io = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      near = true;
      draw();
    },
    { rootMargin: NEAR },
  );
  io.observe(el);
  return {
    update(next) {
      o = { ...o, ...next };
      if (near) draw();
    },
    destroy() {
      alive = false;
      io.disconnect();
      render(null, box);
    },
  };
}
