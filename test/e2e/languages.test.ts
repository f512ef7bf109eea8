/**
 * The widget's 30 languages in real Chromium: tags as pages and browsers send them (Traditional Chinese by region,
 * Norwegian, Hebrew's old tag), only the chosen language's file fetched, Arabic's dual, and Chromium's own plural
 * rules and relative times for every language (the unit tests check the texts against Node's).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Stack } from '../../scripts/stack.js';
import { LANGS } from '../../widget/src/i18n.js';
import { launchBrowser, startTestStack } from '../support/browser.js';
import { mountAt, open, published, ready, seed } from './widget.support.js';

vi.setConfig({ testTimeout: 90_000 });

let stack: Stack;
let browser: Browser;
const demo = (path: string) => `${stack.demo.url}${path}`;
const locales = (requests: string[]) =>
  requests.filter((u) => u.includes('/locales/')).map((u) => new URL(u).pathname);

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  await stack.store.sites.put('demo', { spam: { minComposeSec: 0 } }, 'update');
  for (const body of ['مرحبا', 'شكرًا على المقال']) await seed(stack, '/langs/ar/', body);
  await published(stack, '/langs/ar/', (f) => f.comments.length === 2);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('languages', () => {
  test('zh-HK on <html> reads Traditional Chinese, the browser’s nb-NO Norwegian, data-lang iw Hebrew', async () => {
    const { page, ctx, requests, errors } = await open(browser, demo('/posts/quiet-web/'), {
      locale: 'nb-NO',
    });
    await ready(page);
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'zh-HK'));
    await mountAt(page, 'zh', { page: '/langs/zh/' });
    await page.locator('#zh h2', { hasText: '0 則留言' }).waitFor();
    await page.locator('#zh').getByLabel('撰寫留言').waitFor();
    // An unsupported <html lang> falls through to the browser's languages.
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'sw'));
    await mountAt(page, 'nb', { page: '/langs/nb/' });
    await page.locator('#nb h2', { hasText: '0 kommentarer' }).waitFor();
    await mountAt(page, 'he', { page: '/langs/he/', lang: 'iw' });
    await page.locator('#he h2', { hasText: '0 תגובות' }).waitFor();
    expect(await page.locator('#he section').getAttribute('lang')).toBe('he');
    expect(locales(requests)).toEqual(['/locales/zh-TW.js', '/locales/nb.js', '/locales/he.js']);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test('Arabic counts two comments in its dual and says their time in Arabic', async () => {
    const { page, ctx, requests, errors } = await open(browser, demo('/posts/quiet-web/'));
    await ready(page);
    await mountAt(page, 'ar', { page: '/langs/ar/', lang: 'ar-EG' });
    await page.locator('#ar h2', { hasText: '2 تعليقان' }).waitFor();
    expect(await page.locator('#ar section').getAttribute('aria-label')).toBe('التعليقات');
    const times = await page.locator('#ar time').allTextContents();
    expect(times).toHaveLength(2);
    for (const t of times) expect(t).toMatch(/\p{Script=Arabic}/u);
    expect(locales(requests)).toEqual(['/locales/ar.js']);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test('Chromium has the plural rules and relative times of every language, the same categories as Node', async () => {
    const { page, ctx } = await open(browser, demo('/posts/quiet-web/'));
    const seen = await page.evaluate(
      (langs) =>
        langs.map((l) => ({
          l,
          plural: Intl.PluralRules.supportedLocalesOf(l),
          relative: Intl.RelativeTimeFormat.supportedLocalesOf(l),
          categories: [...new Intl.PluralRules(l).resolvedOptions().pluralCategories].sort(),
        })),
      LANGS,
    );
    expect(seen).toEqual(
      LANGS.map((l) => ({
        l,
        plural: [l],
        relative: [l],
        categories: [...new Intl.PluralRules(l).resolvedOptions().pluralCategories].sort(),
      })),
    );
    await ctx.close();
  });
});
