/** The embed in real Chromium against the npm start stack: post, reply, edit, delete, vote, sort, more, SPA. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { siteFile } from '../../api/src/contract/files.js';
import type { Stack } from '../../scripts/stack.js';
import { launchBrowser, startTestStack } from '../support/browser.js';
import { mountAt, open, published, ready, seed, thread, until } from './widget.support.js';

// Each browser step has its own 10 s limit; whole flows get room on a machine shared with other suites.
vi.setConfig({ testTimeout: 90_000 });

let stack: Stack;
let browser: Browser;
const demo = (path: string) => `${stack.demo.url}${path}`;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  // Tests type faster than people: no minimum compose time, so posts are not held as too fast.
  await stack.store.sites.put('demo', { spam: { minComposeSec: 0 } }, 'update');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('writing', () => {
  test('post, reply in place, edit, vote and delete; a second browser sees the comment', async () => {
    const { page, ctx, errors } = await open(browser, demo('/posts/quiet-web/'));
    await ready(page);
    const w = page.locator('#afterword');
    await w.getByLabel('Write a comment').fill('First **comment** from the browser');
    await w.getByLabel('Name (optional)').fill('Ada');
    await w.getByRole('button', { name: 'Post comment' }).click();
    await w.getByRole('heading', { name: '1 comment' }).waitFor();
    const [first] = (await thread(stack, '/posts/quiet-web/')).comments;
    expect(first?.html).toContain('<strong>comment</strong>');
    const top = w.locator(`#comment-${first?.id} > article`);
    await top.locator('strong', { hasText: 'comment' }).waitFor();
    await top.getByText('Ada').waitFor();

    await top.getByRole('button', { name: 'Reply' }).click();
    await top.getByLabel('Reply to Ada').fill('A reply in place');
    await top.getByRole('button', { name: 'Post comment' }).click();
    const reply = w.locator(`#comment-${first?.id} li`);
    await reply.getByText('A reply in place').waitFor();
    await w.getByRole('heading', { name: '2 comments' }).waitFor();

    await reply.getByRole('button', { name: 'Edit' }).click();
    await reply.getByLabel('Edit your comment').fill('A reply, edited');
    await reply.getByRole('button', { name: 'Save' }).click();
    await reply.getByText('A reply, edited').waitFor();
    await reply.getByText('(edited)').waitFor();

    const score = top.locator('.score');
    await top.getByRole('button', { name: 'Upvote' }).click();
    await until(() => score.textContent()).toBe('1');
    expect(await top.getByRole('button', { name: 'Upvote' }).getAttribute('aria-pressed')).toBe('true');
    await top.getByRole('button', { name: 'Downvote' }).click();
    await until(() => score.textContent()).toBe('-1');
    await top.getByRole('button', { name: 'Downvote' }).click();
    await until(() => score.textContent()).toBe('0');

    await reply.getByRole('button', { name: 'Delete' }).click();
    await w.getByRole('heading', { name: '1 comment' }).waitFor();
    expect(await reply.count()).toBe(0);
    const after = await thread(stack, '/posts/quiet-web/');
    expect(after.comments.map((c) => c.id)).toEqual([first?.id]);

    const other = await open(browser, demo('/posts/quiet-web/'));
    await ready(other.page);
    await other.page.locator('#afterword').getByText('First comment from the browser').waitFor();
    // Another browser holds no edit token: no edit or delete offered.
    expect(await other.page.locator('#afterword').getByRole('button', { name: 'Edit' }).count()).toBe(0);
    await other.ctx.close();
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test('a double submit posts once', async () => {
    const { page, ctx, requests } = await open(browser, demo('/posts/hello-world/'));
    await mountAt(page, 'double', { page: '/double/' });
    await ready(page, '#double');
    const w = page.locator('#double');
    await w.getByLabel('Write a comment').fill('Only once, please');
    await w.locator('form').evaluate((f: HTMLFormElement) => {
      f.requestSubmit();
      f.requestSubmit();
    });
    await w.getByRole('heading', { name: '1 comment' }).waitFor();
    await page.waitForTimeout(300);
    const posts = requests.filter((u) => u.endsWith('/api/v1/comments'));
    expect(posts).toHaveLength(1);
    expect((await thread(stack, '/double/')).comments).toHaveLength(1);
    await ctx.close();
  });

  test('own pending comments show the pending notice, also after a reload', async () => {
    await stack.store.sites.put('demo', { moderation: 'all' }, 'update');
    try {
      const { page, ctx } = await open(browser, demo('/posts/hello-world/'));
      await mountAt(page, 'pend', { page: '/pending/' });
      await ready(page, '#pend');
      const w = page.locator('#pend');
      await w.getByLabel('Write a comment').fill('Waiting for a moderator');
      await w.getByRole('button', { name: 'Post comment' }).click();
      await w.getByText('Your comment is awaiting moderation.').first().waitFor();
      expect(await w.getByRole('heading').textContent()).toBe('0 comments');
      await page.reload();
      await mountAt(page, 'pend', { page: '/pending/' });
      await w.locator('.note', { hasText: 'awaiting moderation' }).waitFor();
      await w.getByText('Waiting for a moderator').waitFor();
      expect((await thread(stack, '/pending/')).comments).toHaveLength(0);
      await ctx.close();
    } finally {
      await stack.store.sites.put('demo', { moderation: 'none' }, 'update');
    }
  });
});

describe('reading', () => {
  test('sort switch and load more (from the thread file)', async () => {
    for (const n of [1, 2, 3, 4, 5]) await seed(stack, '/sorting/', `Comment number ${n}`);
    const { comments } = await thread(stack, '/sorting/');
    await fetch(`${stack.api.url}/api/v1/comments/${comments[1]?.id}/vote`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: 1 }),
    });
    // Best first sorts the file's scores: once it holds the vote.
    await published(stack, '/sorting/', (f) => f.comments.some((c) => c.score === 1));
    const { page, ctx } = await open(browser, demo('/posts/hello-world/'));
    await mountAt(page, 'sorting', { page: '/sorting/', limit: 3 });
    await ready(page, '#sorting');
    const w = page.locator('#sorting');
    const texts = () => w.locator('.body').allTextContents();
    expect(await texts()).toEqual(['Comment number 1', 'Comment number 2', 'Comment number 3']);
    await w.getByRole('button', { name: 'Load more comments' }).click();
    await until(texts).toHaveLength(5);
    expect((await texts()).at(-1)).toBe('Comment number 5');
    expect(await w.getByRole('button', { name: 'Load more comments' }).count()).toBe(0);

    await w.getByLabel('Sort by').selectOption('newest');
    await until(texts).toEqual(['Comment number 5', 'Comment number 4', 'Comment number 3']);
    await w.getByLabel('Sort by').selectOption('top');
    await until(async () => (await texts())[0]).toBe('Comment number 2');
    await ctx.close();
  });

  test('counts: every count element on the index filled from one request (the site file)', async () => {
    await seed(stack, '/posts/dark-mode/', 'Dark is nice');
    // Counts come from the site file (test/e2e/site-files.test.ts): once it has this comment.
    const siteJson = `${stack.api.url}/${siteFile('demo')}`;
    await until(
      async () =>
        ((await (await fetch(siteJson)).json()) as { counts: Record<string, number> }).counts[
          '/posts/dark-mode/'
        ],
    ).toBe((await thread(stack, '/posts/dark-mode/')).page.count);
    const { page, ctx, requests } = await open(browser, demo('/'));
    const counts = page.locator('[data-afterword-count]');
    expect(await counts.count()).toBeGreaterThanOrEqual(4);
    for (const path of ['/posts/quiet-web/', '/posts/dark-mode/', '/posts/strict-csp/']) {
      const want = String((await thread(stack, path)).page.count);
      await until(() => page.locator(`[data-afterword-count="${path}"]`).textContent()).toBe(want);
    }
    expect(await page.locator('[data-afterword-count="/posts/dark-mode/"]').textContent()).not.toBe('0');
    expect(requests.filter((u) => u.endsWith('/site.json'))).toHaveLength(1);
    expect(requests.filter((u) => u.includes('/api/'))).toHaveLength(0);
    await ctx.close();
  });

  test('a permalink scrolls to and highlights its comment', async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8])
      ids.push((await seed(stack, '/posts/strict-csp/', `Linked ${n}`)).comment.id);
    const target = ids[6];
    // The widget reads the thread file: once it holds all eight (publishing may lag on a busy machine).
    await published(stack, '/posts/strict-csp/', (f) =>
      ids.every((id) => f.comments.some((c) => c.id === id)),
    );
    const { page, ctx } = await open(browser, demo(`/posts/strict-csp/#comment-${target}`), {
      viewport: { width: 800, height: 500 },
    });
    const li = page.locator(`#afterword #comment-${target}`);
    await until(() => li.getAttribute('class')).toBe('hl');
    await until(() =>
      li.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      }),
    ).toBe(true);
    // Clicking another comment's time link moves the highlight.
    await page.locator(`#afterword #comment-${ids[2]} a[href="#comment-${ids[2]}"]`).click();
    await until(() => page.locator(`#afterword #comment-${ids[2]}`).getAttribute('class')).toBe('hl');
    expect(await li.getAttribute('class')).toBeNull();
    await ctx.close();
  });

  test('loads only when the target scrolls near', async () => {
    const { page, ctx, requests } = await open(browser, demo('/posts/hello-world/'));
    await ready(page);
    await page.evaluate(() => {
      const spacer = document.createElement('div');
      spacer.style.height = '4000px';
      const d = document.createElement('div');
      d.id = 'far';
      document.querySelector('main')?.append(spacer, d);
      window.Afterword?.mount(d, { page: '/far/' });
    });
    await page.waitForTimeout(400);
    expect(requests.filter((u) => u.includes('page=%2Ffar%2F'))).toHaveLength(0);
    await page.locator('#far').scrollIntoViewIfNeeded();
    await ready(page, '#far');
    expect(requests.filter((u) => u.includes('page=%2Ffar%2F'))).toHaveLength(1);
    await ctx.close();
  });
});

describe('single-page sites', () => {
  test('update follows the route; destroy and mount again', async () => {
    const { page, ctx, errors } = await open(browser, demo('/spa/'));
    await ready(page, '#comments');
    const w = page.locator('#comments');
    await w.getByLabel('Write a comment').fill('On the first route');
    await w.getByRole('button', { name: 'Post comment' }).click();
    await w.getByText('On the first route').waitFor();

    await page.getByRole('button', { name: 'Second article' }).click();
    await w.getByText('No comments yet. Start the conversation.').waitFor();
    expect(await w.getByText('On the first route').count()).toBe(0);
    expect(new URL(page.url()).search).toBe('?route=second');

    await page.getByRole('button', { name: 'First article' }).click();
    await w.getByText('On the first route').waitFor();

    await page.getByRole('button', { name: 'Unmount comments' }).click();
    await until(() => w.evaluate((el) => el.shadowRoot?.childNodes.length)).toBe(0);
    await page.getByRole('button', { name: 'Mount comments' }).click();
    await w.getByText('On the first route').waitFor();
    expect((await thread(stack, '/spa/first/')).comments).toHaveLength(1);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe('the first view, before app.js', () => {
  /** A page whose app.js (Preact and the thread's components) is held back by the test until `release()`. */
  async function held(path: string) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    await ctx.route('**/app.js', async (route) => {
      await gate;
      await route.continue();
    });
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    const apps: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => new URL(r.url()).pathname === '/app.js' && apps.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => void d.accept());
    await page.goto(demo('/posts/hello-world/'));
    await ready(page);
    await mountAt(page, 'early', { page: path });
    await ready(page, '#early');
    return { ctx, page, apps, errors, release, w: page.locator('#early') };
  }

  test('a Reply, an upvote, typing and a selection made before app.js arrives are all there once it has', async () => {
    // The demo post has a thread file too: its own widget needs no app.js for its first view either.
    await seed(stack, '/posts/hello-world/', 'On the demo post');
    await published(stack, '/posts/hello-world/', (f) => f.comments.length > 0);
    const { comment } = await seed(stack, '/early/', 'Seeded before');
    await published(stack, '/early/', (f) => f.comments.length === 1);
    const { ctx, page, apps, errors, release, w } = await held('/early/');
    await page.waitForTimeout(300);
    // Painted without it: no app.js asked for before the reader does anything.
    expect(apps).toEqual([]);
    const top = w.locator(`#comment-${comment.id} > article`);
    await top.getByRole('button', { name: 'Reply' }).click();
    await top.getByRole('button', { name: 'Upvote' }).click();
    const box = w.getByLabel('Write a comment');
    await box.fill('Typed before the app');
    await box.evaluate((t: HTMLTextAreaElement) => t.setSelectionRange(2, 5));
    expect(apps).toHaveLength(1);
    await page.waitForTimeout(300);
    // Held: nothing has happened yet.
    expect(await top.getByLabel('Reply to Seeder').count()).toBe(0);
    expect(await top.locator('.score').textContent()).toBe('0');

    release();
    await top.getByLabel('Reply to Seeder').waitFor();
    await until(() => top.locator('.score').textContent()).toBe('1');
    expect(await top.getByRole('button', { name: 'Upvote' }).getAttribute('aria-pressed')).toBe('true');
    expect((await thread(stack, '/early/')).comments[0]?.score).toBe(1);
    expect(await box.inputValue()).toBe('Typed before the app');
    expect(
      await box.evaluate((t: HTMLTextAreaElement) => [
        (t.getRootNode() as ShadowRoot).activeElement === t,
        t.selectionStart,
        t.selectionEnd,
      ]),
    ).toEqual([true, 2, 5]);
    // The kept text is the composer's: it posts.
    await w.getByRole('button', { name: 'Post comment' }).first().click();
    await w.getByRole('heading', { name: '2 comments' }).waitFor();
    expect((await thread(stack, '/early/')).comments.map((c) => c.html)).toContain(
      '<p>Typed before the app</p>',
    );
    expect(apps).toHaveLength(1);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test('a comment submitted before app.js arrives is posted once it has, once', async () => {
    await seed(stack, '/early-post/', 'Seeded before');
    await published(stack, '/early-post/', (f) => f.comments.length === 1);
    const { ctx, page, errors, release, w } = await held('/early-post/');
    const posts: string[] = [];
    page.on(
      'request',
      (r) => r.method() === 'POST' && r.url().endsWith('/api/v1/comments') && posts.push(r.url()),
    );
    await w.getByLabel('Write a comment').fill('Sent before the app');
    await w.getByRole('button', { name: 'Post comment' }).click();
    await page.waitForTimeout(300);
    expect(posts).toEqual([]);
    release();
    await w.getByRole('heading', { name: '2 comments' }).waitFor();
    await w.getByText('Sent before the app').waitFor();
    await page.waitForTimeout(300);
    expect(posts).toHaveLength(1);
    expect((await thread(stack, '/early-post/')).comments).toHaveLength(2);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
