/**
 * Reactions in real Chromium against the npm start stack (the demo site offers them): a reader picks an emoji
 * for a comment and for the page from the picker (Escape closes it, focus back on its button; axe-clean), takes one back
 * with its chip, and their own stay pressed after a reload; a second browser sees the counts from the thread file
 * once it is republished, with no API call. Over HTTP from distinct client addresses: 10 parallel PUTs of one
 * reader count once, parallel PUTs of N readers exactly N.
 */
import { request } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Stack } from '../../scripts/stack.js';
import { axeViolations } from '../support/axe.js';
import { artifactPath, launchBrowser, startTestStack } from '../support/browser.js';
import { open, published, ready, seed, thread, until } from './widget.support.js';

vi.setConfig({ testTimeout: 90_000 });

let stack: Stack;
let browser: Browser;
const POST = '/posts/hello-world/';
const demo = (path: string) => `${stack.demo.url}${path}`;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A PUT or DELETE of a reaction from client address `from` (a loopback address of its own: another reader). */
function react(
  path: string,
  from: string,
  method = 'PUT',
): Promise<{ status: number; json: { reacted?: boolean } }> {
  const url = new URL(`${stack.api.url}/api/v1${path}`);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, localAddress: from }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The element focused inside the widget's shadow root: its accessible label or text. */
const focused = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const a = document.querySelector('#afterword')?.shadowRoot?.activeElement;
    return a?.getAttribute('aria-label') ?? a?.textContent ?? null;
  });

describe('reactions in the widget', () => {
  test('react and un-react on a comment and on the page; a second browser sees the counts from the file', async () => {
    const { comment } = await seed(stack, POST, 'React to me');
    const { page, ctx, errors } = await open(browser, demo(POST));
    await ready(page);
    const w = page.locator('#afterword');
    const c = w.locator(`#comment-${comment.id} > article`);
    const add = c.getByRole('button', { name: 'Add a reaction' });

    // The picker offers the site's set; Escape closes it and gives focus back to its button.
    await add.click();
    const picker = c.getByRole('group', { name: 'Add a reaction' });
    await picker.waitFor();
    expect(await picker.getByRole('button').allTextContents()).toEqual(['👍', '❤️', '😂', '🎉', '🤔']);
    expect(await add.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await until(() => picker.count()).toBe(0);
    expect(await focused(page)).toBe('Add a reaction');
    expect(await add.getAttribute('aria-expanded')).toBe('false');

    await add.click();
    await picker.getByRole('button', { name: '🎉' }).click();
    const chip = c.getByRole('button', { name: '🎉 1' });
    await until(() => chip.getAttribute('aria-pressed')).toBe('true');
    await add.click();
    await picker.getByRole('button', { name: '👍' }).click();
    await c.getByRole('button', { name: '👍 1' }).waitFor();
    // Its chip takes one back: the count goes, and with it the chip.
    await c.getByRole('button', { name: '👍 1' }).click();
    await until(() => c.getByRole('button', { name: /^👍/ }).count()).toBe(0);

    // The page itself: its own button beside the heading, its own set.
    const top = w.locator('.top');
    await top.getByRole('button', { name: 'Add a reaction' }).click();
    const pagePicker = top.getByRole('group', { name: 'Add a reaction' });
    await pagePicker.waitFor();
    expect(await pagePicker.getByRole('button').allTextContents()).toEqual(['👍', '❤️', '🎉']);
    // Chips and an open picker are clean for axe (names, pressed states, contrast).
    expect(await axeViolations(page)).toEqual([]);
    await pagePicker.getByRole('button', { name: '❤️' }).click();
    await until(() => top.getByRole('button', { name: '❤️ 1' }).getAttribute('aria-pressed')).toBe('true');

    await w.locator('.top').screenshot({ path: artifactPath('reactions-page.png') });
    await c.screenshot({ path: artifactPath('reactions-comment.png') });
    const api = await thread(stack, POST);
    expect(api).toMatchObject({ page: { reactions: { '❤️': 1 } }, comments: [{ reactions: { '🎉': 1 } }] });

    // Remembered in this browser: pressed after a reload.
    await page.reload();
    await ready(page);
    await until(() => c.getByRole('button', { name: '🎉 1' }).getAttribute('aria-pressed')).toBe('true');

    // Another browser reads the counts from the republished file, asking the API nothing; none is its own.
    await published(
      stack,
      POST,
      (f) => f.comments[0]?.reactions?.['🎉'] === 1 && f.page.reactions?.['❤️'] === 1,
    );
    const other = await open(browser, demo(POST));
    await ready(other.page);
    const ow = other.page.locator('#afterword');
    const seen = ow.locator(`#comment-${comment.id} > article`).getByRole('button', { name: '🎉 1' });
    await seen.waitFor();
    expect(await seen.getAttribute('aria-pressed')).toBe('false');
    expect(await ow.locator('.top').getByRole('button', { name: '❤️ 1' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    expect(other.requests.filter((u) => u.includes('/api/v1/'))).toEqual([]);
    expect(other.requests.filter((u) => u.endsWith('/reactions.js'))).toEqual([]);
    await other.ctx.close();
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe('reactions at once', () => {
  test('10 parallel PUTs of one reader count once; parallel PUTs of 12 readers count exactly 12', async () => {
    const { comment } = await seed(stack, '/posts/quiet-web/', 'Click me a lot');
    const path = `/comments/${comment.id}/reactions/${encodeURIComponent('👍')}`;
    const once = await Promise.all(Array.from({ length: 10 }, () => react(path, '127.0.0.2')));
    expect(once.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(once.every((r) => r.json.reacted)).toBe(true);
    const readers = Array.from({ length: 12 }, (_, i) => `127.0.1.${i + 1}`);
    await Promise.all(readers.map((from) => react(path, from)));
    const page = `/reactions/${encodeURIComponent('🎉')}?site=demo&page=${encodeURIComponent('/posts/quiet-web/')}`;
    await Promise.all([...readers, ...readers].map((from) => react(page, from)));
    const t = await thread(stack, '/posts/quiet-web/');
    expect(t).toMatchObject({ page: { reactions: { '🎉': 12 } }, comments: [{ reactions: { '👍': 13 } }] });
    // All take theirs back at once (twice each): zero, never below.
    await Promise.all([...readers, ...readers, '127.0.0.2'].map((from) => react(path, from, 'DELETE')));
    expect((await thread(stack, '/posts/quiet-web/')).comments[0]).not.toHaveProperty('reactions');
  });
});
