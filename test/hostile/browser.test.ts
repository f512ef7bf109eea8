/** Hostile input in Chromium: vectors through every field shown by the widget and the admin page; nothing runs. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../api/src/domain/password.js';
import { type RunningServer, startServer } from '../../api/src/server.js';
import { type Caller, httpCaller } from '../../api/src/testing/clients.js';
import { createHarness, type Harness } from '../../api/src/testing/harness.js';
import { startEmbedPage } from '../bench/widget.js';
import { artifactPath, launchBrowser } from '../support/browser.js';
import { LINE_VECTORS, VECTORS } from './vectors.js';

const DIST = resolve(import.meta.dirname, '../../widget/dist');
const HAVE_WIDGET = existsSync(resolve(DIST, 'embed.js'));
const HAVE_ADMIN = existsSync(resolve(DIST, 'admin/index.html'));
const MOD_EMAIL = 'mod@hostile.example';
const MOD_PASSWORD = 'hostile-password-123';
/** Comments per page, under the widget's first page of 30 so every one is on screen. */
const PER_PAGE = 25;

let h: Harness;
let server: RunningServer;
let call: Caller;
let browser: Browser;
const pages: { close(): Promise<void>; url: string; path: string }[] = [];

/** Every comment the suite posts: bodies from VECTORS, the one-line vectors through name, website, title and url. */
function payloads(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = VECTORS.map((v) => ({ body: v.text, author: { name: v.name } }));
  for (const v of LINE_VECTORS) {
    out.push({ body: `name ${v.name}`, author: { name: v.text } });
    out.push({ body: `website ${v.name}`, author: { name: 'w', website: v.text } });
    out.push({ body: `title ${v.name}`, title: v.text, url: v.text });
  }
  return out;
}

/** Installed before any page script: the trap every vector calls, and a log of what it caught. */
function trap() {
  const w = window as unknown as { __pwned: (n: unknown) => void; __pwnedCalls: string[] };
  w.__pwnedCalls = [];
  w.__pwned = (n) => {
    w.__pwnedCalls.push(String(n));
  };
}

/** Walks the document and every open shadow root; returns what could run script or load a bad URL. */
function audit(): string[] {
  const bad: string[] = [];
  const walk = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (
        ['script', 'iframe', 'object', 'embed', 'frame', 'base', 'meta', 'link'].includes(tag) &&
        root !== document
      )
        bad.push(`<${tag}> in a shadow root`);
      for (const a of el.attributes) {
        const v = a.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (a.name.startsWith('on')) bad.push(`${tag}[${a.name}]`);
        if (/^(javascript|vbscript|data):/.test(v)) bad.push(`${tag}[${a.name}=${a.value.slice(0, 40)}]`);
        if (a.name === 'style' && /url\(|expression\(/i.test(a.value))
          bad.push(`${tag}[style=${a.value.slice(0, 40)}]`);
        if (a.name === 'srcdoc' || a.name === 'formaction') bad.push(`${tag}[${a.name}]`);
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return bad;
}

/** Hovers, focuses and clicks nothing navigational: fires the events an injected handler would wait for. */
function poke() {
  const all: Element[] = [];
  const walk = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll('*')) {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  for (const el of all) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'animationstart', 'toggle']) {
      el.dispatchEvent(new Event(type, { bubbles: true }));
    }
  }
  return all.length;
}

async function watch(page: Page) {
  const dialogs: string[] = [];
  const foreign: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    const host = new URL(r.url()).hostname;
    if (host !== '127.0.0.1' && host !== 'localhost') foreign.push(r.url());
  });
  await page.addInitScript(trap);
  return { dialogs, foreign };
}

beforeAll(async () => {
  if (!HAVE_WIDGET) return;
  h = await createHarness();
  server = await startServer({ ...h.config, port: 0 }, h.store);
  call = httpCaller(server.url);
  const all = payloads();
  for (let i = 0; i * PER_PAGE < all.length; i++) {
    const path = `/xss/${i}/`;
    const p = await startEmbedPage(server.url, 'xss', path);
    pages.push({ ...p, path });
  }
  await h.site('xss', { origins: pages.map((p) => p.url), moderation: 'none' });
  await h.site('xssq', { origins: pages.map((p) => p.url), moderation: 'all' });
  for (const [i, extra] of all.entries()) {
    const page = pages[Math.floor(i / PER_PAGE)]!;
    for (const site of ['xss', 'xssq']) {
      const res = await call('POST', '/api/v1/comments', {
        body: { site, page: page.path, ...extra },
        headers: { origin: page.url },
        ip: `127.0.3.${(i % 200) + 1}`,
      });
      expect(res.status, res.text).toBeLessThan(500);
    }
  }
  await h.store.moderators.upsert(MOD_EMAIL, { name: 'Mod', passwordHash: await hashPassword(MOD_PASSWORD) });
  await h.store.moderators.grant(MOD_EMAIL, 'xssq', 'owner');
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const p of pages) await p.close();
  await server?.close();
  await h?.drop();
});

// The browser half needs the built widget (`npm run build`, which `npm test` runs first).
describe.skipIf(!HAVE_WIDGET)('the widget shows hostile comments inert', { timeout: 120_000 }, () => {
  it('runs nothing and puts no javascript: or data: URL in the DOM, on every page of vectors', async () => {
    for (const [i, p] of pages.entries()) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const seen = await watch(page);
      await page.goto(p.url);
      await page.locator('#afterword').scrollIntoViewIfNeeded();
      const expected = Math.min(PER_PAGE, payloads().length - i * PER_PAGE);
      await page.waitForFunction(
        (n) => {
          const root = document.querySelector('#afterword')?.shadowRoot;
          return (root?.querySelectorAll('[part=body]').length ?? 0) >= n;
        },
        expected,
        { timeout: 15_000 },
      );
      const poked = await page.evaluate(poke);
      expect(poked).toBeGreaterThan(expected);
      await page.waitForTimeout(300);
      await page.screenshot({ path: artifactPath(`hostile-widget-${i}.png`), fullPage: true });
      expect(
        await page.evaluate(() => (window as unknown as { __pwnedCalls: string[] }).__pwnedCalls),
      ).toEqual([]);
      expect(seen.dialogs).toEqual([]);
      expect(seen.foreign).toEqual([]);
      expect(await page.evaluate(audit)).toEqual([]);
      await context.close();
    }
  });

  it('the composer preview of every body vector runs nothing either', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const seen = await watch(page);
    await page.goto(pages[0]!.url);
    await page.locator('#afterword').scrollIntoViewIfNeeded();
    const w = page.locator('#afterword');
    const textarea = w.locator('[part=textarea]').first();
    await textarea.waitFor({ timeout: 15_000 });
    for (const v of VECTORS) {
      await textarea.fill(v.text);
      await w.getByRole('button', { name: 'Preview', exact: true }).first().click();
      const preview = w.locator('[part=preview]').first();
      await preview.waitFor();
      await page.waitForFunction(
        () => {
          const el = document.querySelector('#afterword')?.shadowRoot?.querySelector('[part=preview]');
          return Boolean(el?.textContent?.trim());
        },
        undefined,
        { timeout: 10_000 },
      );
      await page.evaluate(poke);
      expect(await page.evaluate(audit), v.name).toEqual([]);
      await w.getByRole('button', { name: 'Keep writing', exact: true }).first().click();
    }
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwnedCalls: string[] }).__pwnedCalls)).toEqual(
      [],
    );
    expect(seen.dialogs).toEqual([]);
    expect(seen.foreign).toEqual([]);
    await context.close();
  });

  it('the trap and the audit work: a planted call and planted markup are caught', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await watch(page);
    await page.goto(pages[0]!.url);
    await page.evaluate(() => (window as unknown as { __pwned: (n: string) => void }).__pwned('control'));
    expect(await page.evaluate(() => (window as unknown as { __pwnedCalls: string[] }).__pwnedCalls)).toEqual(
      ['control'],
    );
    // And the audit sees a bad URL and a handler planted in a shadow root.
    await page.evaluate(() => {
      const host = document.createElement('div');
      document.body.append(host);
      host.attachShadow({ mode: 'open' }).innerHTML =
        '<a href=" JavaScript:void 0">x</a><b onclick="x()">y</b>';
    });
    expect(await page.evaluate(audit)).toHaveLength(2);
    await context.close();
  });
});

describe.skipIf(!HAVE_WIDGET || !HAVE_ADMIN)(
  'the admin page shows the same hostile comments inert',
  { timeout: 120_000 },
  () => {
    it('a moderator sees the pending hostile queue and nothing runs', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const seen = await watch(page);
      await page.goto(`${server.url}/admin/`);
      // The page's own markup (e.g. an empty `data:,` favicon) is the baseline; comments must add nothing.
      const baseline = await page.evaluate(audit);
      await page.fill('input[name=email]', MOD_EMAIL);
      await page.fill('input[name=password]', MOD_PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForSelector('.row .body', { timeout: 15_000 });
      // Every hostile comment on screen: load the rest of the queue.
      const more = page.getByRole('button', { name: 'Load more' });
      for (let i = 0; i < 6 && (await more.isVisible()); i++) {
        const before = await page.locator('.row .body').count();
        await more.click();
        await page.waitForFunction((n) => document.querySelectorAll('.row .body').length > n, before);
      }
      expect(await page.locator('.row .body').count()).toBe(payloads().length);
      await page.evaluate(poke);
      await page.waitForTimeout(300);
      await page.screenshot({ path: artifactPath('hostile-admin.png'), fullPage: true });
      expect(
        await page.evaluate(() => (window as unknown as { __pwnedCalls: string[] }).__pwnedCalls),
      ).toEqual([]);
      expect(seen.dialogs).toEqual([]);
      expect(seen.foreign).toEqual([]);
      expect((await page.evaluate(audit)).filter((x) => !baseline.includes(x))).toEqual([]);
      await context.close();
    });
  },
);
