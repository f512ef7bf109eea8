/**
 * Publishing on the `npm start` stack (scripts/stack.ts: the Node server, the stream poller and the
 * publisher writing the local files folder): how long from a POST's answer until the served thread file
 * shows the comment, and what a widget first view of a 30-comment thread asks the API server for.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../api/src/config.js';
import { type ThreadFile, threadFile } from '../../api/src/contract/files.js';
import { type Stack, startStack } from '../../scripts/stack.js';
import { round } from './capacity.js';
import { median } from './loadgen.js';
import { commentText } from './seed.js';
import { measureFirstView, startEmbedPage, type WidgetResult } from './widget.js';

export interface PublishResult {
  posts: number;
  /** From the POST's answer to the first GET of the served thread file that lists the comment, ms. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** How often the bench looked at the file, ms (the measure's resolution). */
  checkEveryMs: number;
}

const SITE = 'benchfiles';
const THIRTY = '/bench/thirty/';
const CHECK_EVERY_MS = 10;
/** Longest the bench waits for one comment to show before it calls the publish lost. */
const GIVE_UP_MS = 30_000;

/** The `p`-quantile (0..1) of `xs`, nearest rank. */
export function quantile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

async function postComment(stack: Stack, page: string, n: number, parentId?: string): Promise<string> {
  const res = await fetch(`${stack.api.url}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      site: SITE,
      page,
      body: commentText(n),
      author: { name: `Reader ${n}`, email: `reader${n % 40}@example.com` },
      ...(parentId ? { parentId } : {}),
    }),
  });
  if (res.status !== 201) throw new Error(`bench post failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { comment: { id: string } }).comment.id;
}

/** Reads the served thread file until `done` says yes; the time it took, ms. */
async function until(stack: Stack, page: string, done: (f: ThreadFile) => boolean): Promise<number> {
  const url = `${stack.api.url}/${threadFile(SITE, page)!.json}`;
  const t0 = performance.now();
  while (performance.now() - t0 < GIVE_UP_MS) {
    const res = await fetch(url, { cache: 'no-store' });
    if (res.status !== 200) await res.body?.cancel();
    else if (done((await res.json()) as ThreadFile)) return performance.now() - t0;
    await new Promise((r) => setTimeout(r, CHECK_EVERY_MS));
  }
  throw new Error(`the thread file of ${page} did not catch up within ${GIVE_UP_MS} ms`);
}

export interface PublishBench {
  publish: PublishResult;
  firstView: WidgetResult['firstView'];
  /** The same first view once the site offers reader sign-in (a reader who never signs in). */
  firstViewSignIn?: WidgetResult['firstView'];
}

/**
 * Starts the stack on `dynamodbEndpoint` (a table and a data folder of its own), a blog page on its own
 * origin embedding the widget, and measures both; `firstView` false skips Chromium.
 */
export async function benchPublishing(
  dynamodbEndpoint: string,
  o: { posts?: number; firstView?: boolean } = {},
): Promise<PublishBench> {
  const dir = mkdtempSync(join(tmpdir(), 'afterword-bench-stack-'));
  const config = loadConfig(
    {},
    {
      port: 0,
      demoPort: 0,
      dataDir: dir,
      dynamodbEndpoint,
      table: `bench_stack_${Date.now().toString(36)}`,
      secret: 'bench-secret-0123456789abcdef',
    },
  );
  const stack = await startStack(config);
  const embed = await startEmbedPage(stack.api.url, SITE, THIRTY);
  try {
    await stack.store.sites.put(
      SITE,
      { name: 'Bench files', origins: [embed.url], moderation: 'none' },
      'create',
    );
    const publish = await measurePublishLatency(stack, o.posts ?? 50);
    if (o.firstView === false) return { publish, firstView: undefined };
    const firstView = await measureFileFirstView(stack, embed.url);
    const firstViewSignIn = await measureSignInFirstView(stack, embed.url);
    return { publish, firstView, firstViewSignIn };
  } finally {
    await embed.close();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `posts` comments posted one after another, each waited for in the served file. */
export async function measurePublishLatency(stack: Stack, posts: number): Promise<PublishResult> {
  const page = '/bench/latency/';
  const ms: number[] = [];
  for (let i = 0; i < posts; i++) {
    const id = await postComment(stack, page, 2000 + i);
    ms.push(await until(stack, page, (f) => f.comments.some((c) => c.id === id)));
  }
  return {
    posts,
    p50Ms: round(median(ms), 0),
    p99Ms: round(quantile(ms, 0.99), 0),
    maxMs: round(Math.max(...ms), 0),
    checkEveryMs: CHECK_EVERY_MS,
  };
}

/**
 * A first view in Chromium of a 30-comment thread (published), from the blog page at `pageUrl`; every
 * request reaching the API server under /api/ counted there, beside what the browser counts.
 */
export async function measureFileFirstView(
  stack: Stack,
  pageUrl: string,
): Promise<WidgetResult['firstView']> {
  const ids: string[] = [];
  for (let i = 0; i < 30; i++)
    ids.push(await postComment(stack, THIRTY, i, i % 4 === 3 ? ids[i - 1] : undefined));
  await until(stack, THIRTY, (f) => f.comments.length === 30);
  return countedFirstView(stack, pageUrl);
}

/** The first view of the same thread after the site starts offering reader sign-in (its file says so). */
async function measureSignInFirstView(stack: Stack, pageUrl: string): Promise<WidgetResult['firstView']> {
  await stack.store.sites.put(SITE, { readers: { email: true, passkey: true } }, 'update');
  await until(stack, THIRTY, (f) => f.settings.readers?.email === true);
  return countedFirstView(stack, pageUrl);
}

async function countedFirstView(stack: Stack, pageUrl: string): Promise<WidgetResult['firstView']> {
  const atServer: string[] = [];
  const count = (req: IncomingMessage) => {
    if (req.url?.startsWith('/api/')) atServer.push(`${req.method} ${req.url}`);
  };
  stack.api.server.on('request', count);
  try {
    const view = await measureFirstView(pageUrl, stack.api.url);
    return view && { ...view, apiRequests: atServer.length, apiRequestList: atServer };
  } finally {
    stack.api.server.off('request', count);
  }
}
