/**
 * Lazy chunk `live.js`: the thread file read again while the thread is in view and the tab visible (the first
 * read at once, then `live`, else LIVE_MS, doubling while unchanged). Loaded once the first wait after a view is
 * over: a first view does not show it.
 */
import type { App } from './app.js';
import { fromFile, LIVE_MS, nextWait, readFile } from './thread-file.js';

/** Starts reading `app`'s file again; returns what stops it (the thread unmounted). */
export function live(app: App): () => void {
  const every = app.props.o.live ?? LIVE_MS;
  let wait = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seen = false;
  const schedule = () => {
    clearTimeout(timer);
    if (seen && !document.hidden) timer = setTimeout(tick, wait);
  };
  const tick = async () => {
    wait = nextWait(wait || every, await refresh(app), every);
    schedule();
  };
  const io = new IntersectionObserver((e) => {
    seen = e.some((x) => x.isIntersecting);
    schedule();
  });
  io.observe(app.base as Element);
  document.addEventListener('visibilitychange', schedule);
  return () => {
    io.disconnect();
    document.removeEventListener('visibilitychange', schedule);
    clearTimeout(timer);
  };
}

/** Reads the file again; a newer version replaces the view where it came from the file (true: it changed). */
export async function refresh(app: App): Promise<boolean> {
  const f = await readFile(app.props.o);
  if (!f || f.version <= (app.file?.version ?? -1)) return false;
  app.file = f;
  const { sort } = app.state;
  const n = Math.max(app.n, app.size, app.api ? (app.th?.comments.length ?? 0) : 0);
  const v = fromFile(f, sort, n);
  if (v && (!app.api || f.complete)) app.show(v, n, sort);
  return true;
}
