import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { threadFile } from '../../api/src/contract/files.js';
import type { Stack } from '../../scripts/stack.js';
import { axeViolations } from '../support/axe.js';
import { artifactPath, launchBrowser, startTestStack } from '../support/browser.js';
import { mountAt, open, published, ready, seed, until } from './widget.support.js';

// Each browser step has its own 10 s limit; whole flows get room on a machine shared with other suites.
vi.setConfig({ testTimeout: 90_000 });

let stack: Stack;
let browser: Browser;
let apiOrigin: string;
const demo = (path: string) => `${stack.demo.url}${path}`;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  apiOrigin = `http://localhost:${new URL(stack.api.url).port}`;
  await stack.store.sites.put('demo', { spam: { minComposeSec: 0 } }, 'update');
  // A small conversation on the demo post, for axe and the screenshots.
  const page = '/posts/hello-world/';
  const a = await seed(
    stack,
    page,
    'Lovely to see a blog that loads this fast. Does the comment box need **JavaScript**?',
    {
      author: { name: 'Grace Hopper', website: 'https://example.org/grace' },
    },
  );
  const b = await seed(
    stack,
    page,
    'It does: one small script. Without it you still get the post, just not the comments.',
    {
      parentId: a.comment.id,
      author: { name: 'Ada' },
    },
  );
  await seed(stack, page, 'Good trade. The avatars are drawn locally too, so no third-party requests.', {
    parentId: b.comment.id,
    author: { name: 'Grace Hopper', website: 'https://example.org/grace' },
  });
  await seed(stack, page, 'Markdown works:\n\n- lists\n- `code`\n\n> and quotes', {
    author: { name: 'Linus' },
  });
  await fetch(`${stack.api.url}/api/v1/comments/${a.comment.id}/vote`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ value: 1 }),
  });
  // The widget reads the thread from its file: once it holds the conversation and the vote.
  await published(stack, page, (f) => f.comments.length === 4 && f.comments.some((c) => c.score === 1));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const hostOf = (u: string) => new URL(u).origin;

describe('budget and privacy', () => {
  test('a first view makes exactly two requests (script and thread file), none to another host', async () => {
    const { page, ctx, requests } = await open(browser, demo('/posts/hello-world/'));
    await ready(page);
    await page.waitForLoadState('networkidle');
    const http = requests.filter((u) => u.startsWith('http'));
    const widget = http.filter((u) => hostOf(u) === apiOrigin);
    expect(widget.map((u) => new URL(u).pathname)).toEqual([
      '/embed.js',
      `/${threadFile('demo', '/posts/hello-world/')?.json}`,
    ]);
    // The rest is the blog itself: its page and its stylesheet.
    const others = http.filter((u) => hostOf(u) !== apiOrigin);
    expect(others.every((u) => hostOf(u) === stack.demo.url)).toBe(true);
    expect(others.map((u) => new URL(u).pathname)).toEqual(['/posts/hello-world/', '/style.css']);
    await ctx.close();
  });
});

describe('strict Content-Security-Policy', () => {
  test('renders, previews and posts with zero violations; an injected <style> is reported', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await ctx.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { cspViolations: seen });
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const page = await ctx.newPage();
    const consoleLines: string[] = [];
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    const res = await page.goto(demo('/posts/strict-csp/'));
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    await ready(page);
    const w = page.locator('#afterword');
    await w.getByLabel('Write a comment').fill('Posted under a **strict** policy');
    await w.getByRole('button', { name: 'Preview' }).click();
    await w.locator('.pv strong', { hasText: 'strict' }).waitFor();
    await w.getByRole('button', { name: 'Keep writing' }).click();
    await w.getByRole('button', { name: 'Post comment' }).click();
    await w.getByRole('heading', { name: '1 comment' }).waitFor();
    await w.getByRole('button', { name: 'Reply' }).click();
    await w.getByRole('button', { name: 'Upvote' }).click();
    await until(() => w.locator('.score').textContent()).toBe('1');
    // The adopted stylesheet applies: the submit button has the accent background.
    const bg = await w
      .getByRole('button', { name: 'Post comment' })
      .first()
      .evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(bg).not.toBe('rgba(0, 0, 0, 0)');
    await page.waitForTimeout(500);
    const violations = () =>
      page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    expect(await violations()).toEqual([]);
    expect(stack.demo.cspReports).toEqual([]);
    expect(consoleLines.filter((l) => /content security policy/i.test(l))).toEqual([]);

    // The check can fail: a <style> element on this page is blocked, seen and reported.
    await page.evaluate(() => {
      const s = document.createElement('style');
      s.textContent = 'body { color: red }';
      document.head.append(s);
    });
    await until(violations).not.toEqual([]);
    await until(() => stack.demo.cspReports.length).toBeGreaterThan(0);
    await ctx.close();
  });
});

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds no violations in the ${colorScheme} theme, with a reply form and help open`, async () => {
      const { page, ctx } = await open(browser, demo('/posts/hello-world/'), {
        colorScheme,
      });
      await ready(page);
      const w = page.locator('#afterword');
      await w.getByText('Formatting help').first().click();
      await w.getByLabel('Email (optional, never shown)').fill('reader@example.com');
      await w.getByLabel('Email me replies').waitFor();
      await w.getByRole('button', { name: 'Reply' }).first().click();
      expect(await axeViolations(page)).toEqual([]);
      await ctx.close();
    });
  }

  test('axe finds no violations on the always-dark post', async () => {
    const { page, ctx } = await open(browser, demo('/posts/dark-mode/'));
    await ready(page);
    expect(await w(page).getAttribute('class')).toContain('dark');
    expect(await axeViolations(page)).toEqual([]);
    await ctx.close();
  });

  test('keyboard only: tab to the text box, type, tab to the button, press Enter', async () => {
    const { page, ctx } = await open(browser, demo('/posts/quiet-web/'));
    await ready(page);
    await page.locator('#afterword').getByLabel('Write a comment').focus();
    await page.keyboard.type('Typed without a mouse');
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const label = await page.evaluate(
        () => document.activeElement?.shadowRoot?.activeElement?.textContent ?? '',
      );
      if (label === 'Post comment') break;
    }
    const outline = await page.evaluate(() => {
      const el = document.activeElement?.shadowRoot?.activeElement;
      return el ? getComputedStyle(el).outlineStyle : '';
    });
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    await page.locator('#afterword').getByText('Typed without a mouse').waitFor();
    expect(await page.locator('#afterword [role=status]').textContent()).toBe('Your comment was posted.');
    await ctx.close();
  });
});

const w = (page: Page) => page.locator('#afterword section').first();

describe('languages', () => {
  test('data-lang on the script tag picks the language; only that locale file loads', async () => {
    const { page, ctx, requests } = await open(browser, demo('/posts/quiet-web/'));
    await ready(page);
    await page.evaluate((api) => {
      const d = document.createElement('div');
      d.id = 'ru';
      document.querySelector('main')?.append(d);
      const s = document.createElement('script');
      Object.assign(s.dataset, { site: 'demo', lang: 'ru', target: '#ru', page: '/langs/' });
      s.src = `${api}/embed.js`;
      document.body.append(s);
      d.scrollIntoView();
    }, apiOrigin);
    await page.locator('#ru').getByText('Написать комментарий').waitFor();
    expect(await page.locator('#ru h2').textContent()).toBe('0 комментариев');
    // The first widget of the page, from the first script tag, stays English.
    expect(await page.locator('#afterword h2').textContent()).toMatch(/^\d+ comments?$/);
    const locales = requests.filter((u) => u.includes('/locales/')).map((u) => new URL(u).pathname);
    expect(locales).toEqual(['/locales/ru.js']);
    await ctx.close();
  });

  test('without data-lang: <html lang>, else the browser language', async () => {
    const { page, ctx, requests } = await open(browser, demo('/posts/quiet-web/'), { locale: 'pt-BR' });
    await ready(page);
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'ja'));
    await mountAt(page, 'ja', { page: '/langs/' });
    await page.locator('#ja h2', { hasText: 'コメント 0 件' }).waitFor();
    // An unsupported <html lang> falls through to the browser's languages.
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'sw'));
    await mountAt(page, 'pt', { page: '/langs/' });
    await page.locator('#pt').getByLabel('Escreva um comentário').waitFor();
    const locales = requests.filter((u) => u.includes('/locales/')).map((u) => new URL(u).pathname);
    expect(locales).toEqual(['/locales/ja.js', '/locales/pt-BR.js']);
    await ctx.close();
  });
});

describe('marks and depth', () => {
  test('pinned and moderator marks, pinned first; replies past maxDepth flat with "in reply to"', async () => {
    const path = '/marks/';
    const a = await seed(stack, path, 'First, not pinned', { author: { name: 'Ann' } });
    const b = await seed(stack, path, 'Second, pinned by a moderator', { author: { name: 'Mo' } });
    const r1 = await seed(stack, path, 'Reply one deep', { parentId: a.comment.id, author: { name: 'Bea' } });
    await seed(stack, path, 'Reply two deep', { parentId: r1.comment.id, author: { name: 'Cy' } });
    const item = await stack.store.comments.read(b.comment.id);
    if (!item) throw new Error('seeded comment missing');
    await stack.store.comments.setStatus(item, item.status, new Date().toISOString(), {
      extra: { pinned: true, byModerator: true },
    });
    await stack.store.sites.put('demo', { maxDepth: 1 }, 'update');
    try {
      // The widget reads the thread file: wait until it holds the pin and the new depth.
      await published(
        stack,
        path,
        (f) =>
          f.settings.maxDepth === 1 &&
          f.comments.length === 4 &&
          f.comments.some((c) => c.id === b.comment.id && c.pinned),
      );
      const { page, ctx } = await open(browser, demo('/posts/quiet-web/'));
      await mountAt(page, 'marks', { page: path });
      await ready(page, '#marks');
      const m = page.locator('#marks');
      const pinned = m.locator(`#comment-${b.comment.id} > article`);
      await pinned.getByText('Pinned', { exact: true }).waitFor();
      await pinned.getByText('Moderator', { exact: true }).waitFor();
      expect(await m.locator('ol.list > li').first().getAttribute('id')).toBe(`comment-${b.comment.id}`);
      // maxDepth 1: the reply to a reply sits beside its parent, saying whom it answers.
      const flat = m.locator(`#comment-${a.comment.id} > ol > li`);
      expect(await flat.count()).toBe(2);
      await flat.nth(1).getByText('in reply to Bea').waitFor();
      await ctx.close();
    } finally {
      await stack.store.sites.put('demo', { maxDepth: 5 }, 'update');
    }
  });
});

describe('errors and notices', () => {
  test('a thread locked while writing: the error is readable, then the locked notice', async () => {
    await seed(stack, '/locked/', 'Said before the lock');
    await published(stack, '/locked/', (f) => f.comments.length === 1);
    const { page, ctx } = await open(browser, demo('/posts/quiet-web/'));
    await mountAt(page, 'lock', { page: '/locked/' });
    await ready(page, '#lock');
    const l = page.locator('#lock');
    // A lock changes the thread: its version moves, so conditional GETs see it.
    await stack.store.moderation.setLocked('demo', '/locked/', true, new Date().toISOString());
    await l.getByLabel('Write a comment').fill('Too late');
    await l.getByRole('button', { name: 'Post comment' }).click();
    await l.getByRole('alert').getByText('Comments are closed for this page.').waitFor();
    await published(stack, '/locked/', (f) => f.page.locked);
    await page.reload();
    await mountAt(page, 'lock', { page: '/locked/' });
    await l.locator('.note', { hasText: 'Comments are closed for this page.' }).waitFor();
    expect(await l.locator('textarea').count()).toBe(0);
    expect(await l.getByRole('button', { name: 'Reply' }).count()).toBe(0);
    await ctx.close();
  });

  test('an unknown site says so, not a network error', async () => {
    const { page, ctx } = await open(browser, demo('/posts/quiet-web/'));
    await mountAt(page, 'nosite', { site: 'no-such-site', page: '/x/' });
    await page.locator('#nosite').getByText('Comments are not set up for this website.').waitFor();
    await ctx.close();
  });
});

describe('screenshots', () => {
  const shots = [
    { name: 'desktop-light', viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
    { name: 'desktop-dark', viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
    { name: 'phone-light', viewport: { width: 375, height: 812 }, colorScheme: 'light', isMobile: true },
    { name: 'phone-dark', viewport: { width: 375, height: 812 }, colorScheme: 'dark', isMobile: true },
    {
      name: 'always-dark-post',
      path: '/posts/dark-mode/',
      viewport: { width: 1280, height: 900 },
      colorScheme: 'light',
    },
    {
      name: 'spa-phone',
      path: '/spa/',
      target: '#comments',
      viewport: { width: 375, height: 812 },
      colorScheme: 'light',
      isMobile: true,
    },
  ] as const;
  for (const s of shots) {
    test(`screenshot: ${s.name}`, async () => {
      const { page, ctx } = await open(browser, demo('path' in s ? s.path : '/posts/hello-world/'), {
        viewport: s.viewport,
        colorScheme: s.colorScheme,
        isMobile: 'isMobile' in s,
        hasTouch: 'isMobile' in s,
      });
      const target = 'target' in s ? s.target : '#afterword';
      await ready(page, target);
      await page.locator(target).scrollIntoViewIfNeeded();
      await page.screenshot({ path: artifactPath(`widget-${s.name}.png`), fullPage: true });
      // Nothing sticks out sideways on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        s.viewport.width,
      );
      await ctx.close();
    });
  }
});
