/**
 * A reader's passkey in real Chromium with a virtual authenticator (Chrome DevTools Protocol, WebAuthn domain),
 * on the demo blog (another origin than the API): register from the widget, sign out, sign in again, comment
 * with a verified badge, edit past the anonymous edit window, erase everything from "my comments" (the page's
 * count right after, from /api/v1/counts and in the widget's heading). Also: the popup's answer is taken only
 * from the API origin and from that popup, and a first view of a site offering sign-in still makes only its
 * two requests.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadFile } from '../../api/src/contract/files.js';
import { saveProvider } from '../../api/src/domain/reader-oauth/providers.js';
import {
  type FakeGitHub,
  GITHUB_CLIENT,
  OCTOCAT,
  startGitHub,
} from '../../api/src/routes/reader-oauth-github.testkit.js';
import type { Stack } from '../../scripts/stack.js';
import { axeViolations } from '../support/axe.js';
import { artifactPath, launchBrowser, startTestStack } from '../support/browser.js';
import { virtualAuthenticator } from '../support/webauthn.js';
import { mailTo } from './mail.support.js';
import { open, published, ready, seed } from './widget.support.js';

const PAGE = '/posts/quiet-web/';
/** Another origin the sign-in popup goes to (a provider's), served by the browser itself. */
const PROVIDER = 'http://provider.example';
/** The anonymous edit window, kept short so the test can outwait it. */
const WINDOW_SEC = 2;

let stack: Stack;
let github: FakeGitHub;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  github = await startGitHub();
  stack = await startTestStack(undefined, {
    githubUrl: github.base,
    githubApiUrl: github.base,
    outboundAllow: [github.allow],
  });
  await stack.store.sites.put('demo', { editWindowSec: WINDOW_SEC }, 'update');
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => void d.accept());
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().includes('/files/')) problems.push(`${r.status()} ${r.url()}`);
  });
  await virtualAuthenticator(context, page);
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
  await github?.close();
});

const w = () => page.locator('#afterword');
const bar = () => w().locator('.si .sb');
/** The number in the widget's heading ("3 comments"). */
const heading = async () =>
  Number(/^(\d+) comments?$/.exec((await w().locator('h2').first().textContent()) ?? '')?.[1]);
const count = async () => {
  const res = await fetch(`${stack.api.url}/api/v1/counts?site=demo&page=${encodeURIComponent(PAGE)}`);
  return ((await res.json()) as { counts: Record<string, number> }).counts[PAGE];
};

describe('a reader’s passkey in Chromium', () => {
  it('registers a passkey from the widget: a new account, signed in, its name locked in the composer', async () => {
    await page.goto(`${stack.demo.url}${PAGE}`);
    await ready(page);
    await w().getByRole('button', { name: 'Sign in' }).click();
    const dialog = w().getByRole('dialog', { name: 'Sign in' });
    await dialog.getByLabel('New here? Your name').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath('reader-signin.png') });
    await dialog.getByLabel('New here? Your name').fill('Ada Passkey');
    await dialog.getByRole('button', { name: 'Create a passkey' }).click();
    await bar().getByText('Signed in as Ada Passkey').waitFor();
    expect(await dialog.count()).toBe(0);
    expect(await w().getByRole('button', { name: 'Sign in' }).isVisible()).toBe(false);
    const name = w().getByLabel('Name (optional)').first();
    expect(await name.inputValue()).toBe('Ada Passkey');
    expect(await name.getAttribute('readonly')).not.toBeNull();
  });

  it('signs out, and signs in again with the passkey alone', async () => {
    await bar().getByRole('button', { name: 'Sign out' }).click();
    await w().getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await bar().count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('afterword:signin'))).toBe('{}');
    await w().getByRole('button', { name: 'Sign in' }).click();
    await w().getByRole('dialog').getByRole('button', { name: 'Sign in with a passkey' }).click();
    await bar().getByText('Signed in as Ada Passkey').waitFor();
  });

  it('comments with a verified badge, and edits the comment past the anonymous window', async () => {
    const before = await count();
    await w().getByLabel('Write a comment').first().fill('Signed in, and it says so.');
    await w().getByRole('button', { name: 'Post comment' }).first().click();
    const mine = w().locator('li', { hasText: 'Signed in, and it says so.' });
    await mine.getByText('Verified').waitFor();
    expect(await mine.locator('.au').textContent()).toBe('Ada Passkey');
    expect(await count()).toBe((before ?? 0) + 1);
    // Past the window an anonymous author could no longer edit; a fresh page still offers it to the reader.
    await page.waitForTimeout((WINDOW_SEC + 1) * 1000);
    await page.reload();
    await ready(page);
    await bar().waitFor();
    const again = w().locator('li', { hasText: 'Signed in, and it says so.' });
    await again.getByText('Verified').waitFor();
    // By its id: in edit mode the comment's text is in the text box, no longer in the item's text.
    const item = w().locator(`#${await again.getAttribute('id')}`);
    await again.getByRole('button', { name: 'Edit' }).click();
    const box = item.getByLabel('Edit your comment');
    expect(await box.inputValue()).toBe('Signed in, and it says so.');
    await box.fill('Signed in, edited long after.');
    await item.getByRole('button', { name: 'Save' }).click();
    await w().getByText('Signed in, edited long after.').waitFor();
    const res = await fetch(`${stack.api.url}/api/v1/comments?site=demo&page=${encodeURIComponent(PAGE)}`);
    const list = ((await res.json()) as { comments: Array<{ html: string; editedAt?: string }> }).comments;
    expect(list.find((c) => c.html.includes('edited long after'))?.editedAt).toBeTruthy();
  });

  it('erases every comment from "my comments"; the page count is right at once', async () => {
    // A second comment, posted in this view (the thread shows it before any file holds it): both go.
    await w().getByLabel('Write a comment').first().fill('A second one, erased with the first.');
    await w().getByRole('button', { name: 'Post comment' }).first().click();
    await w()
      .locator('li', { hasText: 'A second one, erased with the first.' })
      .getByText('Verified')
      .waitFor();
    const before = (await count()) ?? 0;
    expect(before).toBeGreaterThanOrEqual(2);
    await expect.poll(heading).toBe(before);
    await bar().getByRole('button', { name: 'My comments' }).click();
    const dialog = w().getByRole('dialog', { name: 'My comments' });
    const link = dialog.getByRole('link', { name: /Signed in, edited long after/ });
    await link.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await link.getAttribute('href')).toMatch(new RegExp(`${PAGE}#comment-[0-9a-z]+$`));
    // The JSON download first: what they wrote, in the native export format.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download them (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('comments-demo.json');
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(exported).toContain('Signed in, edited long after.');
    expect(await dialog.getByRole('listitem').count()).toBe(2);
    await dialog.getByRole('button', { name: 'Erase all my comments' }).click();
    await dialog.getByText('You have no comments on this site.').waitFor();
    // Right after: the API's count (what a blog's index shows) and the widget's own heading.
    expect((await count()) ?? 0).toBe(before - 2);
    await expect.poll(heading).toBe(before - 2);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await w().getByText('Signed in, edited long after.').count()).toBe(0);
    expect(await w().getByText('A second one, erased with the first.').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('signs out everywhere: the session ends for the API too', async () => {
    const token = await page.evaluate(
      () => JSON.parse(localStorage.getItem('afterword:signin') ?? '{}').demo?.token,
    );
    expect(token).toBeTruthy();
    await bar().getByRole('button', { name: 'My comments' }).click();
    await w()
      .getByRole('dialog', { name: 'My comments' })
      .getByRole('button', { name: 'Sign out everywhere' })
      .click();
    await w().getByRole('button', { name: 'Sign in' }).waitFor();
    const me = await fetch(`${stack.api.url}/api/v1/reader/me?site=demo`, {
      headers: { 'x-afterword-session': token },
    });
    expect(me.status).toBe(401);
  });
});

describe('an email link', () => {
  it('asked for in the widget signs in once on return; its token leaves the address bar at once', async () => {
    const { page: p, ctx, errors } = await open(browser, `${stack.demo.url}${PAGE}`);
    await ready(p);
    await p.locator('#afterword').getByRole('button', { name: 'Sign in' }).click();
    const dialog = p.locator('#afterword').getByRole('dialog', { name: 'Sign in' });
    await dialog.getByLabel('Or get a link by email').fill('linked@reader.test');
    await dialog.getByRole('button', { name: 'Send me a link' }).click();
    await dialog.getByText('Check your inbox').waitFor();
    const mail = await mailTo(stack, 'linked@reader.test', /Sign in to comment/);
    const link = /^Sign in: (\S+)$/m.exec(mail.text ?? '')?.[1] ?? '';
    expect(link).toMatch(new RegExp(`^${stack.demo.url}${PAGE}#aw-signin=[\\w-]+$`));
    // Opened from the mail: a page of its own.
    const back = await ctx.newPage();
    await back.goto(link);
    await back.locator('#afterword .si .sb').getByText('Signed in as linked').waitFor();
    expect(new URL(back.url()).hash).toBe('');
    await expect
      .poll(() => back.locator('#afterword [role=status]').textContent())
      .toBe('You are signed in.');
    // Used once: the same link again signs no one in.
    await back.locator('#afterword .si .sb').getByRole('button', { name: 'Sign out' }).click();
    const again = await ctx.newPage();
    await again.goto(link);
    await again.locator('#afterword [role=alert]').waitFor();
    expect(await again.locator('#afterword .si .sb').count()).toBe(0);
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await ctx.close();
  });
});

describe('GitHub from the widget', () => {
  /** Signs in with GitHub from the widget's panel, in a context of its own; `coop` cuts the popup off from its opener. */
  async function withGitHub(coop: boolean) {
    const ctx = await browser.newContext();
    if (coop)
      // As a provider's Cross-Origin-Opener-Policy leaves it: the popup has no opener, no message can come
      // (a COOP header added by the test's route did not cut it off in headless Chromium here: noopener stands in).
      await ctx.addInitScript(() => {
        const open = window.open.bind(window);
        window.open = (url, name, features) => open(url, name, `${features ?? ''},noopener`);
      });
    const p = await ctx.newPage();
    const handoffs: number[] = [];
    p.on('response', (r) => {
      if (r.url().endsWith('/reader/oauth/handoff')) handoffs.push(r.status());
    });
    await p.goto(`${stack.demo.url}${PAGE}`);
    await ready(p);
    await p.locator('#afterword').getByRole('button', { name: 'Sign in' }).click();
    const popup = ctx.waitForEvent('page');
    await p
      .locator('#afterword')
      .getByRole('dialog')
      .getByRole('button', { name: 'Sign in with GitHub' })
      .click();
    await (await popup).waitForEvent('close', { timeout: 10_000 });
    return { ctx, p, handoffs };
  }

  beforeAll(async () => {
    const c = stack.config;
    await saveProvider(
      { store: stack.store, secret: c.secret, now: () => new Date(), outboundAllow: c.outboundAllow },
      'demo',
      { id: 'github', kind: 'github', name: 'GitHub', clientId: GITHUB_CLIENT.id },
      GITHUB_CLIENT.secret,
    );
    // The widget reads the site's sign-in offers from the thread file: wait until the publisher has written
    // the provider into it (on a loaded machine the page could load the file from before).
    const file = `${stack.api.url}/${threadFile('demo', PAGE)!.json}`;
    const offered = async () => {
      const res = await fetch(file, { cache: 'no-store' });
      if (res.status !== 200) return res.status;
      const f = (await res.json()) as { settings: { readers?: { providers?: { id: string }[] } } };
      return f.settings.readers?.providers?.map((x) => x.id).join(',') ?? 'none';
    };
    let seen = await offered();
    for (const t0 = Date.now(); seen !== 'github' && Date.now() - t0 < 30_000; seen = await offered())
      await new Promise((r) => setTimeout(r, 200));
    expect(seen).toBe('github');
  });

  it('signs in through the popup’s message', async () => {
    github.next = OCTOCAT;
    const { ctx, p, handoffs } = await withGitHub(false);
    await p.locator('#afterword .si .sb').getByText('Signed in as The Octocat').waitFor();
    expect(handoffs).not.toContain(200);
    await ctx.close();
  });

  it('and through the handoff when the provider cuts the popup off from the page', async () => {
    github.next = { ...OCTOCAT, id: 4343, login: 'cut-off', name: 'Cut Off' };
    const { ctx, p, handoffs } = await withGitHub(true);
    await p.locator('#afterword .si .sb').getByText('Signed in as Cut Off').waitFor({ timeout: 15_000 });
    // No message came: the handoff answered (204 while the sign-in ran, then the session once).
    expect(handoffs.at(-1)).toBe(200);
    await ctx.close();
  });
});

describe('the sign-in popup', () => {
  it('takes an answer only from the API origin and from the popup it opened', async () => {
    const api = `http://localhost:${new URL(stack.api.url).port}`;
    await context.route(`${PROVIDER}/**`, (r) =>
      r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Provider</title>' }),
    );
    const p = await context.newPage();
    await p.goto(`${stack.demo.url}${PAGE}`);
    await ready(p);
    // Two windows on the API origin, each opened by a click (a user gesture); only the first is "the popup".
    const opened: Page[] = [];
    context.on('page', (x) => opened.push(x));
    // As a string: the test runner would rewrite a dynamic import() in a function.
    await p.evaluate(`(async () => {
      const api = ${JSON.stringify(api)};
      window.popups = [];
      for (const name of ['one', 'two']) {
        const b = document.createElement('button');
        b.id = name;
        b.onclick = () => window.popups.push(window.open(api + '/api/v1/health', name, 'popup'));
        document.body.append(b);
      }
      const m = await import(api + '/signin.js');
      window.got = [];
      addEventListener('message', (e) => {
        const answer = m.accept(e, api, window.popups[0] ?? null);
        const by = e.source === window.popups[0] ? 'by the popup' : 'by another window';
        window.got.push(e.data?.from + ':' + by + ':' + (answer ? 'taken' : 'ignored'));
      });
    })()`);
    await p.click('#one');
    await p.click('#two');
    await expect.poll(() => opened.length).toBe(2);
    const [one, two] = opened as [Page, Page];
    await one.waitForURL(`${api}/api/v1/health`);
    await two.waitForURL(`${api}/api/v1/health`);
    const say = (from: string) => ({ type: 'afterword-signin', error: 'internal', from });
    await two.evaluate((d) => window.opener.postMessage(d, '*'), say('other window'));
    await p.evaluate((d) => window.postMessage(d, '*'), say('the page itself'));
    // A frame of the blog's own origin posing as the popup: another origin and another window.
    await p.evaluate((d) => {
      const f = document.createElement('iframe');
      f.srcdoc = `<script>parent.postMessage(${JSON.stringify(d)}, '*')</script>`;
      document.body.append(f);
    }, say('a frame'));
    // The popup itself, gone on to another origin (as it does to the provider's): its own window, so only
    // the origin check can refuse it.
    // (Navigated by the page in it, as a provider's redirect would be: a navigation from the browser's own
    // address bar would cut the popup off from its opener.)
    const go = async (to: string) => {
      await one.evaluate((u) => {
        location.href = u;
      }, to);
      await one.waitForURL(to);
    };
    await go(`${PROVIDER}/authorize`);
    await one.evaluate((d) => window.opener.postMessage(d, '*'), say('the popup on another origin'));
    await p.waitForFunction(() => (window as unknown as { got: string[] }).got.length === 4);
    await go(`${api}/api/v1/health`);
    await one.evaluate((d) => window.opener.postMessage(d, '*'), say('the popup'));
    await p.waitForFunction(() => (window as unknown as { got: string[] }).got.length === 5);
    expect(await p.evaluate(() => (window as unknown as { got: string[] }).got.sort())).toEqual([
      'a frame:by another window:ignored',
      'other window:by another window:ignored',
      'the page itself:by another window:ignored',
      'the popup on another origin:by the popup:ignored',
      'the popup:by the popup:taken',
    ]);
    await p.close();
  });
});

describe('first view', () => {
  it('of a site offering sign-in: the Sign in button, and still only the script and the thread file', async () => {
    await seed(stack, '/posts/hello-world/', 'A first comment, published in the thread file.');
    await published(stack, '/posts/hello-world/', (f) => f.comments.length === 1);
    const { page: p, ctx, requests } = await open(browser, `${stack.demo.url}/posts/hello-world/`);
    await ready(p);
    await p.waitForLoadState('networkidle');
    await p.locator('#afterword').getByRole('button', { name: 'Sign in' }).waitFor();
    const port = new URL(stack.api.url).port;
    const api = requests
      .filter((u) => u.startsWith('http') && new URL(u).port === port)
      .map((u) => new URL(u).pathname);
    expect(api).toEqual(['/embed.js', `/${threadFile('demo', '/posts/hello-world/')?.json}`]);
    await ctx.close();
  });
});
