/**
 * Reads again on a timer while the tab is visible, on the widget's schedule for its thread file (15 s,
 * doubling while nothing changes up to 5 minutes, back to 15 s on a change), at once when the tab shows again.
 */
import { useEffect, useRef } from 'preact/hooks';
import { LIVE_MS, nextWait } from '../src/thread-file.js';

/**
 * Calls `read` (resolving true when it found a change) on that schedule, never while the tab is hidden
 * (a read is due as soon as it shows again) nor while `paused`; one read at a time.
 */
export function usePoll(read: () => Promise<boolean>, paused: boolean): void {
  const latest = useRef(read);
  latest.current = read;
  useEffect(() => {
    if (paused) return;
    let wait = LIVE_MS;
    let timer: number | undefined;
    let stopped = false;
    const schedule = (ms: number) => {
      window.clearTimeout(timer);
      timer = window.setTimeout(tick, ms);
    };
    async function tick() {
      if (stopped || document.visibilityState !== 'visible') return; // resumed by visibilitychange
      let changed = false;
      try {
        changed = await latest.current();
      } catch {
        changed = false;
      }
      if (stopped) return;
      wait = nextWait(wait, changed);
      schedule(wait);
    }
    const onVisible = () => {
      if (document.visibilityState === 'visible') schedule(0);
      else window.clearTimeout(timer);
    };
    document.addEventListener('visibilitychange', onVisible);
    schedule(wait);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [paused]);
}
