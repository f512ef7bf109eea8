/** Set-up errors in real Chromium: the demo post on an origin the site does not allow, and a mistyped data-site. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, test, vi } from 'vitest';
import { type DemoServer, startDemoServer } from '../../demo-site/server.js';
import type { Stack } from '../../scripts/stack.js';
import { launchBrowser, startTestStack } from '../support/browser.js';
import { open, ready } from './widget.support.js';

vi.setConfig({ testTimeout: 60_000 });

let stack: Stack;
let browser: Browser;
/** The same demo blog on a second origin, as a blog owner's `hugo server` would be: one the site does not allow. */
let elsewhere: DemoServer;
let apiUrl: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  apiUrl = `http://localhost:${new URL(stack.api.url).port}`;
  elsewhere = await startDemoServer({ port: 0, apiUrl });
});

afterAll(async () => {
  await browser?.close();
  await elsewhere?.close();
  await stack?.stop();
});

describe('set-up errors a blog owner can read', () => {
  test('a page on an origin the site does not allow names that origin and the command that adds it', async () => {
    const origin = elsewhere.url;
    const { page, ctx } = await open(browser, `${origin}/posts/hello-world/`);
    const alert = page.locator('#afterword').getByRole('alert');
    await alert
      .getByText(
        `This page’s address, ${origin}, is not among the allowed origins of the site “demo”. ` +
          `The site owner can add it with: npx afterword site set demo --origin ${origin}`,
      )
      .waitFor();
    // The owner does what it says; "Try again" then shows the thread.
    const demo = await stack.store.sites.get('demo');
    await stack.store.sites.put('demo', { origins: [...(demo?.origins ?? []), origin] }, 'update');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await ready(page);
    await ctx.close();
  });

  test('a mistyped data-site names the site id it asked for', async () => {
    // The blog's own post, on an origin the site allows, with a typo in the embed's data-site.
    const root = mkdtempSync(join(tmpdir(), 'afterword-typo-'));
    mkdirSync(join(root, 'posts/typo'), { recursive: true });
    writeFileSync(
      join(root, 'posts/typo/index.html'),
      [
        '<!--page',
        'title: A post with a typo in its embed',
        'script: <script src="{{API_URL}}/embed.js" data-site="dmeo" async></script>',
        '-->',
        '<article><h1>A post with a typo in its embed</h1><p>The comments should be below.</p></article>',
        '<div class="comments"><div id="afterword"></div></div>',
      ].join('\n'),
    );
    const blog = await startDemoServer({ port: 0, apiUrl, root });
    try {
      const demo = await stack.store.sites.get('demo');
      await stack.store.sites.put('demo', { origins: [...(demo?.origins ?? []), blog.url] }, 'update');
      const { page, ctx } = await open(browser, `${blog.url}/posts/typo/`);
      await page
        .locator('#afterword')
        .getByRole('alert')
        .getByText(
          'Comments are not set up for this website. The comment service has no site “dmeo”; the site owner ' +
            'can check data-site in the embed script (npx afterword site list shows the sites).',
        )
        .waitFor();
      await ctx.close();
    } finally {
      await blog.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
