/**
 * Issue 18, acceptance 4, in real Chromium against the npm start stack: a demo blog post linked to a (fake)
 * Mastodon status and a (fake) Bluesky post; after the stack's refresher runs, the widget shows their replies
 * nested as at the source, each with its source badge linking to the original, its account's handle linking to
 * its profile and "Reply on …" (new tab, noopener nofollow ugc). A moderator hides one in the admin page (the
 * queue shows its source and handle) and bans its account; the next refresh neither brings it back nor lets
 * the account's new reply in, while another account's reply still comes. The page's Webmention likes and
 * reposts show as a line under the heading.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeBluesky,
  type FakeMastodon,
  startFakeBluesky,
  startFakeMastodon,
} from '../../api/src/domain/remote/fakes.testkit.js';
import type { Stack } from '../../scripts/stack.js';
import { axeViolations } from '../support/axe.js';
import { artifactPath, launchBrowser, startTestStack } from '../support/browser.js';
import { type Opened, open, published, ready, until } from './widget.support.js';

const DIST = resolve(import.meta.dirname, '../../widget/dist');
const PAGE = '/posts/dark-mode/';

let stack: Stack;
let browser: Browser;
let masto: FakeMastodon;
let bsky: FakeBluesky;
const opened: Opened[] = [];

/** The page's links due now, then one run of the stack's own refresher. */
async function refresh() {
  const links = await stack.store.remoteLinks.get('demo', PAGE);
  if (links) await stack.store.remoteLinks.put(links, { ...links, nextAt: new Date().toISOString() });
  return stack.refresh.runNow();
}

async function reader(): Promise<Page> {
  const o = await open(browser, `${stack.demo.url}${PAGE}`);
  opened.push(o);
  await ready(o.page);
  return o.page;
}

beforeAll(async () => {
  for (const f of ['embed.js', 'remote.js', 'admin/index.html'])
    if (!existsSync(resolve(DIST, f)))
      throw new Error(`widget/dist/${f} is missing: run \`npm run build\` first`);
  [masto, bsky] = await Promise.all([startFakeMastodon(), startFakeBluesky()]);
  // The allow-list lets the refresher reach the fakes on loopback; Bluesky's AppView is the fake's.
  stack = await startTestStack(undefined, {
    outboundAllow: [masto.server.host, bsky.server.host],
    blueskyApiUrl: bsky.server.origin,
  });
  masto.statuses = [
    { id: '5001', inReplyTo: '1000', acct: 'ann', name: 'Ann', content: '<p>Buy cheap pills here</p>' },
    { id: '5002', inReplyTo: '1000', acct: 'bob', name: 'Bob', content: '<p>Lovely dark theme</p>' },
    { id: '5003', inReplyTo: '5002', acct: 'cy@other.example', name: 'Cy', content: '<p>Agreed, Bob</p>' },
  ];
  bsky.posts = [
    { rkey: 'e1', handle: 'dee.bsky.social', name: 'Dee', text: 'Bluesky says hi' },
    { rkey: 'e2', parent: 'e1', handle: 'eli.bsky.social', name: 'Eli', text: 'Nested on Bluesky' },
  ];
  const now = new Date().toISOString();
  await stack.store.remoteLinks.link(
    'demo',
    PAGE,
    { source: 'mastodon', url: masto.statusUrl, by: 'moderator' },
    now,
  );
  await stack.store.remoteLinks.link(
    'demo',
    PAGE,
    { source: 'bluesky', url: bsky.postUrl, by: 'moderator' },
    now,
  );
  // Two other blogs like the post and one reposts it (Webmentions, as verified ones are counted).
  for (const [n, kind] of [
    [1, 'like'],
    [2, 'like'],
    [3, 'repost'],
  ] as const) {
    const source = `https://blog${n}.example/notes/${n}`;
    await stack.store.webmentions.setMention(
      { site: 'demo', page: PAGE, source, sourceHash: `src${n}` },
      kind,
      now,
    );
  }
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  for (const o of opened) await o.ctx.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
  await Promise.all([masto?.close(), bsky?.close()]);
});

const item = (page: Page, text: string) => page.locator('#afterword li', { hasText: text }).first();
const article = (page: Page, text: string) => item(page, text).locator(':scope > article');

describe('replies from Mastodon and Bluesky in the demo blog', () => {
  it('show after a refresh nested as at the source, with badges, handles and links', async () => {
    expect(await refresh()).toMatchObject({ pages: 1, created: 5, failed: 0 });
    await published(stack, PAGE, (f) => f.comments.length === 5);
    const page = await reader();
    await page.locator('#afterword h2', { hasText: '5 comments' }).waitFor();

    // Nesting as at the source: Cy under Bob, Eli under Dee.
    await item(page, 'Lovely dark theme').locator('ol li', { hasText: 'Agreed, Bob' }).waitFor();
    await item(page, 'Bluesky says hi').locator('ol li', { hasText: 'Nested on Bluesky' }).waitFor();

    const bob = article(page, 'Lovely dark theme');
    const badge = bob.locator(':scope > .meta a.src');
    await badge.waitFor();
    expect(await badge.textContent()).toBe('Mastodon');
    expect(await badge.getAttribute('href')).toBe('https://social.example/@bob/5002');
    expect(await badge.getAttribute('title')).toBe('View the original on Mastodon');
    const handle = bob.locator(':scope > .meta a.hd');
    expect(await handle.textContent()).toBe('@bob@social.example');
    expect(await handle.getAttribute('href')).toBe('https://social.example/@bob');
    const replyOn = bob.locator(':scope > .acts a', { hasText: 'Reply on Mastodon' });
    expect(await replyOn.getAttribute('href')).toBe('https://social.example/@bob/5002');
    for (const a of [badge, handle, replyOn]) {
      expect(await a.getAttribute('rel')).toBe('noopener nofollow ugc');
      expect(await a.getAttribute('target')).toBe('_blank');
    }

    const dee = article(page, 'Bluesky says hi');
    expect(await dee.locator(':scope > .meta a.src').textContent()).toBe('Bluesky');
    expect(await dee.locator(':scope > .meta a.hd').textContent()).toBe('@dee.bsky.social');
    expect(await dee.locator(':scope > .acts a', { hasText: 'Reply on Bluesky' }).getAttribute('href')).toBe(
      'https://bsky.app/profile/dee.bsky.social/post/e1',
    );
    // The page's Webmention likes and reposts, under the heading.
    expect(await page.locator('#afterword [part=mentions]').textContent()).toBe('2 likes · 1 repost');
    // Every remote reply got its badge (also the nested ones), each once.
    expect(await page.locator('#afterword a.src').count()).toBe(5);
    // They stay, once each, as the thread renders again: another order, a reply composer opened under one.
    await page.locator('#afterword select').selectOption('newest');
    await until(() => page.locator('#afterword .list > li').first().textContent()).toContain('Bob');
    await bob.locator(':scope > .acts').getByRole('button', { name: 'Reply', exact: true }).click();
    await bob.locator('form').waitFor();
    expect(await page.locator('#afterword a.src').count()).toBe(5);
    expect(await page.locator('#afterword a.hd').count()).toBe(5);
    expect(await page.locator('#afterword .acts a', { hasText: /^Reply on / }).count()).toBe(5);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#afterword').screenshot({ path: artifactPath('remote-replies.png') });
  }, 60_000);

  it('a moderator hides one and bans its account; the next refresh does not bring it back', async () => {
    const { page: admin } = await open(browser, `${stack.api.url.replace('127.0.0.1', 'localhost')}/admin/`);
    await admin.getByLabel('Email').fill(stack.demoModerator.email);
    await admin.getByLabel('Password').fill(stack.demoModerator.password);
    await admin.getByRole('button', { name: 'Log in' }).click();
    await admin.getByRole('button', { name: /approved$/ }).click();
    const row = admin.locator('li.row', { hasText: 'Buy cheap pills here' });
    // The queue names the source and the account there.
    await row.locator('.remote', { hasText: 'Mastodon' }).waitFor();
    await row.locator('.remote', { hasText: '@ann@social.example' }).waitFor();

    await row.getByRole('button', { name: 'Spam' }).click();
    await row.getByRole('button', { name: 'Mark as spam' }).click();
    await row.waitFor({ state: 'detached' });
    await admin.getByRole('button', { name: /spam$/ }).click();
    const hidden = admin.locator('li.row', { hasText: 'Buy cheap pills here' });
    await hidden.getByRole('button', { name: 'Ban author' }).click();
    expect(await hidden.locator('select[name=ban-what] option:checked').textContent()).toBe(
      'the Mastodon account @ann@social.example',
    );
    await hidden.locator('select[name=ban-days]').selectOption('forever');
    await hidden.getByRole('button', { name: 'Ban', exact: true }).click();
    await admin.getByText('Banned Ann').first().waitFor();
    const bans = await stack.store.bans.list('demo', new Date());
    expect(bans.map((b) => b.kind).sort()).toEqual(['client', 'email']);

    // At the source: Ann writes again; Fay, not banned, replies too.
    masto.statuses = [
      ...masto.statuses,
      { id: '5004', inReplyTo: '1000', acct: 'ann', name: 'Ann', content: '<p>Even cheaper pills</p>' },
      { id: '5005', inReplyTo: '1000', acct: 'fay', name: 'Fay', content: '<p>Fay was here</p>' },
    ];
    expect(await refresh()).toMatchObject({ pages: 1, created: 1, refused: 1, removed: 0, failed: 0 });
    await published(stack, PAGE, (f) => f.comments.some((c) => c.html.includes('Fay was here')));
    const page = await reader();
    await item(page, 'Fay was here').locator('a.src').waitFor();
    await until(() => page.locator('#afterword h2').textContent()).toBe('5 comments');
    expect(await page.locator('#afterword').textContent()).not.toMatch(/pills/);
    const ann = (await stack.store.moderation.queue({ site: 'demo', status: 'spam', limit: 10 })).comments;
    expect(ann.map((c) => c.html)).toEqual(['<p>Buy cheap pills here</p>']);
  }, 60_000);
});
