/** Acceptance 3: a reply posted through the widget in Chromium on the npm start stack lands as a mail in the outbox. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Stack } from '../../scripts/stack.js';
import { artifactPath, launchBrowser, startTestStack } from '../support/browser.js';
import { open, ready } from './widget.support.js';

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
async function mailTo(to: string, subject: RegExp, timeoutMs = 15_000, text = ''): Promise<ParsedMail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = (await outbox()).find(
      (m) =>
        m.to &&
        JSON.stringify(m.to).includes(to) &&
        subject.test(m.subject ?? '') &&
        (m.text ?? '').includes(text),
    );
    if (found) return found;
    if (Date.now() > until) throw new Error(`no mail to ${to} matching ${subject} in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The demo site's spam rules may hold a comment written within seconds of loading the page: then the
 * moderator's mail (also from the stream, to the outbox) approves it. Returns whether it was held. */
async function approveIfHeld(fragment: string): Promise<boolean> {
  const all = await stack.store.threads.all('demo', PAGE, false);
  const c = all.find((x) => x.html.includes(fragment));
  if (!c) throw new Error(`no comment with "${fragment}"`);
  if (c.status !== 'pending') return false;
  const mod = await mailTo(stack.demoModerator.email, /waits for moderation/, 15_000, fragment);
  const approve = /^Approve: (\S+)$/m.exec(mod.text ?? '')![1]!;
  expect((await fetch(approve, { method: 'POST' })).status).toBe(200);
  return true;
}

test('reply mail end to end: opt in through the widget, verify, a reply through the widget lands in the outbox', async () => {
  expect(stack.notify.mail).toContain(join(stack.config.dataDir, 'outbox'));

  // Alice comments through the widget, gives her address and ticks "Email me replies".
  const alice = await open(browser, `${stack.demo.url}${PAGE}`);
  await ready(alice.page);
  const form = alice.page.locator('#afterword form').first();
  await form.locator('textarea[name=body]').fill('Tell me when someone answers.');
  await form.locator('input[name=name]').fill('Alice');
  await form.locator('input[name=email]').fill('alice@example.com');
  await form.getByLabel('Email me replies').check();
  await form.getByRole('button', { name: 'Post comment' }).click();
  await alice.page
    .locator('#afterword article')
    .filter({ hasText: 'Tell me when someone answers.' })
    .first()
    .waitFor();
  const aliceHeld = await approveIfHeld('Tell me when someone answers.');

  // One verification mail; its link shows a page, the button's POST confirms.
  const verification = await mailTo('alice@example.com', /Confirm reply notifications/);
  const verify = /^Confirm reply notifications: (\S+)$/m.exec(verification.text ?? '')![1]!;
  expect(
    verify.startsWith(`http://localhost:${new URL(stack.api.url).port}/api/v1/subscriptions/verify?token=`),
  ).toBe(true);
  expect((await fetch(verify, { method: 'POST' })).status).toBe(200);

  // Bob, in another browser profile, replies through the widget.
  const bob = await open(browser, `${stack.demo.url}${PAGE}`);
  await ready(bob.page);
  const article = bob.page
    .locator('#afterword article')
    .filter({ hasText: 'Tell me when someone answers.' })
    .first();
  await article.getByRole('button', { name: 'Reply', exact: true }).click();
  await article.locator('textarea[name=body]').fill('Here is your **answer**, Alice.');
  await article.locator('input[name=name]').fill('Bob');
  await article.getByRole('button', { name: 'Post comment' }).click();
  await bob.page.locator('#afterword').getByText('Here is your answer, Alice.').waitFor();
  const bobHeld = await approveIfHeld('Here is your');

  const reply = await mailTo('alice@example.com', /^Bob replied to your comment/);
  await bob.page.screenshot({ path: artifactPath('notify-reply.png'), fullPage: true });
  expect(reply.text).toContain('Here is your answer, Alice.');
  expect(reply.html).toContain('<strong>answer</strong>');
  const headers = reply.headerLines.map((l) => l.line.replace(/\r?\n(?=[ \t])/g, '')).join('\n');
  expect(headers).toMatch(
    /^List-Unsubscribe: <http:\/\/localhost:\d+\/api\/v1\/subscriptions\/unsubscribe\?token=[\w.-]+>$/m,
  );
  expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
  expect(`${reply.text}${reply.html}`).not.toContain('bob@');
  expect([...alice.errors, ...bob.errors]).toEqual([]);
  // Which way the comments went (held for moderation or published at once) is written for the record.
  writeFileSync(
    artifactPath('notify-e2e.json'),
    JSON.stringify({ aliceHeld, bobHeld, mails: (await outbox()).length }),
  );
  await alice.ctx.close();
  await bob.ctx.close();
});
