/**
 * Readers' GitHub sign-in in real Chromium, against the fake GitHub (api/src/routes/reader-oauth-github.testkit.ts):
 * the owner adds the provider on the admin page (the secret never shown again); a blog page opens the
 * popup, which comes back with a session posted to that page alone (from the API origin, by the popup it
 * opened), or, when the popup has no opener, through the handoff; a page on a foreign origin gets nothing, neither when it names its own origin (refused) nor
 * when it names the blog's (the browser drops a message meant for another origin).
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeGitHub,
  GITHUB_CLIENT,
  OCTOCAT,
  startGitHub,
} from '../../api/src/routes/reader-oauth-github.testkit.js';
import type { Stack } from '../../scripts/stack.js';
import { launchBrowser, startTestStack } from '../support/browser.js';

const DIST = resolve(import.meta.dirname, '../../widget/dist');

let stack: Stack;
let github: FakeGitHub;
let browser: Browser;
let context: BrowserContext;
let api: string;
let blog: string;
const ATTACKER = 'http://attacker.example';
let pages: Server;
let handoffOrigin: string;

/** A page that opens the sign-in popup on a click and records every message it receives. */
const opener = (origin: string) => `<!doctype html><html><body><button>Sign in</button><script>
  window.got = [];
  let popup;
  addEventListener('message', (e) => got.push({ origin: e.origin, fromPopup: e.source === popup, data: e.data }));
  document.querySelector('button').onclick = () => {
    popup = window.open(${JSON.stringify(api)} + '/api/v1/reader/oauth/start?site=demo&provider=github&origin=' +
      encodeURIComponent(${JSON.stringify(origin)}), 'afterword-signin', 'popup,width=500,height=600');
  };
</script></body></html>`;

/**
 * A page whose popup has no opener (as a provider's Cross-Origin-Opener-Policy leaves it): it starts with
 * the SHA-256 of a secret of its own and asks the API for the outcome with the secret.
 */
const handoffPage = () => `<!doctype html><html><body><button>Sign in</button><script type="module">
  const b64 = (a) => btoa(String.fromCharCode(...a)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  const secret = b64(crypto.getRandomValues(new Uint8Array(32)));
  const hash = b64(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret))));
  window.got = [];
  addEventListener('message', (e) => got.push(e.data));
  document.querySelector('button').onclick = async () => {
    const opened = window.open(${JSON.stringify(api)} + '/api/v1/reader/oauth/start?site=demo&provider=github&origin=' +
      encodeURIComponent(location.origin) + '&handoff=' + hash, 'afterword-signin', 'popup,noopener');
    window.openerKept = opened !== null;
    for (let i = 0; i < 60; i++) {
      const r = await fetch(${JSON.stringify(api)} + '/api/v1/reader/oauth/handoff', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ site: 'demo', secret }),
      });
      if (r.status !== 204) return (window.result = { status: r.status, body: await r.json() });
      await new Promise((ok) => setTimeout(ok, 250));
    }
    window.result = { status: 'timeout' };
  };
  document.body.dataset.ready = '1';
</script></body></html>`;

beforeAll(async () => {
  if (!existsSync(resolve(DIST, 'admin/index.html')))
    throw new Error('widget/dist/admin/index.html is missing: run `npm run build -w widget` first');
  github = await startGitHub();
  stack = await startTestStack(undefined, {
    githubUrl: github.base,
    githubApiUrl: github.base,
    outboundAllow: [github.allow],
  });
  api = `http://localhost:${new URL(stack.api.url).port}`;
  blog = `http://localhost:${new URL(stack.demo.url).port}`;
  browser = await launchBrowser();
  context = await browser.newContext();
  // The blog's page and the attacker's, served by the browser itself (the blog's origin is the demo site's).
  for (const [origin, names] of [
    [blog, blog],
    [ATTACKER, ATTACKER],
    [`${ATTACKER}/names-the-blog`, blog],
  ] as const)
    await context.route(`${origin}/oauth-opener*`, (r) =>
      r.fulfill({ contentType: 'text/html', body: opener(names) }),
    );
  // This page fetches from the API, so it comes from a real loopback server (Chromium keeps pages the
  // test fills in itself away from loopback addresses), on an origin the demo site is given.
  pages = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(handoffPage()));
  await new Promise<void>((ok) => pages.listen(0, '127.0.0.1', () => ok()));
  handoffOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  const demo = (await stack.store.sites.get('demo'))!;
  await stack.store.sites.put('demo', { origins: [...demo.origins, handoffOrigin] }, 'update');
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
  await github?.close();
  // Only if it was started: a close never called would hold the hook until its timeout.
  if (pages) await new Promise((ok) => pages.close(ok));
});

/** Clicks the page's button, waits for the popup to finish and close, and answers what the page got. */
async function signIn(page: Page, closes = true) {
  const popup = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const opened = await popup;
  if (closes) await opened.waitForEvent('close', { timeout: 10_000 });
  else await opened.getByText('Sign-in did not work').waitFor();
  await page.waitForTimeout(200);
  return {
    got: (await page.evaluate('window.got')) as Array<{
      origin: string;
      fromPopup: boolean;
      data: { type: string; session?: { token: string } };
    }>,
    popupOpen: !opened.isClosed(),
    popupText: opened.isClosed() ? '' : await opened.textContent('body'),
  };
}

describe('GitHub sign-in in a popup', () => {
  it('the owner adds the GitHub provider on the admin page', async () => {
    const admin = await context.newPage();
    await admin.goto(`${api}/admin/`);
    await admin.getByLabel('Email').fill(stack.demoModerator.email);
    await admin.getByLabel('Password').fill(stack.demoModerator.password);
    await admin.getByRole('button', { name: 'Log in' }).click();
    await admin.getByRole('button', { name: 'Log out' }).waitFor();
    await admin.getByRole('button', { name: 'Settings', exact: true }).click();
    await admin.getByRole('heading', { name: 'Sign-in providers' }).waitFor();
    await admin.getByText('No sign-in provider.').waitFor();
    await admin.getByLabel('Id (lower-case letters, digits, dashes)').fill('github');
    await admin.getByLabel('Name readers see').fill('GitHub');
    await admin.getByLabel('Client id').fill(GITHUB_CLIENT.id);
    await admin.getByLabel('Client secret').fill(GITHUB_CLIENT.secret);
    await admin.getByRole('button', { name: 'Save provider' }).click();
    const row = admin.locator('li[data-provider="github"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('secret set');
    expect(await admin.content()).not.toContain(GITHUB_CLIENT.secret);
    await admin.close();
  });

  it('signs a reader in from the blog page: one message, from the API origin, by its popup', async () => {
    const page = await context.newPage();
    await page.goto(`${blog}/oauth-opener`);
    github.next = OCTOCAT;
    const { got, popupOpen } = await signIn(page);
    expect(popupOpen).toBe(false);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ origin: api, fromPopup: true, data: { type: 'afterword-signin' } });
    const token = got[0]!.data.session!.token;
    const me = await fetch(`${api}/api/v1/reader/me?site=demo`, {
      headers: { 'x-afterword-session': token },
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { reader: { name: string } }).reader.name).toBe('The Octocat');
    await page.close();
  });

  it('without an opener (a provider’s COOP), the page gets the session through the handoff', async () => {
    const page = await context.newPage();
    await page.goto(`${handoffOrigin}/oauth-handoff`);
    await page.locator('body[data-ready="1"]').waitFor();
    github.next = { ...OCTOCAT, id: 4242, login: 'no-opener', name: 'No Opener' };
    const popup = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await (await popup).waitForEvent('close', { timeout: 10_000 });
    await page.waitForFunction('window.result', undefined, { timeout: 20_000 });
    const { openerKept, got, result } = (await page.evaluate('({ openerKept, got, result })')) as {
      openerKept: boolean;
      got: unknown[];
      result: { status: number; body: { token: string; reader: { name: string } } };
    };
    expect(openerKept).toBe(false);
    expect(got).toEqual([]);
    expect(result.status).toBe(200);
    expect(result.body.reader.name).toBe('No Opener');
    const me = await fetch(`${api}/api/v1/reader/me?site=demo`, {
      headers: { 'x-afterword-session': result.body.token },
    });
    expect(me.status).toBe(200);
    await page.close();
  });

  it('gives a page on a foreign origin nothing, whichever origin it names', async () => {
    const own = await context.newPage();
    await own.goto(`${ATTACKER}/oauth-opener`);
    const refused = await signIn(own, false);
    expect(refused.got).toEqual([]);
    expect(refused.popupText).toContain('Sign-in did not work');
    await own.close();

    // Naming the blog's origin: the sign-in completes, but its message is for the blog, so the browser
    // delivers it to no one here.
    const named = await context.newPage();
    await named.goto(`${ATTACKER}/names-the-blog/oauth-opener`);
    github.next = OCTOCAT;
    const dropped = await signIn(named);
    expect(dropped.popupOpen).toBe(false);
    expect(dropped.got).toEqual([]);
    await named.close();
  });
});
