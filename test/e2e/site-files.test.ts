/**
 * Index pages in Chromium: counts and the recent-comments box from the site file (one request, none to the API),
 * the box's options, its text never markup, no layout shift within the room the page keeps, and the API's counts
 * while a site has no file.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { SITE_RECENT_CAP, type SiteFile, siteFile } from '../../api/src/contract/files.js';
import type { Stack } from '../../scripts/stack.js';
import { launchBrowser, startTestStack } from '../support/browser.js';
import { recordShifts, shifted } from '../support/layout-shift.js';
import { open, seed, thread, until } from './widget.support.js';

vi.setConfig({ testTimeout: 90_000 });

let stack: Stack;
let browser: Browser;
const demo = (path: string) => `${stack.demo.url}${path}`;
/** What a comment's HTML would run if the box ever parsed it into the page. */
const HOSTILE = '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script> and **bold**';
const seeded: string[] = [];

/** The demo site's file as the Node server serves it now (undefined while there is none). */
async function readSiteFile(): Promise<SiteFile | undefined> {
  const res = await fetch(`${stack.api.url}/${siteFile('demo')}`);
  return res.ok ? ((await res.json()) as SiteFile) : undefined;
}

/** The texts of a recent box's items, each as `[author, page link, excerpt]`. */
function items(page: Page, box: string) {
  return page
    .locator(`${box} li`)
    .evaluateAll((lis) =>
      lis.map((li) => [
        li.querySelector('.afterword-recent-author')?.textContent,
        li.querySelector('a')?.textContent,
        li.querySelector('p')?.textContent,
      ]),
    );
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  await stack.store.sites.put('demo', { spam: { minComposeSec: 0, ratePerClient: 0 } }, 'update');
  const post = async (path: string, title: string, body: string, name: string) =>
    seeded.push((await seed(stack, path, body, { title, url: demo(path), author: { name } })).comment.id);
  // Titles come from a trusted source (an import here), never from a poster's claim: quiet-web has none.
  const now = new Date().toISOString();
  await stack.store.imports.describePage('demo', '/posts/hello-world/', { title: 'Hello, world' }, now);
  await stack.store.imports.describePage('demo', '/posts/dark-mode/', { title: 'Notes after dark' }, now);
  // More than the site file keeps: the oldest ones are in the counts only.
  for (let i = 1; i <= SITE_RECENT_CAP; i++)
    await post(
      '/posts/quiet-web/',
      'In praise of the quiet web',
      `Quiet comment number ${i}, ${'long '.repeat(40)}end`,
      'Quinn',
    );
  await post('/posts/hello-world/', 'Hello, world', 'A plain hello', 'Ada');
  await post('/posts/dark-mode/', 'Notes after dark', HOSTILE, '<b>Mallory</b>');
  // The publisher has caught up once the file lists the last comment.
  for (let i = 0; (await readSiteFile())?.recent[0]?.comment.id !== seeded.at(-1); i++) {
    if (i === 150) throw new Error('in 15 s the site file never listed the last comment');
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the demo index', () => {
  test('counts and recent comments from one read of the site file, no API call', async () => {
    const { page, ctx, requests, errors } = await open(browser, demo('/'));
    const box = page.locator('[data-afterword-recent]');
    await box.locator('li').nth(4).waitFor();
    for (const path of [
      '/posts/quiet-web/',
      '/posts/hello-world/',
      '/posts/dark-mode/',
      '/posts/strict-csp/',
    ]) {
      const want = String((await thread(stack, path)).page.count);
      await until(() => page.locator(`[data-afterword-count="${path}"]`).textContent()).toBe(want);
    }
    expect(await page.locator('[data-afterword-count="/posts/quiet-web/"]').textContent()).toBe(
      String(SITE_RECENT_CAP),
    );

    // Five by default, newest first: author, page title as the link to the comment, excerpt, date.
    expect(await box.getByRole('list').getByRole('listitem').count()).toBe(5);
    const first = box.locator('li').first();
    expect(await first.locator('.afterword-recent-author').textContent()).toBe('<b>Mallory</b>');
    const link = first.getByRole('link', { name: 'Notes after dark' });
    expect(await link.getAttribute('href')).toBe(demo(`/posts/dark-mode/#comment-${seeded.at(-1)}`));
    const file = await readSiteFile();
    expect(await first.locator('time').getAttribute('datetime')).toBe(file?.recent[0]?.comment.createdAt);
    const second = await items(page, '[data-afterword-recent]');
    expect(second[1]).toEqual(['Ada', 'Hello, world', 'A plain hello']);
    // A quiet comment's excerpt: 120 characters at most, cut at a word end with an ellipsis.
    expect(second[2]?.slice(0, 2)).toEqual(['Quinn', '/posts/quiet-web/']);
    const quiet = second[2]?.[2] ?? '';
    expect([...quiet].length).toBeLessThanOrEqual(120);
    expect(quiet).toMatch(/^Quiet comment number \d+, (long )*long…$/);

    // The hostile body is text: its markup shown, none of it parsed into the page, nothing run.
    const hostile = (await first.locator('p').textContent()) ?? '';
    expect(hostile).toContain('<img src=x onerror="window.__pwned=1">');
    expect(hostile).toContain('<script>window.__pwned=1</script>');
    expect(hostile).toMatch(/and bold$/);
    expect(await box.locator('img, script, b, strong').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

    expect(requests.filter((u) => new URL(u).pathname.startsWith('/api/'))).toEqual([]);
    expect(requests.filter((u) => u.endsWith('/site.json'))).toHaveLength(1);
    expect(
      requests
        .filter((u) => /\/(counts|recent)\.js$/.test(u))
        .map((u) => new URL(u).pathname)
        .sort(),
    ).toEqual(['/counts.js', '/recent.js']);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test('a box honours data-count (up to what the file holds) and data-length', async () => {
    const { page, ctx, errors } = await open(browser, demo('/'));
    await page.locator('[data-afterword-recent] li').first().waitFor();
    await page.evaluate(() => {
      for (const [id, count, length] of [
        ['two', '2', '30'],
        ['all', '50', '10'],
      ] as const) {
        const el = document.createElement('div');
        el.id = id;
        el.dataset.afterwordRecent = '';
        el.dataset.count = count;
        el.dataset.length = length;
        document.querySelector('main')?.append(el);
      }
      return window.Afterword?.recent();
    });
    const two = await items(page, '#two');
    expect(two.map((i) => i[0])).toEqual(['<b>Mallory</b>', 'Ada']);
    for (const [, , text] of two) expect([...(text ?? '')].length).toBeLessThanOrEqual(30);
    expect(two[1]?.[2]).toBe('A plain hello');
    expect(two[0]?.[2]).toMatch(/…$/);
    const all = await items(page, '#all');
    expect(all).toHaveLength(SITE_RECENT_CAP);
    for (const [, , text] of all) expect([...(text ?? '')].length).toBeLessThanOrEqual(10);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test.each([
    ['with the room the demo keeps for it, nothing moves', true],
    ['without it (the control), what is below it moves', false],
  ])('the box filling in: %s', async (_name, room) => {
    // Tall enough that the box and the footer below it are in view.
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 1600 } });
    const page = await ctx.newPage();
    // As the page is parsed: no counts (their digits would move the words after them), so only the box can move
    // anything; for the control, the box without its room.
    await page.addInitScript((keep) => {
      new MutationObserver((records) => {
        for (const n of records.flatMap((r) => [...r.addedNodes]))
          if (n instanceof HTMLElement) {
            n.removeAttribute('data-afterword-count');
            if (!keep && n.hasAttribute('data-afterword-recent')) n.removeAttribute('style');
          }
      }).observe(document, { childList: true, subtree: true });
    }, room);
    await recordShifts(page);
    await page.goto(demo('/'));
    await page.locator('[data-afterword-recent] li').nth(4).waitFor();
    if (room) expect(await shifted(page)).toBe(0);
    else expect(await shifted(page)).toBeGreaterThan(0.01);
    await ctx.close();
  });

  test("while the site has no file, counts come from the API and the box keeps the page's own content", async () => {
    rmSync(join(stack.config.filesDir, siteFile('demo')));
    expect(await readSiteFile()).toBeUndefined();
    const { page, ctx, requests } = await open(browser, demo('/'));
    await until(() => page.locator('[data-afterword-count="/posts/quiet-web/"]').textContent()).toBe(
      String(SITE_RECENT_CAP),
    );
    await until(() => page.locator('[data-afterword-count="/posts/hello-world/"]').textContent()).toBe('1');
    expect(requests.filter((u) => u.includes('/api/v1/counts'))).toHaveLength(1);
    expect(requests.filter((u) => u.endsWith('/site.json'))).toHaveLength(1);
    // Once a fill of the box has finished (it reads the same answer), the page's placeholder is still there.
    await page.evaluate(() => window.Afterword?.recent());
    expect(await page.locator('[data-afterword-recent]').textContent()).toBe('No comments yet.');
    await ctx.close();
  });
});
