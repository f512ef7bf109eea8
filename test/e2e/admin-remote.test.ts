/**
 * The admin page's "Posts elsewhere" and "Replies from elsewhere", in real Chromium against the npm start
 * stack: the owner holds every remote reply, links a demo post to a (fake) Mastodon status in the form, the
 * stack's refresher brings its reply in held, and a failed fetch shows in the list; unlinking empties it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeMastodon, startFakeMastodon } from '../../api/src/domain/remote/fakes.testkit.js';
import type { Stack } from '../../scripts/stack.js';
import { launchBrowser, startTestStack } from '../support/browser.js';

const DIST = resolve(import.meta.dirname, '../../widget/dist');
const PAGE = '/posts/remote-admin/';

let stack: Stack;
let browser: Browser;
let masto: FakeMastodon;
let admin: Page;

beforeAll(async () => {
  if (!existsSync(resolve(DIST, 'admin/index.html')))
    throw new Error('widget/dist/admin/index.html is missing: run `npm run build` first');
  masto = await startFakeMastodon();
  [stack, browser] = await Promise.all([
    startTestStack(undefined, { outboundAllow: [masto.server.host] }),
    launchBrowser(),
  ]);
  masto.statuses = [
    { id: '7001', inReplyTo: '1000', acct: 'ann', name: 'Ann', content: '<p>Held from afar</p>' },
  ];
  admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  admin.setDefaultTimeout(15_000);
  await admin.goto(`${stack.api.url.replace('127.0.0.1', 'localhost')}/admin/`);
  await admin.getByLabel('Email').fill(stack.demoModerator.email);
  await admin.getByLabel('Password').fill(stack.demoModerator.password);
  await admin.getByRole('button', { name: 'Log in' }).click();
  await admin.getByRole('button', { name: 'Settings', exact: true }).click();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await masto?.close();
});

it('holds remote replies, links a post in the form, brings its reply in held, shows a failed fetch in the list', async () => {
  await admin.getByLabel('Hold every reply from elsewhere for review').check();
  await admin.getByRole('button', { name: 'Save settings' }).click();
  await admin.getByText('Settings saved').first().waitFor();
  expect((await stack.store.sites.get('demo'))?.remote?.premoderate).toBe(true);

  const section = admin.locator('section.remote-links');
  await section.getByLabel('Page (path or URL)').fill(PAGE);
  await section.getByLabel('Mastodon status or Bluesky post URL').fill(masto.statusUrl);
  await section.getByRole('button', { name: 'Link', exact: true }).click();
  await section.locator('li', { hasText: PAGE }).waitFor();
  expect(await section.locator('li').first().textContent()).toContain('Mastodon');

  expect(await stack.refresh.runNow()).toMatchObject({ created: 1 });
  const [reply] = await stack.store.threads.all('demo', PAGE, false);
  expect(reply).toMatchObject({ status: 'pending', authorName: 'Ann', remote: { source: 'mastodon' } });

  // The instance fails: the next refresh (due now) says so in the list, and hides nothing.
  masto.server.set('/api/v1/statuses/1000/context', { status: 500, body: 'oops' });
  const links = (await stack.store.remoteLinks.get('demo', PAGE))!;
  await stack.store.remoteLinks.put(links, { ...links, nextAt: new Date().toISOString() });
  expect(await stack.refresh.runNow()).toMatchObject({ failed: 1, removed: 0 });
  // Another view and back: the list is read again.
  await admin.getByRole('button', { name: 'Log', exact: true }).click();
  await admin.getByRole('button', { name: 'Settings', exact: true }).click();
  await section.locator('li', { hasText: 'last fetch failed' }).waitFor();

  await section.getByRole('button', { name: 'Unlink' }).click();
  await section.getByText('No page is linked.').waitFor();
  expect((await stack.store.remoteLinks.get('demo', PAGE))?.posts).toEqual([]);
}, 60_000);
