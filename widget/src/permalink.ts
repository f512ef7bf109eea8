/**
 * Lazy chunk `permalink.js`: scrolls to and highlights `#comment-<id>`, loading further pages (a few) to find it,
 * and offers the highlighted comment's Report action (its dialog in `report.js`, loaded on the first click).
 */
import { base } from './api.js';
import type { App } from './app.js';
import { adopt } from './sheet.js';
import { mine } from './store.js';

const PERMALINK = /^#comment-([0-9a-z]{8,40})$/;

/** The highlighted comment's look (a first view has none, so embed.js carries none of it). */
const HIGHLIGHT = '.hl>.cm{background:var(--sf);box-shadow:inset 3px 0 var(--a)}';

export async function jump(app: App): Promise<void> {
  const id = PERMALINK.exec(location.hash)?.[1];
  if (!id) return;
  for (let i = 0; i < 10 && !app.th?.comments.some((c) => c.id === id); i++) {
    if (!app.th?.nextCursor || !(await app.load(app.state.sort, true))) return;
  }
  adopt(app.root.current?.getRootNode(), HIGHLIGHT);
  app.setState({ hl: id }, () => {
    const el = app.root.current?.querySelector<HTMLElement>(`#comment-${id}`);
    el?.scrollIntoView({ block: 'center' });
    el?.querySelector('a')?.focus({ preventScroll: true });
    offerReport(app, id, el?.querySelector<HTMLElement>(':scope > .cm .acts'));
  });
}

/** A Report button in the comment's actions: on a published comment of someone else's, once. */
function offerReport(app: App, id: string, acts: HTMLElement | null | undefined) {
  const c = app.th?.comments.find((x) => x.id === id);
  if (!acts || c?.status !== 'approved' || mine()[id] || acts.querySelector('.rp')) return;
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'rp';
  b.setAttribute('aria-haspopup', 'dialog');
  b.textContent = app.props.t.report?.action ?? 'Report';
  b.onclick = () =>
    import(/* @vite-ignore */ new URL('report.js', base(app.props.o)).href).then(
      (m: typeof import('./report.js')) => m.open(app, id, b),
      () => app.explain({ code: 'network' }).then((err) => app.setState({ err })),
    );
  acts.append(b);
}
