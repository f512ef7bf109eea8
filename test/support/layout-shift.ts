/** Layout shift as Chromium scores it (PerformanceObserver 'layout-shift'), recorded from a page's first paint. */
import type { Page } from 'playwright-core';

/** Records every layout shift without recent input from the first paint on (before the page's own scripts). */
export async function recordShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { shifts: number };
    w.shifts = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
        if (!e.hadRecentInput) w.shifts += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The layout shift so far: the sum of the entries without recent input, after two more frames. */
export async function shifted(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((done) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => done((window as unknown as { shifts: number }).shifts)),
        ),
      ),
  );
}
