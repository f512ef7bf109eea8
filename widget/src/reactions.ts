/**
 * Lazy chunk `reactions.js`: a reader's reaction given or taken back (a chip's click, or an emoji of the picker),
 * the counts and the reader's own taken from the API's answer (kept in localStorage per site), and the picker of
 * the site's set opened by the add button (Escape or leaving it closes it, focus back on the button).
 */
import type { ReactionResult } from '../../api/src/contract/reactions.js';
import { call, enc } from './api.js';
import type { App } from './app.js';
import { el } from './dom.js';
import { adopt } from './sheet.js';
import { auth, reacted, setReacted } from './store.js';

/** The picker's look: a row of the set's emoji beside the button (the chips' own look is embed.js's). */
const LOOK =
  '.rxp{display:inline-flex;gap:.25rem;padding-inline:.25rem;border-inline-start:1px solid var(--bd)}';

/** Reactions in flight (target and emoji): a second click while one is on its way sends nothing. */
const sending = new Set<string>();

/** Target `k` is the page itself (its key), not one of its comments (an id). */
const isPage = (app: App, k: string) => k === app.props.o.page;

/** Gives the reader `emoji` on target `k` (a comment's id, or the page's key), or takes it back if they have it. */
export async function toggle(app: App, k: string, emoji: string): Promise<void> {
  const { o } = app.props;
  const key = `${k} ${emoji}`;
  if (sending.has(key)) return;
  sending.add(key);
  try {
    const on = !(reacted(o.site)[k] ?? []).includes(emoji);
    const path = isPage(app, k)
      ? `/reactions/${enc(emoji)}?site=${enc(o.site)}&page=${enc(o.page)}`
      : `/comments/${k}/reactions/${enc(emoji)}`;
    const r = await call<ReactionResult>(o, path, on ? 'PUT' : 'DELETE', undefined, auth(o.site));
    const others = (reacted(o.site)[k] ?? []).filter((e) => e !== r.emoji);
    setReacted(o.site, k, r.reacted ? [...others, r.emoji] : others);
    const reactions = Object.keys(r.reactions).length ? r.reactions : undefined;
    const th = app.th;
    if (!th) return;
    if (isPage(app, k)) return app.set({ ...th, page: { ...th.page, reactions } });
    const swap = <C extends { id: string }>(c: C) => (c.id === k ? { ...c, reactions } : c);
    app.fresh = app.fresh.map(swap);
    app.set({ ...th, comments: th.comments.map(swap) });
  } finally {
    sending.delete(key);
  }
}

/** Opens the picker of the site's set after `opener` (or closes it when open); a choice toggles that emoji. */
export function pick(app: App, k: string, opener: HTMLElement): void {
  const open = opener.nextElementSibling;
  if (open?.classList.contains('rxp')) {
    close(open, opener);
    return;
  }
  adopt(app.root.current?.getRootNode(), LOOK);
  const set = app.th?.settings.reactions?.[isPage(app, k) ? 'page' : 'comments'] ?? [];
  const own = reacted(app.props.o.site)[k] ?? [];
  const box = el('span', { class: 'rxp', role: 'group', 'aria-label': app.props.t.react });
  for (const e of set) {
    const b = el('button', { type: 'button', 'aria-pressed': String(own.includes(e)) }, e);
    b.onclick = () => {
      close(box, opener);
      toggle(app, k, e).catch(async (f) => app.setState({ err: await app.explain(f) }));
    };
    box.append(b);
  }
  box.onkeydown = (ev) => {
    if (ev.key === 'Escape') close(box, opener);
  };
  box.addEventListener('focusout', (ev) => {
    if (!box.contains(ev.relatedTarget as Node | null) && ev.relatedTarget !== opener)
      close(box, opener, false);
  });
  opener.after(box);
  opener.setAttribute('aria-expanded', 'true');
  box.querySelector('button')?.focus();
}

/** Closes the picker; focus goes back to its button first (removing a focused element would blur it mid-removal). */
function close(box: Element, opener: HTMLElement, focus = true) {
  if (focus) opener.focus();
  opener.setAttribute('aria-expanded', 'false');
  box.remove();
}
