/** Acceptance 3: a reply posted through the widget in Chromium on the npm start stack lands as a mail in the outbox. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Stack } from '../../scripts/stack.js';
import { artifactPath, launchBrowser, startTestStack } from '../support/browser.js';
import { open, ready, seed } from './widget.support.js';

let stack: Stack;
let browser: Browser;
const PAGE = '/posts/quiet-web/';

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function outbox(): Promise<ParsedMail[]> {
  const dir = join(stack.config.dataDir, 'outbox');
  let names: string[] = [];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.eml'))
      .sort();
  } catch {
    return [];
  }
  return Promise.all(names.map((n) => simpleParser(readFileSync(join(dir, n)))));
}

/** Waits for a mail to `to` whose subject matches. */
async function mailTo(to: string, subject: RegExp, timeoutMs = 15_000): Promise<ParsedMail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = (await outbox()).find(
      (m) => m.to && JSON.stringify(m.to).includes(to) && subject.test(m.subject ?? ''),
    );
    if (found) return found;
    if (Date.now() > until) throw new Error(`no mail to ${to} matching ${subject} in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('a reply through the widget mails the verified parent author, through the stream poller to the outbox', async () => {
  expect(stack.notify.mail).toContain(join(stack.config.dataDir, 'outbox'));
  const parent = await seed(stack, PAGE, 'Tell me when someone answers.', {
    author: { name: 'Alice', email: 'alice@example.com' },
    notify: true,
  });
  const verification = await mailTo('alice@example.com', /Confirm reply notifications/);
  const verify = /^Confirm reply notifications: (\S+)$/m.exec(verification.text ?? '')![1]!;
  expect(
    verify.startsWith(`http://localhost:${new URL(stack.api.url).port}/api/v1/subscriptions/verify?token=`),
  ).toBe(true);
  expect((await fetch(verify, { method: 'POST' })).status).toBe(200);

  const { page, errors, ctx } = await open(browser, `${stack.demo.url}${PAGE}`);
  await ready(page);
  const article = page
    .locator('#afterword article')
    .filter({ hasText: 'Tell me when someone answers.' })
    .first();
  await article.getByRole('button', { name: 'Reply', exact: true }).click();
  await article.locator('textarea[name=body]').fill('Here is your **answer**, Alice.');
  await article.locator('input[name=name]').fill('Bob');
  await article.getByRole('button', { name: 'Post comment' }).click();
  await page.locator('#afterword').getByText('Here is your answer, Alice.').waitFor();

  // The demo site's spam rules may hold a reply written within seconds of loading the page: then the
  // moderator's mail (also from the stream, to the outbox) approves it, and the reply mail follows.
  const all = await stack.store.threads.all('demo', PAGE, false);
  const posted = all.find((c) => c.body.includes('Here is your **answer**'))!;
  expect(posted.parentId).toBe(parent.comment.id);
  if (posted.status === 'pending') {
    const mod = await mailTo(stack.demoModerator.email, /waits for moderation/);
    const approve = /^Approve: (\S+)$/m.exec(mod.text ?? '')![1]!;
    expect((await fetch(approve, { method: 'POST' })).status).toBe(200);
  }
  const reply = await mailTo('alice@example.com', /^Bob replied to your comment/);
  await page.screenshot({ path: artifactPath('notify-reply.png'), fullPage: true });
  expect(reply.text).toContain('Here is your answer, Alice.');
  expect(reply.html).toContain('<strong>answer</strong>');
  const headers = reply.headerLines.map((l) => l.line.replace(/\r?\n(?=[ \t])/g, '')).join('\n');
  expect(headers).toMatch(
    /^List-Unsubscribe: <http:\/\/localhost:\d+\/api\/v1\/subscriptions\/unsubscribe\?token=[\w.-]+>$/m,
  );
  expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
  expect(errors).toEqual([]);
  expect(parent.comment.id).toBeTruthy();
  await ctx.close();
});
