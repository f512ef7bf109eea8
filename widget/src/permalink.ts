/** Lazy chunk `permalink.js`: scrolls to and highlights `#comment-<id>`, loading further pages (a few) to find it. */
import type { App } from './app.js';

const PERMALINK = /^#comment-([0-9a-z]{8,40})$/;

export async function jump(app: App): Promise<void> {
  const id = PERMALINK.exec(location.hash)?.[1];
  if (!id) return;
  for (let i = 0; i < 10 && !app.th?.comments.some((c) => c.id === id); i++) {
    if (!app.th?.nextCursor || !(await app.load(app.state.sort, true))) return;
  }
  app.setState({ hl: id }, () => {
    const el = app.root.current?.querySelector<HTMLElement>(`#comment-${id}`);
    el?.scrollIntoView({ block: 'center' });
    el?.querySelector('a')?.focus({ preventScroll: true });
  });
}
