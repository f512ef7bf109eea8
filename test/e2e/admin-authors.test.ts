/**
 * Author history and decisions with reasons in real Chromium against the npm start stack: from a comment the
 * moderator opens its author's history (counts, first and last seen; axe-clean; screenshot), keeps a note,
 * removes a comment with a reason and tells the author (a confirmed address: the mail in the outbox carries
 * the reason and a review link that puts the comment back in the queue), sees the reason in the log, chooses
 * their mail; the queue announces a new comment without moving what is shown.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack.js';
import { axeViolations } from '../support/axe.js';
import { artifactPath, launchBrowser, startTestStack } from '../support/browser.js';
import { confirmAuthor, mailTo } from './mail.support.js';
import { seed, until } from './widget.support.js';

const DIST = resolve(import.meta.dirname, '../../widget/dist');
const PAGE = '/posts/authors/';
const REX = { name: 'Rex', email: 'rex@example.com' };

let stack: Stack;
let browser: Browser;
let admin: Page;
const contexts: BrowserContext[] = [];
const ids: string[] = [];

beforeAll(async () => {
  if (!existsSync(resolve(DIST, 'admin/index.html')))
    throw new Error('widget/dist/admin/index.html is missing: run `npm run build` first');
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  await stack.store.sites.put('demo', { moderation: 'none' }, 'update');
  for (const body of ['Rex says hello.', 'Rex again, on topic.', 'Rex goes off on a tangent about boats.'])
    ids.push((await seed(stack, PAGE, body, { author: REX })).comment.id);
  await seed(stack, PAGE, 'Somebody else entirely.', { author: { name: 'Sue', email: 'sue@example.com' } });
  // Rex confirmed his address (as the verification mail's link does).
  await confirmAuthor(stack, ids[0]!, REX.email);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  admin = await context.newPage();
  admin.setDefaultTimeout(15_000);
  await admin.goto(`${stack.api.url.replace('127.0.0.1', 'localhost')}/admin/`);
  await admin.getByLabel('Email').fill(stack.demoModerator.email);
  await admin.getByLabel('Password').fill(stack.demoModerator.password);
  await admin.getByRole('button', { name: 'Log in' }).click();
  await admin.getByRole('button', { name: /approved$/ }).click();
  await admin.locator('li.row', { hasText: 'Somebody else entirely.' }).waitFor();
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

const row = (text: string) => admin.locator('li.row', { hasText: text });

describe('author history and decisions in the admin page', () => {
  it('opens the author’s history from a comment: counts, first and last seen, a note (axe-clean)', async () => {
    await row('Rex again, on topic.').getByRole('button', { name: 'Author history' }).click();
    const view = admin.getByRole('region', { name: /^Rex/ });
    await view.getByText('rex@example.com').waitFor();
    await view.getByText('address confirmed').waitFor();
    const fact = (term: string) => view.locator('.author-facts div', { hasText: term }).locator('dd');
    expect(await fact('Comments on this site').textContent()).toBe('3');
    expect(await fact('approved').textContent()).toBe('3');
    expect(await fact('First seen').locator('time').getAttribute('datetime')).toBe(
      (await stack.store.comments.read(ids[0]!))!.createdAt,
    );
    expect(await fact('Last seen').locator('time').getAttribute('datetime')).toBe(
      (await stack.store.comments.read(ids[2]!))!.createdAt,
    );
    const listed = view.locator('.author-comments li.row');
    expect(await listed.count()).toBe(3);
    expect(await view.getByText('Somebody else entirely.').count()).toBe(0);
    await view.getByLabel(/Moderators’ note/).fill('Friendly, drifts off topic now and then.');
    await view.getByRole('button', { name: 'Save note' }).click();
    await admin.getByRole('status').getByText('Note saved').waitFor();
    await view.getByText(/Last written by/).waitFor();
    await admin.screenshot({ path: artifactPath('admin-author-history.png'), fullPage: true });
    expect(await axeViolations(admin)).toEqual([]);
    await view.getByRole('button', { name: '← Back to the queue' }).click();
    await row('Somebody else entirely.').waitFor();
  }, 60_000);

  it('removes a comment with a reason and tells the author, whose review link returns it to the queue', async () => {
    const target = row('a tangent about boats');
    await target.getByRole('button', { name: 'Delete' }).click();
    const why = target.getByRole('form', { name: 'Why' });
    await why.getByLabel('Off-topic').check();
    await why.getByLabel('In your words (optional)').fill('Boats are not this post’s subject.');
    const tell = why.getByLabel(/Tell the author by mail, with the reason/);
    await until(() => tell.isChecked()).toBe(true);
    await target.screenshot({ path: artifactPath('admin-remove-reason.png') });
    expect(await axeViolations(admin)).toEqual([]);
    const sent = admin.waitForResponse((r) => r.url().endsWith(`/comments/${ids[2]}/status`));
    await why.getByRole('button', { name: 'Delete with this reason' }).click();
    expect((await sent).status()).toBe(200);
    await until(async () => (await stack.store.comments.read(ids[2]!))?.status).toBe('deleted');
    await target.waitFor({ state: 'detached' });

    const mail = await mailTo(stack, REX.email, /was removed/);
    expect(mail.text).toContain('Reason: Off-topic: Boats are not this post’s subject.');
    const review = /^Ask for a review: (\S+)$/m.exec(mail.text ?? '')![1]!;
    expect((await fetch(review)).status).toBe(200);
    expect((await fetch(review, { method: 'POST' })).status).toBe(200);
    expect((await stack.store.comments.read(ids[2]!))?.status).toBe('pending');

    await admin.getByRole('button', { name: 'Log', exact: true }).click();
    const entry = admin.locator('table.log tr', { hasText: 'Reason: Off-topic: Boats are not' }).first();
    await entry.waitFor();
    await admin.locator('table.log tr', { hasText: 'review-requested' }).first().waitFor();
    await admin.screenshot({ path: artifactPath('admin-log-reasons.png'), fullPage: true });
  }, 60_000);

  it('chooses the moderator’s mail, and the queue announces a new comment without moving the list', async () => {
    await admin.getByLabel('Mail me').selectOption('daily');
    await until(async () => (await stack.store.moderators.get(stack.demoModerator.email))?.digest).toBe(
      'daily',
    );

    await admin.getByRole('button', { name: 'Queue' }).click();
    await admin.getByRole('button', { name: /approved$/ }).click();
    const first = row('Rex again, on topic.');
    await first.waitFor();
    // The d shortcut opens the focused row's reason form, focus on its preset; Cancel closes it.
    for (let i = 0; i < 4; i++) await admin.keyboard.press('k');
    await admin.keyboard.press('d');
    const asked = row('Somebody else entirely.').getByRole('form', { name: 'Why' });
    await asked.waitFor();
    await until(() =>
      admin.evaluate(() => {
        const e = document.activeElement as HTMLInputElement | null;
        return `${e?.tagName} ${e?.type} ${e?.value}`;
      }),
    ).toBe('INPUT radio off_topic');
    await asked.getByRole('button', { name: 'Cancel' }).click();
    await asked.waitFor({ state: 'detached' });

    const before = await first.boundingBox();
    await seed(stack, PAGE, 'A brand new comment.', { author: { name: 'Neo' } });
    // The tab shows again (as when a moderator comes back to it): the queue reads at once.
    await admin.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const announce = admin.getByRole('button', { name: '1 new comment here: show' });
    await announce.waitFor();
    expect(await first.boundingBox()).toEqual(before);
    expect(await row('A brand new comment.').count()).toBe(0);
    await announce.click();
    await row('A brand new comment.').waitFor();
  }, 60_000);

  it('opens the history from a reported comment too, and comes back to the Reported view', async () => {
    const now = new Date().toISOString();
    await stack.store.reports.add({
      commentId: ids[1]!,
      site: 'demo',
      reporter: 'a'.repeat(32),
      reason: 'abuse',
      now,
    });
    await admin.getByRole('button', { name: 'reported', exact: true }).click();
    await row('Rex again, on topic.').getByRole('button', { name: 'Author history' }).click();
    const view = admin.getByRole('region', { name: /^Rex/ });
    await view.getByText(/Last written by/).waitFor();
    expect(await view.getByLabel(/Moderators’ note/).inputValue()).toBe(
      'Friendly, drifts off topic now and then.',
    );
    await view.getByRole('button', { name: '← Back to the queue' }).click();
    await admin.getByRole('heading', { name: 'Reported by readers' }).waitFor();
  }, 60_000);

  it('approves all, removes all with a reason, and bans, from the history', async () => {
    const view = admin.getByRole('region', { name: /^Rex/ });
    await admin.getByRole('button', { name: 'reported', exact: true }).click();
    await row('Rex again, on topic.').getByRole('button', { name: 'Author history' }).click();
    const fact = (term: string) => view.locator('.author-facts div', { hasText: term }).locator('dd');
    await until(() => fact('pending').textContent()).toBe('1');
    await view.getByRole('button', { name: 'Approve all' }).click();
    await admin.getByRole('status').getByText('1 of 1 approved').waitFor();
    await until(() => fact('approved').textContent()).toBe('3');

    await view.getByRole('button', { name: 'Remove all…' }).click();
    const form = view.getByRole('form', { name: 'Remove all' });
    await form.getByLabel('In your words (optional)').fill('A spam run after all.');
    await form.getByRole('button', { name: 'Remove 3 comments' }).click();
    await until(() => fact('spam').textContent()).toBe('3');
    for (const id of ids) expect((await stack.store.comments.read(id))?.status).toBe('spam');
    const log = await stack.store.audit.list('demo', 3);
    expect(log.entries.map((e) => (e as typeof e & { reason?: unknown }).reason)).toEqual(
      Array(3).fill({ code: 'spam', text: 'A spam run after all.' }),
    );

    await view.getByRole('button', { name: 'Ban author…' }).click();
    await view
      .getByRole('form', { name: 'Ban author' })
      .getByRole('button', { name: 'Ban by email and client' })
      .click();
    await admin
      .getByRole('status')
      .getByText(/^Banned Rex for 30 days/)
      .waitFor();
    const bans = await stack.store.bans.list('demo', new Date());
    expect(bans.map((b) => b.kind).sort()).toEqual(['client', 'email']);
  }, 60_000);
});
