/**
 * mount(el, options): an open shadow root with a constructed stylesheet, room kept from the count, rendered once
 * scrolled near. A thread fragment the page already holds (`[data-afterword-thread]`) stays in view, through a
 * slot, while the thread renders in a hidden box; then one frame swaps them, the room kept all along.
 *
 * The first view is the thread's own components rendered to HTML here (static.ts is embed.js's `preact`), from
 * the thread file; app.js (Preact and the same components) hydrates it on the reader's first interaction, or at
 * once where the view needs it: no file holding the view, a reader's session or held comments, replies from
 * elsewhere, a `#comment-` or `#aw-signin=` address, the file's first read again, update(). Clicks, submits,
 * focus and changes before it is there are held, then replayed on the same nodes.
 */
import { base, type Options } from './api.js';
import { App, type Props } from './app.js';
import type { Held } from './enhance.js';
import { choose, load } from './i18n.js';
import { BASE_EM, hold, release } from './reserve.js';
import { html } from './static.js';
import { mine, session } from './store.js';
import { LIVE_MS, readFile } from './thread-file.js';
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
  let app: Promise<typeof import('./enhance.js') | undefined> | undefined;
  /** What the first view painted (app.js hydrates it), and the reader's events held until then (null: no more). */
  let first: Props | undefined;
  let held: Held[] | null = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const up = () =>
    (app ??= import(/* @vite-ignore */ new URL('app.js', base(o)).href).then(
      (m: typeof import('./enhance.js')) => {
        const h = held ?? [];
        held = null;
        if (alive && first) m.draw(box, first, h);
        return m;
      },
      // Tried again on the next interaction.
      () => (app = undefined),
    ));
  const jump = () => /^#comment-/.test(location.hash) && up();
  const paint = (p: Props) => {
    const a = new App(p);
    box.innerHTML = html(a.render(a.props, a.state));
    return a;
  };
  const draw = async () => {
    const lang = choose([o.lang, document.documentElement.lang, ...navigator.languages]);
    const t = await load(lang, base(o));
    if (!alive) return;
    const p: Props = { o, t, lang };
    if (app) return (await app)?.draw(box, { ...p, shown });
    paint(p);
    const f = await readFile(o);
    if (!alive || app) return;
    const a = paint({ ...p, f });
    const th = a.th;
    const live = o.live ?? LIVE_MS;
    first = { ...p, f, due: Date.now() + live, shown: th ? undefined : shown };
    if (th) shown?.();
    timer = setTimeout(up, live);
    addEventListener('hashchange', jump);
    if (
      !th ||
      th.comments.some((c) => c.remote) ||
      session(o.site) ||
      /^#(comment-|aw-signin=)/.test(location.hash) ||
      Object.values(mine()).some((m) => m.p === a.where && m.c)
    )
      up();
  };
  // The first interaction loads app.js; until it is there, what the reader did is held (and the browser's own
  // action, where it has one, kept from happening: a form's submit, a summary's toggle).
  for (const type of ['pointerdown', 'touchstart', 'keydown', 'focusin', 'click', 'submit', 'change'])
    root.addEventListener(
      type,
      (e) => {
        if (!first) return;
        up();
        const t = e.target as Element;
        if (!held || /^[ptk]/.test(type)) return;
        if (type === 'click') {
          if (!t.closest('button:not([type=submit]),summary')) return;
          e.preventDefault();
        }
        if (type === 'submit') e.preventDefault();
        held.push([type, t, (e as SubmitEvent).submitter]);
      },
      true,
    );
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
      if (near) {
        up();
        draw();
      }
    },
    destroy() {
      alive = false;
      io.disconnect();
      clearTimeout(timer);
      removeEventListener('hashchange', jump);
      if (app) app.then((m) => m?.draw(box));
      else box.innerHTML = '';
    },
  };
}
