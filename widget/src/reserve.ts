/**
 * Room kept for a thread before it renders, from its comment count (`data-count` on the target, or the
 * `count` option), so the page below does not move as the thread appears; let go once that moves nothing.
 */
import { PAGE_SIZES } from '../../api/src/contract/limits.js';

/** The heading, the composer and an empty list, then each comment of a line or two: em of the target's font (README, "Embed"). */
export const BASE_EM = 27.5;
export const PER_EM = 8.8;

/** The min-height for `count` comments of which the first `limit` render: `calc(27.5em + n * 8.8em)`. */
export function room(count: number, limit: number = PAGE_SIZES.thread.default): string {
  return `calc(${BASE_EM}em + ${Math.min(count, limit)} * ${PER_EM}em)`;
}

/** Keeps room for the thread, unless the page's own stylesheet already does (its `[data-count]` rule). */
export function hold(el: HTMLElement, count: number | undefined, limit?: number): void {
  if (count === undefined || !(count >= 0) || Number.parseFloat(getComputedStyle(el).minHeight) > 0) return;
  el.style.minHeight = room(count, limit);
}

/**
 * Lets go of the room once that moves nothing the reader sees: when the thread reaches past the bottom of
 * the window (or is scrolled above it, where scroll anchoring keeps the view); until then, checked on scroll.
 */
export function release(el: HTMLElement, content: Element): void {
  const free = () => {
    const box = el.getBoundingClientRect();
    if (content.getBoundingClientRect().bottom < Math.min(box.bottom, innerHeight) && box.bottom > 0) return;
    el.style.minHeight = '0';
    removeEventListener('scroll', free);
  };
  addEventListener('scroll', free, { passive: true });
  free();
}
