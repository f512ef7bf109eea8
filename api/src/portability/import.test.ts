/** Every importer on its own fixture: counts, threading, statuses, sanitizing, idempotent re-import. */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFormat } from '../contract/limits.js';
import type { CommentItem, CommentStatus } from '../store/items.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { issoDatabase } from './fixtures.testkit.js';
import { runImport, single } from './run.js';

const FIX = join(import.meta.dirname, 'fixtures');
let h: Harness;
let n = 0;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.drop();
});

interface Case {
  format: ImportFormat;
  file?: string;
  bytes?: () => Promise<Buffer>;
  hello: { count: number; total: number; statuses: Partial<Record<CommentStatus, number>> };
  about: { count: number; total: number };
  problems: number;
  locked?: boolean;
}

const CASES: Case[] = [
  {
    format: 'disqus',
    file: 'disqus.xml',
    hello: { count: 5, total: 7, statuses: { approved: 5, deleted: 1, spam: 1 } },
    about: { count: 1, total: 1 },
    problems: 2,
    locked: true,
  },
  {
    format: 'wordpress',
    file: 'wordpress.xml',
    hello: { count: 5, total: 7, statuses: { approved: 5, deleted: 1, spam: 1 } },
    about: { count: 0, total: 1 },
    problems: 2,
    locked: true,
  },
  {
    format: 'remark42',
    file: 'remark42.jsonl',
    hello: { count: 5, total: 7, statuses: { approved: 5, deleted: 1, spam: 1 } },
    about: { count: 1, total: 1 },
    problems: 2,
  },
  {
    format: 'commento',
    file: 'commento.json',
    hello: { count: 5, total: 7, statuses: { approved: 5, deleted: 1, spam: 1 } },
    about: { count: 0, total: 1 },
    problems: 2,
  },
  {
    format: 'waline',
    file: 'waline.json',
    hello: { count: 4, total: 5, statuses: { approved: 4, spam: 1 } },
    about: { count: 0, total: 1 },
    problems: 2,
  },
  {
    format: 'isso',
    file: 'isso.json',
    hello: { count: 5, total: 6, statuses: { approved: 5, deleted: 1 } },
    about: { count: 0, total: 1 },
    problems: 1,
  },
  {
    format: 'native',
    file: 'native.json',
    hello: { count: 5, total: 7, statuses: { approved: 5, deleted: 1, spam: 1 } },
    about: { count: 0, total: 1 },
    problems: 2,
    locked: true,
  },
  {
    format: 'isso',
    bytes: issoDatabase,
    hello: { count: 5, total: 6, statuses: { approved: 5, deleted: 1 } },
    about: { count: 0, total: 1 },
    problems: 1,
  },
];

/** Markup that must never come out: live tags, event handlers, script URLs (escaped text is fine). */
const UNSAFE = /<script|<img|<b>|<[^>]+\son\w+\s*=|href\s*=\s*["']?\s*javascript:/i;

describe.each(CASES)('import $format $file', (tc) => {
  const site = `imp${++n}`;
  const source = () =>
    tc.bytes ? tc.bytes().then((b) => single(b)) : Promise.resolve(createReadStream(join(FIX, tc.file!)));
  const run = async () =>
    runImport({
      store: h.store,
      secret: h.config.secret,
      site,
      format: tc.format,
      chunks: await source(),
      rewrite: { 'old.example.com': 'blog.example.com' },
    });

  it('keeps counts, threading, statuses and authors; sanitizes every body', async () => {
    await h.site(site);
    const result = await run();
    expect(result.problems, JSON.stringify(result.problemList)).toBe(tc.problems);
    const hello = await h.store.threads.getPage(site, '/posts/hello/');
    const about = await h.store.threads.getPage(site, '/about/');
    expect({ count: hello?.count, total: hello?.total }).toEqual({
      count: tc.hello.count,
      total: tc.hello.total,
    });
    expect({ count: about?.count, total: about?.total }).toEqual(tc.about);
    if (tc.locked) expect(about?.locked).toBe(true);
    if (!['isso', 'waline'].includes(tc.format))
      expect(hello?.url).toMatch(/^https:\/\/blog\.example\.com\//);
    const comments = await h.store.threads.all(site, '/posts/hello/', false);
    const statuses: Record<string, number> = {};
    for (const c of comments) statuses[c.status] = (statuses[c.status] ?? 0) + 1;
    expect(statuses).toEqual(tc.hello.statuses);
    // Threading: first → reply → deep reply, depths 0, 1, 2.
    const byText = (t: string) => comments.find((c) => c.html.includes(t)) as CommentItem;
    const first = byText('First!');
    const reply = byText('A reply');
    const deep = byText('Deep reply');
    expect(first.parentId).toBeNull();
    expect(reply.parentId).toBe(first.id);
    expect(deep.parentId).toBe(reply.id);
    expect(deep.depth).toBe(2);
    expect(first.authorName).toBe('Zoë Ångström');
    expect(deep.authorName).toBe('Li Wei 李伟');
    expect(deep.html).toContain('😀');
    expect(deep.html).toContain('5 &lt; 6');
    expect(byText('No name given').authorName).toBe('Anonymous');
    expect(first.createdAt).toBe('2019-03-01T10:05:00.000Z');
    for (const c of comments) expect(c.html).not.toMatch(UNSAFE);
    if (tc.hello.statuses.deleted) {
      const dangling = byText('Replying to a deleted one');
      const parent = comments.find((c) => c.id === dangling.parentId);
      expect(parent?.status).toBe('deleted');
      expect(parent?.placeholder).toBe(true);
    }
    // The public thread shows it all safely and without emails.
    const res = await h.app.request(`/api/v1/comments?site=${site}&page=/posts/hello/`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toMatch(UNSAFE);
    expect(text).not.toContain('@example.com');
  });

  it('adds nothing when the same file is imported again', async () => {
    const again = await run();
    expect(again.imported).toBe(0);
    expect(again.existing).toBe(tc.hello.total + tc.about.total);
    const hello = await h.store.threads.getPage(site, '/posts/hello/');
    expect(hello?.total).toBe(tc.hello.total);
    expect(hello?.count).toBe(tc.hello.count);
    expect(await h.store.threads.all(site, '/posts/hello/', false)).toHaveLength(tc.hello.total);
  });
});
