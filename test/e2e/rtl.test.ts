/**
 * Right-to-left and CJK in real Chromium: the demo posts in Arabic, Hebrew and Japanese (each page's own
 * `<html lang>` and `dir`), light and dark. The root says its direction, replies indent from the right in Arabic and Hebrew
 * (from the left in Japanese), nothing in a comment overlaps, axe finds nothing; a screenshot of each.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Stack } from '../../scripts/stack.js';
import { axeViolations } from '../support/axe.js';
import { artifactPath, launchBrowser, startTestStack } from '../support/browser.js';
import { open, published, ready, seed } from './widget.support.js';

vi.setConfig({ testTimeout: 90_000 });

let stack: Stack;
let browser: Browser;
const LANGS = ['ar', 'he', 'ja'];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  await stack.store.sites.put('demo', { spam: { minComposeSec: 0 } }, 'update');
  // A conversation three deep on each post, in the three scripts: indentation and bidirectional text both show.
  for (const lang of LANGS) {
    const post = `/posts/${lang}/`;
    const a = await seed(stack, post, 'مقال رائع، شكرًا! هل يعمل مربع التعليقات دون **JavaScript**؟', {
      author: { name: 'ليلى' },
    });
    const b = await seed(stack, post, 'כן, עם סקריפט קטן אחד. בלעדיו רואים את הפוסט, בלי התגובות.', {
      parentId: a.comment.id,
      author: { name: 'נועה' },
    });
    await seed(stack, post, 'なるほど。アバターもこのサイトで描かれているのですね。', {
      parentId: b.comment.id,
      author: { name: '佐藤' },
    });
    await published(stack, post, (f) => f.comments.length === 3);
  }
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Opens the demo post in `lang` (its `<html lang>` and `dir` say so) once it holds the conversation. */
async function openIn(lang: string, colorScheme: 'light' | 'dark') {
  const opened = await open(browser, `${stack.demo.url}/posts/${lang}/`, { colorScheme });
  await ready(opened.page);
  return opened;
}

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;

/** The layout facts, read inside the shadow root: direction, each reply list's box beside its comment's, overlaps. */
function layout(page: Page) {
  return page.locator('#afterword').evaluate((host) => {
    const root = host.shadowRoot!;
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const replies = [...root.querySelectorAll('li > ol')].map((ol) => ({
      list: box(ol),
      parent: box(ol.parentElement!.querySelector(':scope > article')!),
    }));
    // Within each comment: the avatar, the header's parts, the body and the actions, side by side or stacked.
    const parts = [...root.querySelectorAll('article')].map((a) =>
      [...a.querySelectorAll(':scope > img, :scope header > *, :scope > .body, :scope > .acts > *')]
        .filter((e) => e.getBoundingClientRect().width > 0)
        .map((e) => ({ name: `${e.tagName.toLowerCase()}.${e.className}`, box: box(e) })),
    );
    const top = root.querySelector('[part=root]')!;
    return { dir: top.getAttribute('dir'), lang: top.getAttribute('lang'), replies, parts };
  });
}

describe('right to left and Japanese', () => {
  for (const lang of LANGS)
    for (const colorScheme of ['light', 'dark'] as const)
      test(`${lang}, ${colorScheme}: direction, replies indented from the start side, no overlap, axe clean`, async () => {
        const { page, ctx, errors } = await openIn(lang, colorScheme);
        const rtl = lang !== 'ja';
        const l = await layout(page);
        expect(l).toMatchObject({ dir: rtl ? 'rtl' : 'ltr', lang });
        // Two levels of replies, each indented from the start side: the far edge stays, the near one moves in.
        expect(l.replies).toHaveLength(2);
        for (const { list, parent } of l.replies) {
          const [start, end] = rtl
            ? [parent.x + parent.width - (list.x + list.width), list.x - parent.x]
            : [list.x - parent.x, parent.x + parent.width - (list.x + list.width)];
          expect(start, 'indented from the start side').toBeGreaterThan(8);
          expect(Math.abs(end), 'flush on the end side').toBeLessThan(1);
        }
        for (const parts of l.parts)
          for (const [i, a] of parts.entries())
            for (const b of parts.slice(i + 1))
              expect(overlap(a.box, b.box), `${a.name} and ${b.name} overlap`).toBe(false);
        // The heading reads in the language (Arabic's plural for three, Hebrew's, Japanese's counter).
        const heading = await page.locator('#afterword h2').textContent();
        expect(heading).toMatch(/3/);
        expect(heading).not.toContain('comments');
        // Each comment's text and author take their own direction (an Arabic comment on the Japanese page too).
        const dirs = await page
          .locator('#afterword .body')
          .evaluateAll((els) => els.map((e) => getComputedStyle(e).direction));
        expect(dirs).toEqual(['rtl', 'rtl', 'ltr']);
        expect(await axeViolations(page)).toEqual([]);
        await page.locator('#afterword').scrollIntoViewIfNeeded();
        await page.screenshot({ path: artifactPath(`widget-${lang}-${colorScheme}.png`), fullPage: true });
        expect(errors).toEqual([]);
        await ctx.close();
      });
});
