/**
 * The widget in real Chromium, measured: the demo post with 30 comments does not move as its thread renders
 * (layout shift 0 when the page knows the count), and a reader's own comment, approved while it sat past
 * the first page of a 47-comment thread, shows approved after a reload.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type DemoServer, startDemoServer } from '../../demo-site/server.js';
import type { Stack } from '../../scripts/stack.js';
import { launchBrowser, startTestStack } from '../support/browser.js';
import { recordShifts, shifted } from '../support/layout-shift.js';
import { open, published, ready, seed, thread, until } from './widget.support.js';

// Each browser step has its own 10 s limit; whole flows get room on a machine shared with other suites.
vi.setConfig({ testTimeout: 90_000 });

let stack: Stack;
let browser: Browser;
/** The demo blog served again by a build that writes no counts, on an origin the site allows. */
let uncounted: DemoServer;
const demo = (path: string) => `${stack.demo.url}${path}`;
const LONG = '/posts/quiet-web/';
const LONGER = '/posts/dark-mode/';

/** `n` comments on `page`, each a sentence or two as readers write them, one after another. */
async function comments(page: string, n: number): Promise<void> {
  for (let i = 1; i <= n; i++)
    await seed(
      stack,
      page,
      `Comment ${i} on this post: a sentence or two, as a reader would write one here.`,
      {
        author: { name: `Reader ${i}` },
      },
    );
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  uncounted = await startDemoServer({ port: 0, apiUrl: `http://localhost:${new URL(stack.api.url).port}` });
  const site = await stack.store.sites.get('demo');
  await stack.store.sites.put('demo', { origins: [...(site?.origins ?? []), uncounted.url] }, 'update');
  // Tests type faster than people, and the seeding posts from one client.
  await stack.store.sites.put(
    'demo',
    { spam: { minComposeSec: 0, ratePerClient: 0, ratePerPage: 0 } },
    'update',
  );
  await Promise.all([comments(LONG, 30), comments(LONGER, 46)]);
  // The widget reads the threads from their files: once they hold every comment.
  await published(stack, LONG, (f) => f.comments.length === 30);
  await published(stack, LONGER, (f) => f.comments.length === 46);
});

afterAll(async () => {
  await browser?.close();
  await uncounted?.close();
  await stack?.stop();
});

/** Waits until the thread under `target` lists `n` comments. */
async function listed(page: Page, n: number, target = '#afterword'): Promise<void> {
  await ready(page, target);
  await until(() => page.locator(`${target} ol.list > li`).count()).toBe(n);
}

describe('layout shift', () => {
  test('the demo post with 30 comments: 0 when the page knows the count, as its build wrote it', async () => {
    const { page, ctx, errors } = await open(browser, 'about:blank');
    await recordShifts(page);
    await page.goto(demo(LONG));
    expect(await page.locator('#afterword').getAttribute('data-count')).toBe('30');
    await listed(page, 30);
    expect(await shifted(page)).toBe(0);
    // The room is let go once that moves nothing: the thread reaches past the window.
    await until(() => page.locator('#afterword').evaluate((el: HTMLElement) => el.style.minHeight)).toBe(
      '0px',
    );
    expect(await shifted(page)).toBe(0);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test('the same post from a build that wrote no count moves the page (the measure can fail)', async () => {
    const { page, ctx } = await open(browser, 'about:blank');
    await recordShifts(page);
    await page.goto(`${uncounted.url}${LONG}`);
    expect(await page.locator('#afterword').getAttribute('data-count')).toBeNull();
    await listed(page, 30);
    // The thread pushes the footer, in view below the post, out of the window.
    expect(await shifted(page)).toBeGreaterThan(0.05);
    await ctx.close();
  });
});

describe('approval', () => {
  test('a reader’s own comment past the first page of a 47-comment thread shows approved after a reload', async () => {
    await stack.store.sites.put('demo', { moderation: 'all' }, 'update');
    try {
      const { page, ctx } = await open(browser, demo(LONGER));
      await listed(page, 30);
      const w = page.locator('#afterword');
      await w.getByLabel('Write a comment').fill('My own comment, held for the moderator');
      await w.getByRole('button', { name: 'Post comment' }).click();
      await w.getByText('Your comment is awaiting moderation.').first().waitFor();
      const mine = w.locator('li', { hasText: 'My own comment, held' });

      const pending = (await stack.store.moderation.queue({ site: 'demo', status: 'pending', limit: 10 }))
        .comments[0];
      expect(pending?.page).toBe(LONGER);
      await stack.store.comments.setStatus(pending!, 'approved', new Date().toISOString());
      const after = await thread(stack, LONGER);
      expect(after.page.count).toBe(47);
      // The first page the widget fetches (30, oldest first) does not hold it.
      expect(after.comments.map((c) => c.id)).not.toContain(pending?.id);
      // A reload reads the thread's file: once it has been published with the approval.
      await published(stack, LONGER, (f) => f.comments.some((c) => c.id === pending?.id));

      await page.reload();
      await listed(page, 31);
      await w.getByRole('heading', { name: '47 comments' }).waitFor();
      await mine.waitFor();
      await until(() => mine.locator('.note').count()).toBe(0);
      expect(await w.getByText('awaiting moderation').count()).toBe(0);
      // Its author can still edit it, and it reads as any approved comment does.
      await mine.getByRole('button', { name: 'Edit' }).waitFor();
      // The next page brings it to its place: shown once, last, approved.
      await w.getByRole('button', { name: 'Load more comments' }).click();
      await listed(page, 47);
      expect(await mine.count()).toBe(1);
      expect(await w.locator('ol.list > li').last().textContent()).toContain('My own comment, held');
      expect(await w.getByText('awaiting moderation').count()).toBe(0);
      await ctx.close();
    } finally {
      await stack.store.sites.put('demo', { moderation: 'none' }, 'update');
    }
  });
});
