/**
 * A moderator's passkey in real Chromium with a virtual authenticator (Chrome DevTools Protocol, WebAuthn
 * domain): log in with the password, register a passkey in the Security view (axe-clean; a screenshot),
 * log out, sign in with the passkey; the session list marks it, and a revoked session is signed out.
 * Then a sign-in link asked for on the login page, read from the stack's outbox, signs in once.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack.js';
import { axeViolations } from '../support/axe.js';
import { artifactPath, launchBrowser, startTestStack } from '../support/browser.js';
import { virtualAuthenticator } from '../support/webauthn.js';

const DIST = resolve(import.meta.dirname, '../../widget/dist');

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let admin: Page;
let url: string;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(resolve(DIST, 'admin/index.html')))
    throw new Error('widget/dist/admin/index.html is missing: run `npm run build -w widget` first');
  stack = await startTestStack();
  // localhost is a secure context, and the relying party id the API derives from it.
  url = `http://localhost:${new URL(stack.api.url).port}/admin/`;
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  admin = await context.newPage();
  admin.setDefaultTimeout(15_000);
  admin.on('pageerror', (e) => problems.push(e.message));
  admin.on('response', (r) => {
    if (r.status() >= 400 && r.status() !== 401) problems.push(`${r.status()} ${r.url()}`);
  });
  await virtualAuthenticator(context, admin);
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

const signedIn = () => admin.getByRole('button', { name: 'Log out' }).waitFor();

describe('a moderator’s passkey in Chromium', () => {
  it('registers a passkey after a password login, in an axe-clean Security view', async () => {
    await admin.goto(url);
    await admin.getByLabel('Email').fill(stack.demoModerator.email);
    await admin.getByLabel('Password').fill(stack.demoModerator.password);
    await admin.getByRole('button', { name: 'Log in' }).click();
    await signedIn();
    await admin.getByRole('button', { name: 'Security', exact: true }).click();
    await admin.getByRole('heading', { name: 'Security' }).waitFor();
    await admin.getByText('No passkey yet.').waitFor();
    await admin.getByLabel('Name of the new passkey').fill('e2e laptop');
    await admin.getByRole('button', { name: 'Add a passkey' }).click();
    await admin.locator('ul.passkeys li', { hasText: 'e2e laptop' }).waitFor();
    expect(await admin.locator('table.sessions tr.current').textContent()).toContain('password');
    expect(await axeViolations(admin)).toEqual([]);
    await admin.screenshot({ path: artifactPath('admin-security.png'), fullPage: true });
  });

  it('logs out and signs in again with the passkey alone', async () => {
    await admin.getByRole('button', { name: 'Log out' }).click();
    await admin.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await signedIn();
    await admin.getByRole('button', { name: 'Security', exact: true }).click();
    const current = admin.locator('table.sessions tr.current');
    await current.waitFor();
    expect(await current.textContent()).toContain('passkey');
    expect(await current.textContent()).toContain('Headless Chrome');
    // The password session ended with the logout: only this one is listed.
    expect(await admin.locator('table.sessions tbody tr').count()).toBe(1);
    const used = await admin.locator('ul.passkeys li', { hasText: 'e2e laptop' }).textContent();
    expect(used).not.toContain('last used never');
  });

  it('revoking the current session signs this browser out at once', async () => {
    await admin.getByRole('button', { name: /^Sign out here/ }).click();
    await admin.getByRole('button', { name: 'Sign in with a passkey' }).waitFor();
    const me = await admin.evaluate(async () => (await fetch('/api/v1/admin/me')).status);
    expect(me).toBe(401);
    expect(problems).toEqual([]);
  });

  it('signs in with a link asked for on the login page, once; the token leaves the address bar', async () => {
    const outbox = join(stack.config.dataDir, 'outbox');
    const before = existsSync(outbox) ? readdirSync(outbox).length : 0;
    await admin.getByRole('button', { name: 'Sign in with a link by email instead' }).click();
    await admin.getByLabel('Email').fill(stack.demoModerator.email);
    await admin.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await admin.getByText('a sign-in link is on its way').waitFor();
    let link = '';
    for (let i = 0; i < 100 && !link; i++) {
      const files = existsSync(outbox) ? readdirSync(outbox).sort() : [];
      if (files.length > before) {
        const mail = await simpleParser(readFileSync(join(outbox, files.at(-1)!)));
        link = /^Sign in: (\S+)$/m.exec(mail.text ?? '')?.[1] ?? '';
      } else await new Promise((r) => setTimeout(r, 100));
    }
    expect(link).toMatch(/\/admin\/#signin=[\w-]+$/);
    await admin.goto(link);
    await signedIn();
    expect(new URL(admin.url()).hash).toBe('');
    await admin.getByRole('button', { name: 'Security', exact: true }).click();
    expect(await admin.locator('table.sessions tr.current').textContent()).toContain('email link');
    await admin.getByRole('button', { name: 'Log out' }).click();
    await admin.goto(link);
    await admin.getByRole('alert').getByText('This sign-in link is not valid').waitFor();
  });
});
