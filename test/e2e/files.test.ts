/**
 * Issue 14 in Chromium against the npm start stack: the thread read from its published file (no request to the
 * API on a first view), one's own post shown at once and merged once the file holds it (no duplicate, the same
 * element kept), sort and load more in the browser, the API past an incomplete file, and a new comment reaching
 * another browser without a reload (the file read again while visible, paused while the tab is hidden).
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { FILE_PAGE_KEY_BYTES, THREAD_FILE_CAP, threadFile } from '../../api/src/contract/files.js';
import { nativeHead } from '../../api/src/portability/fixtures.testkit.js';
import { runImport, single } from '../../api/src/portability/run.js';
import { fileUnder } from '../../api/src/publish/dir-store.js';
import type { Stack } from '../../scripts/stack.js';
import { launchBrowser, startTestStack } from '../support/browser.js';
import { mountAt, open, published, ready, seed, until } from './widget.support.js';

vi.setConfig({ testTimeout: 90_000 });

let stack: Stack;
let browser: Browser;
const demo = (path: string) => `${stack.demo.url}${path}`;
/** How often the widgets of these tests read their file again (the `live` option; 15 s by default). */
const LIVE = 300;

/** Requests that reached the API (`/api/...`) among a page's requests. */
const apiCalls = (requests: string[]) => requests.filter((u) => new URL(u).pathname.startsWith('/api/'));
/** Requests for one page's thread file. */
const fileReads = (requests: string[], page: string) =>
  requests.filter((u) => u.endsWith(`/${threadFile('demo', page)?.json}`));
const texts = (page: Page, target: string) => page.locator(`${target} .body`).allTextContents();

/** Opens the demo post (its own thread published) and mounts a widget for `thread` below it. */
async function openThread(thread: string, options: Record<string, unknown> = {}) {
  const opened = await open(browser, demo('/posts/hello-world/'));
  await ready(opened.page);
  await mountAt(opened.page, 'files', { page: thread, live: LIVE, ...options });
  await ready(opened.page, '#files');
  return opened;
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  // Tests type faster than people and post often; a blocked word holds a post for review.
  await stack.store.sites.put(
    'demo',
    { spam: { minComposeSec: 0, ratePerClient: 0, blockedWords: ['heldword'] } },
    'update',
  );
  // The demo post's own thread has a file too, so a first view of the page reads no API either.
  await seed(stack, '/posts/hello-world/', 'Hello from the file');
  await published(stack, '/posts/hello-world/', (f) => f.comments.length === 1);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('a thread from its file', () => {
  test('first view: the script and the file, no request to the API', async () => {
    for (const n of [1, 2, 3]) await seed(stack, '/files/first/', `From the file ${n}`);
    await published(stack, '/files/first/', (f) => f.comments.length === 3);
    const { page, ctx, requests, errors } = await open(browser, demo('/posts/hello-world/'));
    await ready(page);
    const port = new URL(stack.api.url).port;
    // The demo post's widget: embed.js and its thread's file, nothing else from the API's server.
    expect(requests.filter((u) => new URL(u).port === port).map((u) => new URL(u).pathname)).toEqual([
      '/embed.js',
      `/${threadFile('demo', '/posts/hello-world/')?.json}`,
    ]);
    await mountAt(page, 'files', { page: '/files/first/' });
    await ready(page, '#files');
    expect(await texts(page, '#files')).toEqual(['From the file 1', 'From the file 2', 'From the file 3']);
    expect(fileReads(requests, '/files/first/')).toHaveLength(1);
    expect(apiCalls(requests)).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test('a page never published (404) or whose key is too long for a file reads the API', async () => {
    const long = `/files/${'k'.repeat(FILE_PAGE_KEY_BYTES)}/`;
    await seed(stack, long, 'Only in the API');
    const { page, ctx, requests, errors } = await openThread('/files/none/');
    await page.locator('#files').getByText('No comments yet.', { exact: false }).waitFor();
    expect(fileReads(requests, '/files/none/')).toHaveLength(1);
    expect(apiCalls(requests).map((u) => new URL(u).searchParams.get('page'))).toEqual(['/files/none/']);
    await mountAt(page, 'long', { page: long });
    await page.locator('#long').getByText('Only in the API').waitFor();
    // No file asked for the long key: only the demo post's and the unpublished page's (read again while in view).
    const files = requests.filter((u) => u.includes('/files/v1/')).map((u) => new URL(u).pathname.slice(1));
    expect(new Set(files)).toEqual(
      new Set([threadFile('demo', '/posts/hello-world/')?.json, threadFile('demo', '/files/none/')?.json]),
    );
    expect(apiCalls(requests).map((u) => new URL(u).searchParams.get('page'))).toEqual([
      '/files/none/',
      long,
    ]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test('sort and load more in the browser, from the file alone', async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) ids.push((await seed(stack, '/files/sort/', `Sorted ${n}`)).comment.id);
    await fetch(`${stack.api.url}/api/v1/comments/${ids[3]}/vote`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: 1 }),
    });
    await published(stack, '/files/sort/', (f) => f.comments.some((c) => c.score === 1));
    const { page, ctx, requests } = await openThread('/files/sort/', { limit: 2 });
    const shown = () => texts(page, '#files');
    const w = page.locator('#files');
    expect(await shown()).toEqual(['Sorted 1', 'Sorted 2']);
    await w.getByRole('button', { name: 'Load more comments' }).click();
    await until(shown).toEqual(['Sorted 1', 'Sorted 2', 'Sorted 3', 'Sorted 4']);
    await w.getByRole('button', { name: 'Load more comments' }).click();
    await until(shown).toHaveLength(5);
    expect(await w.getByRole('button', { name: 'Load more comments' }).count()).toBe(0);
    await w.getByLabel('Sort by').selectOption('newest');
    await until(shown).toEqual(['Sorted 5', 'Sorted 4']);
    await w.getByLabel('Sort by').selectOption('top');
    await until(shown).toEqual(['Sorted 4', 'Sorted 1']);
    await w.getByRole('heading', { name: '5 comments' }).waitFor();
    expect(apiCalls(requests)).toEqual([]);
    await ctx.close();
  });

  test('past an incomplete file, the API: its cursor goes on where the file ends; other sorts ask the API', async () => {
    // One more than a file holds, a second apart, imported as a native export (45 to a transaction: quick).
    const total = THREAD_FILE_CAP + 2;
    const t0 = Date.parse('2026-01-01T00:00:00.000Z');
    const comments = Array.from({ length: total }, (_, i) => ({
      id: `long${String(i).padStart(4, '0')}`,
      page: '/files/long/',
      parentId: null,
      depth: 0,
      body: `Long ${i + 1}`,
      html: `<p>Long ${i + 1}</p>`,
      status: 'approved',
      author: { name: 'Many' },
      createdAt: new Date(t0 + i * 1000).toISOString(),
      score: 0,
      up: 0,
      down: 0,
    }));
    const at = new Date().toISOString();
    const doc = { ...nativeHead(at, at), pages: [{ page: '/files/long/' }], comments };
    const done = await runImport({
      store: stack.store,
      secret: stack.config.secret,
      site: 'demo',
      format: 'native',
      chunks: single(JSON.stringify(doc)),
    });
    expect([done.imported, done.problemList]).toEqual([total, []]);
    const f = await published(stack, '/files/long/', (x) => x.page.count === total);
    expect([f.complete, f.comments.length]).toEqual([false, THREAD_FILE_CAP]);

    const { page, ctx, requests } = await openThread('/files/long/', { limit: 100 });
    const w = page.locator('#files');
    const more = w.getByRole('button', { name: 'Load more comments' });
    await w.getByRole('heading', { name: `${total} comments` }).waitFor();
    expect(await w.locator('.body').count()).toBe(100);
    await more.click();
    await until(() => w.locator('.body').count()).toBe(200);
    await more.click();
    await until(() => w.locator('.body').count()).toBe(300);
    expect(apiCalls(requests)).toEqual([]);
    // The file is done: the API's page past it, from the cursor after the file's last comment.
    await more.click();
    await until(() => w.locator('.body').count()).toBe(total);
    expect(await more.count()).toBe(0);
    const calls = apiCalls(requests).map((u) => new URL(u));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.searchParams.get('sort')).toBe('oldest');
    expect(calls[0]?.searchParams.get('cursor')).toBeTruthy();
    expect((await texts(page, '#files')).slice(-3)).toEqual([
      `Long ${total - 2}`,
      `Long ${total - 1}`,
      `Long ${total}`,
    ]);
    // Newest first: the file holds only the oldest, so the API answers.
    await w.getByLabel('Sort by').selectOption('newest');
    await until(async () => (await texts(page, '#files'))[0]).toBe(`Long ${total}`);
    expect(apiCalls(requests).at(-1)).toContain('sort=newest');
    await ctx.close();
  });
});

describe('own posts and live updates', () => {
  test('a post shows at once and stays one element once the file holds it; a held one stays, then shows approved', async () => {
    await seed(stack, '/files/post/', 'Already here');
    await published(stack, '/files/post/', (f) => f.comments.length === 1);
    const { page, ctx, requests, errors } = await openThread('/files/post/');
    const w = page.locator('#files');
    const post = async (body: string) => {
      await w.getByLabel('Write a comment').fill(body);
      const answer = page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/comments') && r.request().method() === 'POST',
      );
      await w.getByRole('button', { name: 'Post comment' }).click();
      return ((await (await answer).json()) as { comment: { id: string } }).comment.id;
    };
    const reads = () => fileReads(requests, '/files/post/').length;

    expect(apiCalls(requests)).toEqual([]);
    const id = await post('Mine, **at once**');
    // The compose token was asked for when the reader started writing (focus), and only then.
    expect(apiCalls(requests).map((u) => new URL(u).pathname)).toEqual([
      '/api/v1/compose',
      '/api/v1/comments',
    ]);
    await w.getByRole('heading', { name: '2 comments' }).waitFor();
    const mine = await page.locator(`#comment-${id}`).elementHandle();
    expect(await texts(page, '#files')).toEqual(['Already here', 'Mine, at once']);
    // The file catches up; the widget reads it again: the comment once, the same element all along.
    await published(stack, '/files/post/', (f) => f.comments.some((c) => c.id === id));
    const after = reads();
    await until(reads).toBeGreaterThan(after);
    await until(() => texts(page, '#files')).toEqual(['Already here', 'Mine, at once']);
    expect(await mine?.evaluate((el) => el.isConnected)).toBe(true);
    await w.getByRole('heading', { name: '2 comments' }).waitFor();

    // Held for review: shown to its author with the notice while the file (public) goes without it.
    const held = await post('A heldword reply');
    await w.getByText('Your comment is awaiting moderation.', { exact: false }).first().waitFor();
    const seen = reads();
    await until(reads).toBeGreaterThan(seen);
    expect(await page.locator(`#comment-${held}`).count()).toBe(1);
    const item = (await stack.store.comments.read(held))!;
    await stack.store.comments.setStatus(item, 'approved', new Date().toISOString());
    await published(stack, '/files/post/', (f) => f.comments.some((c) => c.id === held));
    await w.getByRole('heading', { name: '3 comments' }).waitFor();
    await until(() => page.locator(`#comment-${held} .note`).count()).toBe(0);
    expect(await page.locator(`#comment-${held}`).count()).toBe(1);
    expect(apiCalls(requests).filter((u) => u.includes('/compose'))).toHaveLength(1);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test('another browser sees a new comment without reloading; reading pauses while its tab is hidden; never an older version', async () => {
    await seed(stack, '/files/live/', 'First in');
    const first = await published(stack, '/files/live/', (f) => f.comments.length === 1);
    const other = await openThread('/files/live/');
    let navigations = 0;
    other.page.on('framenavigated', (fr) => {
      if (fr === other.page.mainFrame()) navigations++;
    });
    await seed(stack, '/files/live/', 'Second, from elsewhere');
    await other.page.locator('#files').getByText('Second, from elsewhere').waitFor();
    await other.page.locator('#files').getByRole('heading', { name: '2 comments' }).waitFor();
    expect(navigations).toBe(0);
    expect(apiCalls(other.requests)).toEqual([]);

    // Hidden: no more reads; visible again: reading resumes.
    const reads = () => fileReads(other.requests, '/files/live/').length;
    const visibility = (hidden: boolean) =>
      other.page.evaluate((h) => {
        Object.defineProperty(document, 'hidden', { value: h, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await visibility(true);
    const paused = reads();
    await new Promise((r) => setTimeout(r, 6 * LIVE));
    expect(reads()).toBe(paused);
    await visibility(false);
    await until(reads).toBeGreaterThan(paused);

    // A stale copy (an edge still holding the first version) never takes the thread back.
    writeFileSync(
      fileUnder(stack.publish.files, threadFile('demo', '/files/live/')!.json),
      JSON.stringify(first),
    );
    const fresh = reads();
    await until(reads).toBeGreaterThan(fresh);
    expect(await texts(other.page, '#files')).toEqual(['First in', 'Second, from elsewhere']);
    await other.page.locator('#files').getByRole('heading', { name: '2 comments' }).waitFor();
    await other.ctx.close();
  });
});
