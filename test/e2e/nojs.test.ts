/**
 * The demo post built with its thread's HTML fragment, in real Chromium: without JavaScript it shows the
 * comments with their schema.org microdata; with JavaScript the widget takes the fragment over in place
 * (kept in view until the widget's thread renders, never both at once, layout shift 0); and the same page
 * with the fragment dropped unheld moves (the measure can fail).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { threadFile } from '../../api/src/contract/files.js';
import { type DemoServer, startDemoServer } from '../../demo-site/server.js';
import type { Stack } from '../../scripts/stack.js';
import { launchBrowser, startTestStack } from '../support/browser.js';
import { recordShifts, shifted } from '../support/layout-shift.js';
import { open, seed, until } from './widget.support.js';

vi.setConfig({ testTimeout: 90_000 });

const POST = '/posts/without-javascript/';
const NAMES = ['Ada', 'Brook', 'Cyd', 'Dee'];
const body = (i: number) => `Note ${i + 1} from ${NAMES[i]}: a line or two, as readers write them here.`;

/** Tall enough that the footer below the comments is in view: anything that moved it would count. */
const TALL = { width: 1280, height: 1800 };

/** What `watch` records in the page, beside the layout shifts. */
interface Watched {
  /** Each change of which copies of the thread are visible ('fragment', 'widget', both or ''), and of the footer's top. */
  seen: { copies: string[]; footer: number[] };
}

let stack: Stack;
let browser: Browser;
/** The same blog from a build that writes the fragment but no count: only the widget keeps room. */
let bare: DemoServer;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  bare = await startDemoServer({
    port: 0,
    apiUrl: `http://localhost:${new URL(stack.api.url).port}`,
    threadSite: 'demo',
  });
  const site = await stack.store.sites.get('demo');
  await stack.store.sites.put(
    'demo',
    {
      origins: [...(site?.origins ?? []), bare.url],
      spam: { minComposeSec: 0, ratePerClient: 0, ratePerPage: 0 },
    },
    'update',
  );
  const first = await seed(stack, POST, body(0), { author: { name: NAMES[0] } });
  await seed(stack, POST, body(1), { author: { name: NAMES[1] }, parentId: first.comment.id });
  for (const i of [2, 3]) await seed(stack, POST, body(i), { author: { name: NAMES[i] } });
  // The build fetches the fragment: wait until the publisher has written all four comments into it.
  const url = `${stack.api.url}/${threadFile('demo', POST)!.html}`;
  for (let tries = 0; ; tries++) {
    const res = await fetch(url);
    const n = res.ok ? (await res.text()).split('itemtype="https://schema.org/Comment"').length - 1 : 0;
    if (n === 4) break;
    if (tries > 100) throw new Error(`the fragment holds ${n} comments, not 4`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

afterAll(async () => {
  await browser?.close();
  await bare?.close();
  await stack?.stop();
});

/**
 * Records, from the first paint on, the layout shifts and, once a frame, which copies
 * of the thread the reader can see: the fragment in the page, the widget's list in its shadow root.
 */
async function watch(page: Page): Promise<void> {
  await recordShifts(page);
  await page.addInitScript(() => {
    const w = window as unknown as Watched;
    w.seen = { copies: [], footer: [] };
    const change = (list: (string | number)[], now: string | number) => {
      if (list.at(-1) !== now) list.push(now);
    };
    const frame = () => {
      const host = document.querySelector('#afterword');
      const frag = host?.querySelector('article.afterword-comment');
      const list = host?.shadowRoot?.querySelector('ol.list');
      const footer = document.querySelector('footer');
      if (host && footer) {
        change(
          w.seen.copies,
          `${frag?.checkVisibility() ? 'fragment' : ''}${list?.checkVisibility() ? 'widget' : ''}`,
        );
        change(w.seen.footer, footer.getBoundingClientRect().top);
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** Holds back what the widget reads for the thread (API or file) by `ms`: the fragment must stay meanwhile. */
async function slowThread(page: Page, ms: number): Promise<void> {
  await page.route(
    (u) =>
      u.pathname === '/api/v1/comments' || (u.pathname.startsWith('/files/') && u.pathname.endsWith('.json')),
    async (route) => {
      await new Promise((r) => setTimeout(r, ms));
      await route.continue();
    },
  );
}

describe('the demo post built with its thread fragment', () => {
  test('without JavaScript shows its comments, nested, with schema.org Comment microdata', async () => {
    const { page, ctx } = await open(browser, `${stack.demo.url}${POST}`, { javaScriptEnabled: false });
    const frag = page.locator('#afterword > section[data-afterword-thread]');
    expect(await frag.getAttribute('data-page')).toBe(POST);
    // Each Comment item as microdata reads it: its own author, text and date, whether it is a reply's `comment`.
    const items = await frag.evaluate((el) =>
      [...el.querySelectorAll('[itemscope][itemtype="https://schema.org/Comment"]')].map((c) => ({
        name: c.querySelector(':scope > header [itemprop="author"] [itemprop="name"]')?.textContent,
        text: c.querySelector(':scope > [itemprop="text"]')?.textContent,
        shown: c.querySelector(':scope > [itemprop="text"]')?.checkVisibility(),
        date: c.querySelector(':scope > header time[itemprop="dateCreated"]')?.getAttribute('datetime'),
        reply: c.getAttribute('itemprop') === 'comment' ? c.parentElement?.closest('[itemscope]')?.id : null,
        id: c.id,
      })),
    );
    expect(items.map(({ name, text, shown }) => ({ name, text, shown }))).toEqual(
      NAMES.map((name, i) => ({ name, text: body(i), shown: true })),
    );
    for (const c of items) expect(c.date).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The reply sits inside its parent, as that comment's `comment`; the others are top-level.
    expect(items.map((c) => c.reply)).toEqual([null, items[0]!.id, null, null]);
    expect(await page.locator('#afterword script').count()).toBe(0);
    expect(await page.locator('#afterword').evaluate((el) => el.shadowRoot)).toBeNull();
    // Without a script to fill it, no room is kept below the comments.
    expect(await page.locator('#afterword').evaluate((el) => getComputedStyle(el).minHeight)).toBe('0px');
    await ctx.close();
  });

  test('the README’s curl step builds a page holding the fragment and its count', async () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const step = /\*\*Any blog: a `curl` step\*\*[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(step).toContain('api=https://comments.example.com site=blog');
    const dir = mkdtempSync(join(tmpdir(), 'afterword-curl-'));
    try {
      mkdirSync(join(dir, 'public/posts/without-javascript'), { recursive: true });
      const placeholder = '<div id="afterword" data-count="0"><!--afterword-thread--></div>';
      const built = join(dir, 'public/posts/without-javascript/index.html');
      writeFileSync(built, `<!--page\ntitle: Built with curl\n-->\n<main>${placeholder}</main>\n`);
      writeFileSync(
        join(dir, 'public/other.html'),
        `<p>${placeholder}</p>`.replace('<!--afterword-thread-->', ''),
      );
      const script = step!.replace(
        'api=https://comments.example.com site=blog',
        `api=${stack.api.url} site=demo`,
      );
      // Not execFileSync: the API it fetches from runs in this process.
      await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], { cwd: dir, timeout: 20_000 });
      const html = readFileSync(built, 'utf8');
      expect(html).toContain('<div id="afterword" data-count="4"><section class="afterword-thread"');
      expect(html.split('itemtype="https://schema.org/Comment"').length - 1).toBe(4);
      expect(readdirSync(dir)).toEqual(['public']);
      // As the reader without JavaScript gets it.
      const site = await startDemoServer({ port: 0, apiUrl: stack.api.url, root: join(dir, 'public') });
      try {
        const { page, ctx } = await open(browser, `${site.url}/posts/without-javascript/`, {
          javaScriptEnabled: false,
        });
        for (const i of NAMES.keys()) expect(await page.getByText(body(i)).isVisible()).toBe(true);
        await ctx.close();
      } finally {
        await site.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('with JavaScript the widget takes it over in place: one copy in view at every frame, layout shift 0', async () => {
    const { page, ctx, errors } = await open(browser, 'about:blank', { viewport: TALL });
    await watch(page);
    await slowThread(page, 600);
    await page.goto(`${stack.demo.url}${POST}`);
    const w = page.locator('#afterword');
    await until(() => w.locator('ol.list > li').count()).toBe(3);
    expect(await w.locator('ol.list li').count()).toBe(4);
    expect(await page.locator('[data-afterword-thread]').count()).toBe(0);
    expect(await shifted(page)).toBe(0);
    const seen = await page.evaluate(() => (window as unknown as Watched).seen);
    // Painted first as the build wrote it, then the widget's: never neither, never both.
    expect(seen.copies).toEqual(['fragment', 'widget']);
    // The footer was in view all along, and stayed where it was.
    expect(seen.footer.length).toBe(1);
    expect(seen.footer[0]).toBeLessThan(TALL.height);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test('the fragment dropped unheld as the widget starts moves the page (the measure can fail)', async () => {
    const { page, ctx } = await open(browser, 'about:blank', { viewport: TALL });
    await watch(page);
    // Unmarked, the fragment is to the widget any content of its target: hidden by its shadow root at once.
    await page.addInitScript(() => {
      new MutationObserver(() =>
        document.querySelector('[data-afterword-thread]')?.removeAttribute('data-afterword-thread'),
      ).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${bare.url}${POST}`);
    expect(await page.locator('#afterword').getAttribute('data-count')).toBeNull();
    await until(() => page.locator('#afterword ol.list li').count()).toBe(4);
    expect(await shifted(page)).toBeGreaterThan(0.05);
    const seen = await page.evaluate(() => (window as unknown as Watched).seen);
    expect(seen.copies).toContain('');
    await ctx.close();
  });
});
