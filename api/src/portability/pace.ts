/** Cooperative pacing for imports: long parsing work gives the event loop a turn every few milliseconds. */
import { setImmediate as turn } from 'node:timers/promises';

/** Work between two turns of the event loop, at most. */
export const SLICE_MS = 8;

/** Returns a function to await often: it yields a macrotask only once `sliceMs` have passed since the last. */
export function pacer(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    if (performance.now() - last < sliceMs) return undefined;
    return turn().then(() => {
      last = performance.now();
    });
  };
}
