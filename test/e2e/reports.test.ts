/**
 * Reader reports in real Chromium against the npm start stack: a reader reports a comment with a reason from
 * the widget's dialog; a second reader (another client address) reports it and, at the site's threshold of 2,
 * it is held; the moderator sees both reasons in the admin's Reported view (axe-clean, screenshot) and
 * dismisses them, which publishes it again. Then issue 16's whole path at once: two readers' reports hold an
 * author's comment, the moderator sees both reasons, opens the author's history from it, removes it with a
 * reason and tells the author, whose mail carries the reason and a review link that returns it to the queue.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack.js';
import { axeViolations } from '../support/axe.js';
import { artifactPath, launchBrowser, startTestStack } from '../support/browser.js';
import { confirmAuthor, mailTo } from './mail.support.js';
import { published, seed, until } from './widget.support.js';

const DIST = resolve(import.meta.dirname, '../../widget/dist');
const PAGE = '/posts/reported/';

let stack: Stack;
let browser: Browser;
let api: string;
/** The API as a second client sees it: a loopback relay whose connections come from 127.0.0.2. */
let otherApi: string;
let relay: TcpServer;
let blog: string;
let blogServer: Server;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  for (const f of ['embed.js', 'report.js', 'admin/index.html'])
    if (!existsSync(resolve(DIST, f)))
      throw new Error(`widget/dist/${f} is missing: run \`npm run build\` first`);
  stack = await startTestStack();
  const port = Number(new URL(stack.api.url).port);
  api = `http://localhost:${port}`;
  relay = createTcpServer((c) => {
    const up = connect({ host: '127.0.0.1', port, localAddress: '127.0.0.2' });
    c.pipe(up).pipe(c);
    c.on('error', () => up.destroy());
    up.on('error', () => c.destroy());
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
  otherApi = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
  blogServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://blog');
    const from = url.searchParams.get('via') === 'other' ? otherApi : api;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(postHtml(url.pathname, from));
  });
  await new Promise<void>((r) => blogServer.listen(0, '127.0.0.1', r));
  blog = `http://localhost:${(blogServer.address() as AddressInfo).port}`;
  const site = await stack.store.sites.get('demo');
  await stack.store.sites.put(
    'demo',
    { moderation: 'none', reportThreshold: 2, origins: [...(site?.origins ?? []), blog] },
    'update',
  );
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
  if (relay) await new Promise((r) => relay.close(r));
  if (blogServer) await new Promise((r) => blogServer.close(r));
});

function postHtml(path: string, from: string): string {
  // A blog that lets its page show through the widget (as the demo blog does): the dialog must not.
  return `<!doctype html><html lang="en"><head><title>Post ${path}</title>
<style>#afterword{--afterword-bg:transparent}</style></head><body><main><h1>A post</h1>
<div id="afterword"></div></main><script src="${from}/embed.js" data-site="demo" data-page="${path}" async></script></body></html>`;
}

async function moderator(): Promise<Page> {
  const { page: admin } = await newPage(1280, 900);
  await admin.goto(`${api}/admin/`);
  await admin.getByLabel('Email').fill(stack.demoModerator.email);
  await admin.getByLabel('Password').fill(stack.demoModerator.password);
  await admin.getByRole('button', { name: 'Log in' }).click();
  await admin.getByRole('button', { name: /pending$/ }).waitFor();
  return admin;
}

async function newPage(width = 1000, height = 900): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width, height } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  return { page, requests };
}

/** A reader opens the post, follows the comment's permalink (its time), and reports it with `reason`. */
async function reportAs(via: 'self' | 'other', id: string, reason: RegExp, text?: string) {
  const { page, requests } = await newPage();
  await page.goto(`${blog}${PAGE}${via === 'other' ? '?via=other' : ''}`);
  const item = page.locator(`#comment-${id}`);
  await item.locator('.body').waitFor();
  // The first view carries no report code at all; the dialog comes on the first click of Report.
  expect(requests.some((u) => u.endsWith('/report.js'))).toBe(false);
  await item.locator(`a[href="#comment-${id}"]`).click();
  const action = item.getByRole('button', { name: 'Report' });
  await action.click();
  const dialog = page.getByRole('dialog', { name: 'Report this comment' });
  await dialog.waitFor();
  // Opaque over the thread, whatever background the blog gives the widget.
  expect(await dialog.evaluate((d) => getComputedStyle(d).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
  expect(requests.some((u) => u.endsWith('/report.js'))).toBe(true);
  // Focus is in the dialog (its first reason), and every field has its label.
  expect(
    await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('name')),
  ).toBe('reason');
  await dialog.getByLabel(reason).check();
  if (text) await dialog.getByLabel('Anything to add? (optional)').fill(text);
  if (via === 'self') {
    await page.screenshot({ path: artifactPath('widget-report-dialog.png') });
    // The open dialog (in the widget's shadow root) has nothing axe finds wrong.
    expect(await axeViolations(page)).toEqual([]);
  }
  const sent = page.waitForResponse((r) => r.url().endsWith(`/comments/${id}/report`));
  await dialog.getByRole('button', { name: 'Send report' }).click();
  expect((await sent).status()).toBe(201);
  await dialog.waitFor({ state: 'detached' });
  await item.getByRole('button', { name: 'Reported' }).waitFor();
  expect(await item.getByRole('button', { name: 'Reported' }).getAttribute('aria-disabled')).toBe('true');
  // Focus went back to the action that opened the dialog.
  expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.className)).toBe('rp');
  return page;
}

describe('reader reports in Chromium', () => {
  let id = '';

  it('two readers report a comment with their reasons; at the threshold of 2 it is held', async () => {
    id = (await seed(stack, PAGE, 'You are all idiots, and here is why.')).comment.id;
    await seed(stack, PAGE, 'A kind neighbour.');
    await published(stack, PAGE, (f) => f.comments.length === 2);

    await reportAs('self', id, /Abuse or harassment/, 'Insults every other reader');
    expect(await stack.store.reports.summary(id)).toMatchObject({ count: 1, reasons: { abuse: 1 } });
    expect((await stack.store.comments.read(id))?.status).toBe('approved');

    await reportAs('other', id, /^Spam$/);
    await until(async () => (await stack.store.comments.read(id))?.status).toBe('pending');
    expect((await stack.store.comments.read(id))?.spamReasons).toContain('reports');
    expect((await stack.store.threads.getPage('demo', PAGE))?.count).toBe(1);
    // Readers no longer see it.
    await published(stack, PAGE, (f) => !f.comments.some((c) => c.id === id));
  }, 90_000);

  it('the moderator sees both reasons in the Reported view (axe-clean), and dismissing publishes it again', async () => {
    const admin = await moderator();
    await admin.getByRole('button', { name: 'reported', exact: true }).click();
    const row = admin.locator('li.row', { hasText: 'You are all idiots' });
    await row.waitFor();
    await row.getByText('2 reports').waitFor();
    await row.getByText('held by reports').waitFor();
    const reports = row.getByRole('list', { name: /^Reports of the comment/ });
    await reports.getByText('Abuse or harassment').waitFor();
    await reports.getByText('Spam').waitFor();
    await reports.getByText('Insults every other reader').waitFor();
    await admin.screenshot({ path: artifactPath('admin-reported.png'), fullPage: true });
    expect(await axeViolations(admin)).toEqual([]);

    await row.getByRole('button', { name: 'Dismiss reports and publish' }).click();
    await admin.getByText('No reported comments').waitFor();
    expect((await stack.store.comments.read(id))?.status).toBe('approved');
    expect((await stack.store.threads.getPage('demo', PAGE))?.count).toBe(2);
  }, 60_000);

  it('reports hold an author’s comment; the moderator opens the history, removes it with a reason, and the author’s mail leads back to the queue', async () => {
    const author = { name: 'Rita', email: 'rita@example.com' };
    const earlier = (await seed(stack, PAGE, 'Rita on an earlier day, kindly.', { author })).comment.id;
    const target = (await seed(stack, PAGE, 'Buy cheap watches at my shop, everyone!', { author })).comment
      .id;
    await confirmAuthor(stack, earlier, author.email);
    await published(stack, PAGE, (f) => f.comments.some((c) => c.id === target));

    await reportAs('self', target, /^Spam$/, 'An advert for a shop');
    await reportAs('other', target, /Off-topic/);
    await until(async () => (await stack.store.comments.read(target))?.status).toBe('pending');

    const admin = await moderator();
    await admin.getByRole('button', { name: 'reported', exact: true }).click();
    const row = admin.locator('li.row', { hasText: 'Buy cheap watches' });
    await row.getByText('held by reports').waitFor();
    const reports = row.getByRole('list', { name: /^Reports of the comment/ });
    await reports.getByText('Spam').waitFor();
    await reports.getByText('Off-topic').waitFor();
    await reports.getByText('An advert for a shop').waitFor();

    // The author's history, from the reported comment: both of Rita's comments, and back.
    await row.getByRole('button', { name: 'Author history' }).click();
    const history = admin.getByRole('region', { name: /^Rita/ });
    await history.getByText('Rita on an earlier day, kindly.').waitFor();
    await history.getByText('Buy cheap watches at my shop, everyone!').waitFor();
    await history.getByRole('button', { name: '← Back to the queue' }).click();
    await admin.getByRole('heading', { name: 'Reported by readers' }).waitFor();

    // Removed with a reason, and Rita told (her address is confirmed, so the box starts ticked).
    const again = admin.locator('li.row', { hasText: 'Buy cheap watches' });
    await again.getByRole('button', { name: 'Delete comment' }).click();
    const why = again.getByRole('form', { name: 'Why' });
    await until(() => why.getByLabel('Spam').isChecked()).toBe(true);
    await why.getByLabel('In your words (optional)').fill('Adverts are not comments.');
    await until(() => why.getByLabel(/Tell the author by mail, with the reason/).isChecked()).toBe(true);
    expect(await axeViolations(admin)).toEqual([]);
    const sent = admin.waitForResponse((r) => r.url().endsWith(`/comments/${target}/status`));
    await why.getByRole('button', { name: 'Delete with this reason' }).click();
    expect((await sent).status()).toBe(200);
    await until(async () => (await stack.store.comments.read(target))?.status).toBe('deleted');
    expect((await stack.store.threads.getPage('demo', PAGE))?.count).toBe(3);

    const mail = await mailTo(stack, author.email, /was removed/);
    expect(mail.text).toContain('Reason: Spam or advertising: Adverts are not comments.');
    const review = /^Ask for a review: (\S+)$/m.exec(mail.text ?? '')![1]!;
    expect((await fetch(review, { method: 'POST' })).status).toBe(200);
    expect((await stack.store.comments.read(target))?.status).toBe('pending');
    // Once: the link does not work a second time.
    expect((await fetch(review, { method: 'POST' })).status).not.toBe(200);
  }, 120_000);
});
