/** Helpers shared by the widget's browser tests: a stack and a browser per file, pages that record what they do. */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { type ThreadFile, threadFile } from '../../api/src/contract/files.js';
import type { Stack } from '../../scripts/stack.js';

export interface Opened {
  ctx: BrowserContext;
  page: Page;
  /** Every request URL the page made, in order. */
  requests: string[];
  /** Console messages of type error, and page errors. */
  errors: string[];
}

export async function open(browser: Browser, url: string, opts: BrowserContextOptions = {}): Promise<Opened> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
  const page = await ctx.newPage();
  // Fail a step well before the test's own timeout, naming the locator that never appeared.
  page.setDefaultTimeout(10_000);
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    // A thread never published has no file: the browser logs its 404, the widget's cue to read the API instead.
    const unpublished = /status of 404/.test(m.text()) && m.location().url.includes('/files/');
    if (m.type() === 'error' && !unpublished) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => void d.accept());
  await page.goto(url);
  return { ctx, page, requests, errors };
}

/** Waits until the widget under `target` shows its thread (the heading with the count). */
export async function ready(page: Page, target = '#afterword'): Promise<void> {
  await page.locator(`${target} h2`).first().waitFor();
}

/** Posts a comment through the API directly (no Origin header: a server, not a browser). */
export async function seed(
  stack: Stack,
  page: string,
  body: string,
  extra: Record<string, unknown> = {},
): Promise<{ comment: { id: string }; editToken: string }> {
  const res = await fetch(`${stack.api.url}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ site: 'demo', page, body, author: { name: 'Seeder' }, ...extra }),
  });
  if (res.status !== 201) throw new Error(`seed failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The thread of a page as the API has it. */
export async function thread(stack: Stack, page: string) {
  const res = await fetch(`${stack.api.url}/api/v1/comments?site=demo&page=${encodeURIComponent(page)}`);
  return (await res.json()) as {
    page: { count: number };
    comments: { id: string; html: string; parentId: string | null; score: number }[];
  };
}

/** A page's thread file as the stack's Node server serves it now (undefined while there is none). */
export async function threadFileOf(stack: Stack, page: string): Promise<ThreadFile | undefined> {
  const res = await fetch(`${stack.api.url}/${threadFile('demo', page)?.json}`);
  return res.ok ? ((await res.json()) as ThreadFile) : undefined;
}

/** Waits (10 s at most; in hooks too) until the page's thread file, published from the table's stream, satisfies `ok`. */
export async function published(
  stack: Stack,
  page: string,
  ok: (f: ThreadFile) => boolean,
): Promise<ThreadFile> {
  let f: ThreadFile | undefined;
  for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    f = await threadFileOf(stack, page);
    if (f && ok(f)) return f;
  }
  throw new Error(`the thread file of ${page} never got there; last: ${JSON.stringify(f)?.slice(0, 300)}`);
}

/** Appends a target to the page's `<main>`, scrolls to it and mounts a widget there with `options`. */
export async function mountAt(page: Page, id: string, options: Record<string, unknown>): Promise<void> {
  await page.waitForFunction(() => window.Afterword !== undefined);
  await page.evaluate(
    ([id, o]) => {
      const d = document.createElement('div');
      d.id = id;
      document.querySelector('main')?.append(d);
      d.scrollIntoView();
      window.Afterword?.mount(d, o);
    },
    [id, options] as const,
  );
}

/** expect.poll with room for a busy machine (two browser suites may run side by side). */
export function until<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 10_000, interval: 100 });
}
