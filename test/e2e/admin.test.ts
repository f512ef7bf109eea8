/**
 * The admin page in real Chromium against the npm start stack: log in, approve a comment posted through the
 * widget, bulk-spam, ban, lock, change a setting, keyboard shortcuts; axe-core finds nothing; screenshots.
 * Then what the lists name: bans by who, queue rows with page link and parent, the log by comment and by
 * changed setting, the Data tab's import outcome and path-mapping dry run.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpCaller } from '../../api/src/testing/clients.js';
import { postComment } from '../../api/src/testing/comments.js';
import type { Stack } from '../../scripts/stack.js';
import { axeViolations } from '../support/axe.js';
import { artifactPath, launchBrowser, startTestStack } from '../support/browser.js';
import { published, until } from './widget.support.js';

const DIST = resolve(import.meta.dirname, '../../widget/dist');

let stack: Stack;
let browser: Browser;
let api: string;
let blog: string;
let blogServer: Server;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  for (const f of ['embed.js', 'admin/index.html'])
    if (!existsSync(resolve(DIST, f)))
      throw new Error(`widget/dist/${f} is missing: run \`npm run build\` first`);
  stack = await startTestStack();
  api = `http://localhost:${new URL(stack.api.url).port}`;
  blogServer = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(postHtml(req.url ?? '/'));
  });
  await new Promise<void>((r) => blogServer.listen(0, '127.0.0.1', r));
  blog = `http://localhost:${(blogServer.address() as AddressInfo).port}`;
  const site = await stack.store.sites.get('demo');
  await stack.store.sites.put(
    'demo',
    { moderation: 'all', origins: [...(site?.origins ?? []), blog], spam: { minComposeSec: 3 } },
    'update',
  );
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
  if (blogServer) await new Promise((r) => blogServer.close(r));
});

async function newPage(width = 1280, height = 900): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Blog posts that embed the widget, served on a loopback origin of their own that the demo site allows. */
function postHtml(path: string): string {
  return `<!doctype html><html lang="en"><head><title>Post ${path}</title></head><body><main><h1>A post</h1>
<div id="afterword"></div></main><script src="${api}/embed.js" data-site="demo" data-page="${path}" async></script></body></html>`;
}

async function readerAt(path: string): Promise<Page> {
  const p = await newPage(900, 900);
  await p.goto(`${blog}${path}`);
  return p;
}

async function composer(p: Page): Promise<Page> {
  await p.locator('textarea[name=body]').waitFor();
  return p;
}

async function postThroughWidget(p: Page, body: string, name: string, email: string) {
  await composer(p);
  await p.locator('textarea[name=body]').fill(body);
  await p.locator('input[name=name]').fill(name);
  await p.locator('input[name=email]').fill(email);
  const response = p.waitForResponse(
    (r) => r.url().endsWith('/api/v1/comments') && r.request().method() === 'POST',
  );
  await p.locator('button[type=submit]').click();
  return response;
}

/** Posts straight to the API from the blog's origin, as a browser there would. */
async function postThroughApi(page: string, body: string, name = 'Spammer') {
  const res = await postComment(
    httpCaller(stack.api.url),
    { site: 'demo', page, body, author: { name } },
    { origin: blog },
  );
  expect(res.status, res.text).toBeLessThan(300);
  return res.json.comment.id as string;
}

const pendingButton = (admin: Page) => admin.getByRole('button', { name: /pending$/ });
const row = (admin: Page, text: string) => admin.locator('li.row', { hasText: text });

describe('the admin page in Chromium', () => {
  let admin: Page;
  const adminErrors: string[] = [];

  it('logs in (axe-clean login page) and sees a comment posted through the widget', async () => {
    const reader = await readerAt('/posts/e2e/');
    const res = await postThroughWidget(
      reader,
      'Hello from the widget, *moderator*!',
      'Wendy',
      'wendy@example.com',
    );
    expect(res.status()).toBe(202);
    await reader.getByText('Your comment is awaiting moderation.').first().waitFor();

    admin = await newPage();
    admin.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) adminErrors.push(m.text());
    });
    admin.on('pageerror', (e) => adminErrors.push(e.message));
    admin.on('response', (r) => {
      // 401 (not logged in yet, a wrong password) and 403 are answers the page expects.
      if (r.status() >= 400 && ![401, 403].includes(r.status())) adminErrors.push(`${r.status()} ${r.url()}`);
    });
    admin.on('request', (r) => {
      if (!r.url().startsWith(api)) adminErrors.push(`external request: ${r.url()}`);
    });
    await admin.goto(`${api}/admin/`);
    await admin.getByLabel('Email').waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await admin.getByLabel('Password').fill('not the password');
    await admin.getByLabel('Email').fill(stack.demoModerator.email);
    await admin.getByRole('button', { name: 'Log in' }).click();
    await admin.getByRole('alert').waitFor();
    await admin.getByLabel('Password').fill(stack.demoModerator.password);
    await admin.getByRole('button', { name: 'Log in' }).click();
    await row(admin, 'Hello from the widget').waitFor();
    // The comment's HTML is the server's sanitized rendering.
    expect(await row(admin, 'Hello from the widget').locator('.body em').textContent()).toBe('moderator');
  }, 90_000);

  it('approves it, and a new reader sees it in the widget', async () => {
    await row(admin, 'Hello from the widget').getByRole('button', { name: 'Approve' }).click();
    await row(admin, 'Hello from the widget').waitFor({ state: 'detached' });
    // A new reader reads the thread file: once it holds the approved comment (publishing may lag on a busy machine).
    await published(stack, '/posts/e2e/', (f) =>
      f.comments.some((c) => c.html.includes('Hello from the widget')),
    );
    const fresh = await readerAt('/posts/e2e/');
    await fresh.getByText('Hello from the widget,').first().waitFor();
    const stored = await stack.store.moderation.counts('demo');
    expect(stored.approved).toBe(1);
  }, 60_000);

  it('bulk-spams three comments; screenshots of the queue; axe-clean queue', async () => {
    for (const n of ['one', 'two', 'three']) await postThroughApi('/posts/e2e/', `Cheap pills ${n}`);
    await pendingButton(admin).click();
    for (const n of ['one', 'two', 'three']) await row(admin, `Cheap pills ${n}`).waitFor();
    await admin.screenshot({ path: artifactPath('admin-queue.png'), fullPage: true });
    expect(await axeViolations(admin)).toEqual([]);
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.screenshot({ path: artifactPath('admin-queue-mobile.png'), fullPage: true });
    await admin.setViewportSize({ width: 1280, height: 900 });
    for (const n of ['one', 'two', 'three'])
      await row(admin, `Cheap pills ${n}`).getByRole('checkbox').check();
    await admin.getByText('3 selected').first().waitFor();
    await admin.getByRole('button', { name: 'Spam selected' }).click();
    // A removal asks why: spam is the preset for a bulk spam.
    await admin.getByRole('form', { name: 'Why' }).getByRole('button', { name: 'Mark 3 selected' }).click();
    await admin.getByText('3 of 3 marked as spam').first().waitFor();
    await row(admin, 'Cheap pills one').waitFor({ state: 'detached' });
    const counts = await stack.store.moderation.counts('demo');
    expect(counts).toMatchObject({ spam: 3, pending: 0, approved: 1 });
    await admin.getByRole('button', { name: /spam$/ }).click();
    await row(admin, 'Cheap pills two').waitFor();
  }, 60_000);

  it('moderates with the keyboard: j/k move, x selects, a approves, ? shows help', async () => {
    await postThroughApi('/posts/keys/', 'Keyboard first');
    await postThroughApi('/posts/keys/', 'Keyboard second');
    await pendingButton(admin).click();
    await row(admin, 'Keyboard second').waitFor();
    await admin.locator('body').click({ position: { x: 5, y: 5 } });
    await admin.keyboard.press('?');
    await admin.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await admin.keyboard.press('Escape');
    // Newest first: "second" is on top; j moves to "first", x selects it, k back up, a approves "second".
    await admin.keyboard.press('j');
    await admin.keyboard.press('x');
    await admin.getByText('1 selected').first().waitFor();
    await admin.keyboard.press('k');
    await admin.keyboard.press('a');
    await admin.getByText('Approved:').first().waitFor();
    await row(admin, 'Keyboard second').waitFor({ state: 'detached' });
    const second = await stack.store.moderation.queue({
      site: 'demo',
      status: 'approved',
      limit: 10,
      q: 'Keyboard second',
    });
    expect(second.comments).toHaveLength(1);
  }, 60_000);

  it('bans an author by email, and their next post is quietly kept as spam (the answer tells nothing)', async () => {
    const reader = await readerAt('/posts/e2e/');
    expect((await postThroughWidget(reader, 'Troll post one', 'Troll', 'troll@example.com')).status()).toBe(
      202,
    );
    await pendingButton(admin).click();
    const r = row(admin, 'Troll post one');
    await r.getByRole('button', { name: 'Ban author' }).click();
    await r.locator('select[name=ban-what]').selectOption('email');
    await r.locator('select[name=ban-days]').selectOption('7');
    await r.getByRole('button', { name: 'Ban', exact: true }).click();
    await admin.getByText('Banned Troll for 7 days').first().waitFor();
    const again = await postThroughWidget(reader, 'Troll post two', 'Troll', 'troll@example.com');
    expect(again.status()).toBe(202);
    expect(JSON.stringify(await again.json())).not.toMatch(/banned|until/);
    // Someone else from the same client still may.
    expect((await postThroughWidget(reader, 'A kind word', 'Kim', 'kim@example.com')).status()).toBe(202);
  }, 60_000);

  it('locks a thread: the widget says so and posts are refused', async () => {
    await row(admin, 'Troll post one').getByRole('button', { name: 'Lock thread' }).click();
    await admin.getByText('Locked /posts/e2e/').first().waitFor();
    await published(stack, '/posts/e2e/', (f) => f.page.locked);
    const reader = await readerAt('/posts/e2e/');
    await reader.getByText('Comments are closed for this page.').first().waitFor();
    const refused = await httpCaller(stack.api.url)('POST', '/api/v1/comments', {
      body: { site: 'demo', page: '/posts/e2e/', body: 'too late' },
      headers: { origin: blog },
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('thread_locked');
  }, 60_000);

  it('changes a setting (moderation off) and the next comment is published at once', async () => {
    await admin.getByRole('button', { name: 'Settings' }).click();
    await admin.getByLabel('Moderation').selectOption('none');
    expect(await axeViolations(admin)).toEqual([]);
    await admin.screenshot({ path: artifactPath('admin-settings.png'), fullPage: true });
    await admin.getByRole('button', { name: 'Save settings' }).click();
    await admin.getByText('Settings saved').first().waitFor();
    expect((await stack.store.sites.get('demo'))?.moderation).toBe('none');
    const reader = await newPage(900, 900);
    const thread = reader.waitForResponse(
      (r) => r.url().includes('/api/v1/comments?') && r.request().method() === 'GET',
    );
    await reader.goto(`${blog}/posts/open/`);
    // The site asks for 3 s between loading the thread (its compose token) and posting: count from the
    // thread's arrival, which on a busy machine comes well after the page's load event.
    await thread;
    await reader.waitForTimeout(3200);
    const res = await postThroughWidget(reader, 'Straight through now', 'Olga', 'olga@example.com');
    expect(res.status()).toBe(201);
    await published(stack, '/posts/open/', (f) =>
      f.comments.some((c) => c.html.includes('Straight through now')),
    );
    const fresh = await readerAt('/posts/open/');
    await fresh.getByText('Straight through now').first().waitFor();
  }, 60_000);

  it('made no external request and logged no error (its CSP allows only its own origin)', () => {
    expect(adminErrors).toEqual([]);
  });

  it('shows the moderation log (axe-clean), with who did what', async () => {
    await admin.getByRole('button', { name: 'Log', exact: true }).click();
    await admin.getByRole('heading', { name: 'Moderation log' }).waitFor();
    const text = await admin.locator('table.log').textContent();
    for (const what of ['→ approved', '→ spam', 'ban', 'lock', 'settings']) expect(text).toContain(what);
    expect(text).toContain(stack.demoModerator.email);
    expect(await axeViolations(admin)).toEqual([]);
    await admin.screenshot({ path: artifactPath('admin-log.png'), fullPage: true });
  }, 60_000);

  it('offers import, export and one author’s data on the Data tab (axe-clean)', async () => {
    await admin.getByRole('button', { name: 'Data', exact: true }).click();
    await admin.getByRole('heading', { name: 'Import comments' }).waitFor();
    await admin.getByRole('heading', { name: 'Export' }).waitFor();
    await admin.getByLabel('Author email').waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await admin.screenshot({ path: artifactPath('admin-data.png'), fullPage: true });
  }, 60_000);

  it('lists bans by who: the name, a masked email and the comment (excerpt, link to it), never the address', async () => {
    await admin.getByRole('button', { name: 'Settings', exact: true }).click();
    const ban = admin.locator('table.bans tbody tr', { hasText: 'Troll' });
    await ban.waitFor();
    expect(await ban.textContent()).toContain('t***@e***.com');
    const link = ban.getByRole('link', { name: /Troll post one/ });
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^${blog}/posts/e2e/#comment-[0-9a-z]{16}$`));
    expect(await admin.locator('main').textContent()).not.toContain('troll@example.com');
    expect(await axeViolations(admin)).toEqual([]);
    await ban.screenshot({ path: artifactPath('admin-bans.png') });
  }, 30_000);

  it('links a queue row to its page and shows the comment it replies to', async () => {
    const [parent] = (
      await stack.store.moderation.queue({
        site: 'demo',
        status: 'approved',
        limit: 5,
        q: 'Straight through',
      })
    ).comments;
    const res = await postComment(
      httpCaller(stack.api.url),
      {
        site: 'demo',
        page: '/posts/open/',
        parentId: parent?.id,
        body: 'I beg to differ',
        author: { name: 'Rita' },
      },
      { origin: blog },
    );
    expect(res.status, res.text).toBeLessThan(300);
    await admin.getByRole('button', { name: 'Queue', exact: true }).click();
    await admin.getByPlaceholder('/posts/hello/').fill('/posts/open/');
    await admin.locator('form.filters select').selectOption('');
    await admin.getByRole('button', { name: 'Filter', exact: true }).click();
    const r = row(admin, 'I beg to differ');
    await r.waitFor();
    expect((await r.locator('.parent').textContent())?.replace(/\s+/g, ' ')).toBe(
      'In reply to Olga: “Straight through now”',
    );
    expect(await r.getByRole('link', { name: '/posts/open/' }).getAttribute('href')).toBe(
      `${blog}/posts/open/`,
    );
  }, 30_000);

  it('an answer for an earlier filter that comes late never replaces the newer one', async () => {
    // The queue of every status on one page is asked for first, and its answer held back; then the page's
    // approved comments. The first answer, arriving last, must not take the list back.
    let held = 0;
    const slow = (u: URL) => u.pathname.endsWith('/queue') && !u.searchParams.has('status');
    await admin.route(
      (u) => slow(u) && u.searchParams.get('page') === '/posts/open/' && !u.searchParams.get('author'),
      async (route) => {
        held++;
        await new Promise((r) => setTimeout(r, 1500));
        await route.continue();
      },
    );
    await admin.getByRole('button', { name: 'Queue', exact: true }).click();
    await admin.getByPlaceholder('/posts/hello/').fill('/posts/open/');
    await admin.locator('form.filters select').selectOption('');
    await admin.getByRole('button', { name: 'Filter', exact: true }).click();
    await admin.getByPlaceholder('email or name').fill('Olga');
    await admin.getByRole('button', { name: 'Filter', exact: true }).click();
    await until(() => admin.locator('li.row').count()).toBe(1);
    await until(() => held).toBeGreaterThan(0);
    // Past the held answer: still Olga's comment alone, never Rita's reply from the wider filter.
    await new Promise((r) => setTimeout(r, 2000));
    expect(await admin.locator('li.row').allTextContents()).toHaveLength(1);
    expect(await row(admin, 'I beg to differ').count()).toBe(0);
    await admin.unrouteAll({ behavior: 'wait' });
    await admin.getByPlaceholder('email or name').fill('');
    await admin.getByRole('button', { name: 'Filter', exact: true }).click();
  }, 30_000);

  it('names comments in the log by author and excerpt, and a settings save by what it changed', async () => {
    await admin.getByRole('button', { name: 'Log', exact: true }).click();
    const log = admin.locator('table.log');
    await log.locator('tr', { hasText: 'Wendy' }).first().waitFor();
    const approved = log.locator('tr', { hasText: '→ approved' }).filter({ hasText: 'Wendy' });
    expect(await approved.textContent()).toContain('Wendy: “Hello from the widget, moderator!”');
    const [wendy] = (
      await stack.store.moderation.queue({ site: 'demo', status: 'approved', limit: 5, q: 'Hello from' })
    ).comments;
    expect(await log.textContent()).not.toContain(wendy?.id ?? '?');
    // The save sent every field; only moderation changed (all → none).
    const settings = log.locator('tr', { hasText: 'settings' });
    expect((await settings.locator('ul.changes').textContent())?.replace(/\s+/g, ' ')).toBe(
      'moderation: all → none',
    );
  }, 30_000);

  it('keeps an import’s outcome on the Data tab: skipped records listed, an error in its place, not a toast', async () => {
    await admin.getByRole('button', { name: 'Data', exact: true }).click();
    // No format named: the file tells it.
    await admin.locator('select[name=format]').selectOption('');
    await admin.locator('input[name=file]').setInputFiles({
      name: 'blog.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(
        wxr([
          ['/2014/kept/', '1'],
          ['/2014/kept/', 'perhaps'],
        ]),
      ),
    });
    await admin.getByRole('button', { name: 'Import', exact: true }).click();
    const panel = admin.locator('.import-result');
    await panel.getByText('1 imported').waitFor();
    expect(await panel.locator('ul.problems li').count()).toBe(1);
    expect(await panel.locator('ul.problems').textContent()).toContain('perhaps');
    expect(await panel.textContent()).toContain('Read as WordPress (WXR).');
    // The wrong format named: refused, and the panel says what the file looks like.
    await admin.locator('select[name=format]').selectOption('waline');
    await admin.getByRole('button', { name: 'Import', exact: true }).click();
    await panel
      .and(admin.getByRole('alert'))
      .getByText('could not be read as Waline (JSON). It looks like a WordPress (WXR) file.')
      .waitFor();
    expect(await panel.count()).toBe(1);
    expect(await panel.textContent()).not.toContain('imported');
    // The toast would be gone after 4 s; the panel stays.
    await admin.waitForTimeout(4300);
    expect(await panel.textContent()).toContain('Import failed.');
    expect(await axeViolations(admin)).toEqual([]);
  }, 30_000);

  it('previews a path mapping (dry run, nothing written), then imports to the new paths', async () => {
    await admin.locator('select[name=format]').selectOption('wordpress');
    await admin.locator('input[name=file]').setInputFiles({
      name: 'moved.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(
        wxr(
          [
            ['/2014/moved/', '1'],
            ['/about/', '1'],
          ],
          10,
        ),
      ),
    });
    await admin.locator('textarea[name=map]').fill('/2014/*=/posts/*\n/never/=/used/');
    await admin.getByRole('button', { name: 'Preview the pages (dry run)' }).click();
    const table = admin.locator('table.mapping');
    await table.waitFor();
    const moved = table.locator('tr', { hasText: '/2014/moved/' });
    expect(await moved.locator('td').allTextContents()).toEqual([
      '/2014/moved/',
      '/posts/moved/',
      '1',
      '/2014/*=/posts/*',
    ]);
    expect(await table.locator('tr', { hasText: '/about/' }).textContent()).toContain('unchanged');
    const preview = await admin.locator('.import-result').textContent();
    expect(preview).toContain('Dry run, nothing written: 2 records read, 0 skipped, on 2 pages.');
    expect(preview).toContain('Rules that matched no page: /never/=/used/');
    expect((await stack.store.pages.many('demo', ['/posts/moved/', '/2014/moved/', '/about/'])).size).toBe(0);
    expect(await axeViolations(admin)).toEqual([]);
    await admin.screenshot({ path: artifactPath('admin-import-dry-run.png'), fullPage: true });
    await admin.getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(() => admin.locator('.import-result').textContent(), { timeout: 15_000 })
      .toContain('2 imported');
    expect([...(await stack.store.pages.many('demo', ['/posts/moved/', '/2014/moved/'])).keys()]).toEqual([
      '/posts/moved/',
    ]);
  }, 30_000);
});

/** A WordPress export (WXR) with one post per [path, comment_approved] pair, each with one comment (ids from `firstId`). */
function wxr(posts: Array<[string, string]>, firstId = 1): string {
  const items = posts.map(
    ([path, approved], i) => `<item><title>Post ${i}</title><link>https://old.example${path}</link>
<wp:comment><wp:comment_id>${firstId + i}</wp:comment_id><wp:comment_author>Reader ${firstId + i}</wp:comment_author>
<wp:comment_date_gmt>2014-03-${String(firstId + i).padStart(2, '0')} 10:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Imported comment ${i} on ${path}]]></wp:comment_content>
<wp:comment_approved>${approved}</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Old blog</title>
<link>https://old.example</link>${items.join('\n')}</channel></rss>`;
}
