/** The native round trip: export a site, import it into an empty site, export again → the same data. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { exportChunk } from './export.js';
import { nativeHead } from './fixtures.testkit.js';
import type { NativeChunk, NativeComment } from './native.js';
import { runImport, single } from './run.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'native.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validateChunk = ajv.compile(schema);

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.drop();
});

const PAGES = 10;
const PER_PAGE = 42;
const STATUSES = ['approved', 'approved', 'approved', 'pending', 'spam', 'deleted'] as const;

/** A native file written by hand: 420 comments over 10 pages, nested, every status, votes and edits. */
function sourceFile(): NativeChunk {
  const comments: NativeComment[] = [];
  const base = Date.parse('2021-01-01T00:00:00Z');
  for (let p = 0; p < PAGES; p++) {
    for (let i = 0; i < PER_PAGE; i++) {
      const id = `src${String(p).padStart(3, '0')}x${String(i).padStart(4, '0')}`;
      const parent = i % 3 === 0 || i < 1 ? null : comments[comments.length - 1]!;
      const status = STATUSES[(p + i) % STATUSES.length]!;
      const body = `Comment ${i} on page ${p}: **bold** <script>alert(${i})</script> ünïcødé ${'x'.repeat(i * 3)}`;
      comments.push({
        id,
        page: `/posts/p${p}/`,
        parentId: parent?.id ?? null,
        depth: parent ? parent.depth + 1 : 0,
        body,
        html: `<p>Comment ${i} on page ${p}: <strong>bold</strong> <script>alert(1)</script></p>`,
        status,
        ...(status === 'deleted' && i % 2 === 0 ? { placeholder: true } : {}),
        author: {
          name: i % 7 === 0 ? 'Anonymous' : `Author ${i % 11}`,
          ...(i % 5 === 0 ? {} : { email: `author${i % 11}@example.com` }),
          ...(i % 4 === 0 ? { website: `https://a${i}.example.org/` } : {}),
          avatar: (i * 7919).toString(16).padStart(12, '0').slice(-12),
        },
        createdAt: new Date(base + p * 86_400_000 + i * 60_000).toISOString(),
        ...(i % 9 === 0
          ? { editedAt: new Date(base + p * 86_400_000 + i * 60_000 + 5000).toISOString() }
          : {}),
        score: status === 'approved' && i % 4 === 1 ? 1 : 0,
        up: status === 'approved' && i % 4 === 1 ? 2 : 0,
        down: status === 'approved' && i % 4 === 1 ? 1 : 0,
        ...(status === 'approved' && i % 4 === 1
          ? {
              votes: [
                { voter: `v${i}a`, value: 1 as const, createdAt: '2021-02-01T00:00:00.000Z' },
                { voter: `v${i}b`, value: 1 as const, createdAt: '2021-02-01T00:00:00.000Z' },
                { voter: `v${i}c`, value: -1 as const, createdAt: '2021-02-01T00:00:00.000Z' },
              ],
            }
          : {}),
        ...(i === 2 ? { pinned: true } : {}),
      });
    }
  }
  return {
    ...nativeHead('2021-06-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'),
    pages: Array.from({ length: PAGES }, (_, p) => ({
      page: `/posts/p${p}/`,
      title: `Post ${p} — “quoted”`,
      url: `https://old.example.com/posts/p${p}/`,
      ...(p % 10 === 0 ? { locked: true } : {}),
      createdAt: '2020-12-31T00:00:00.000Z',
    })),
    comments,
    nextCursor: null,
  };
}

/** Exports a whole site in small chunks (each checked against the schema and the byte bound). */
async function exportAll(site: string, maxBytes: number): Promise<{ chunks: number; data: NativeChunk }> {
  const s = (await h.store.sites.get(site))!;
  let cursor: string | undefined;
  let chunks = 0;
  const all: NativeChunk = {
    ...(await exportChunk(h.store, s, undefined, { maxBytes: 0, remainingMs: () => 0, reserveMs: 1 })),
    pages: [],
    comments: [],
  };
  do {
    const chunk = await exportChunk(h.store, s, cursor, {
      maxBytes,
      remainingMs: () => Number.POSITIVE_INFINITY,
      reserveMs: 0,
    });
    chunks++;
    expect(validateChunk(chunk), JSON.stringify(validateChunk.errors?.slice(0, 3))).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(chunk))).toBeLessThanOrEqual(maxBytes + 2048);
    all.pages.push(...chunk.pages);
    all.comments.push(...chunk.comments);
    cursor = chunk.nextCursor ?? undefined;
  } while (cursor);
  all.nextCursor = null;
  return { chunks, data: all };
}

/** The data without what names the site: ids become positions, the site block and the time go. */
function comparable(d: NativeChunk) {
  const order = [...d.comments].sort(
    (a, b) => a.page.localeCompare(b.page) || a.createdAt.localeCompare(b.createdAt),
  );
  const pos = new Map(order.map((c, i) => [c.id, i]));
  return {
    pages: [...d.pages].sort((a, b) => a.page.localeCompare(b.page)),
    comments: order.map((c) => ({
      ...c,
      id: pos.get(c.id),
      parentId: c.parentId === null ? null : pos.get(c.parentId),
    })),
  };
}

describe('native round trip', () => {
  it('exports, imports into an empty site and exports the same data again', async () => {
    await h.site('first');
    await h.site('second');
    const source = sourceFile();
    const first = await runImport({
      store: h.store,
      secret: h.config.secret,
      site: 'first',
      format: 'native',
      chunks: single(JSON.stringify(source)),
    });
    expect(first.imported).toBe(PAGES * PER_PAGE);
    expect(first.problems).toBe(0);

    const a = await exportAll('first', 48 * 1024);
    expect(a.chunks).toBeGreaterThan(3);
    expect(a.data.comments).toHaveLength(PAGES * PER_PAGE);
    expect(a.data.pages).toHaveLength(PAGES);
    // Every html went through the sanitizer on the way in.
    for (const c of a.data.comments) expect(c.html).not.toMatch(/<script/i);

    const second = await runImport({
      store: h.store,
      secret: h.config.secret,
      site: 'second',
      format: 'native',
      chunks: single(JSON.stringify(a.data)),
    });
    expect(second.imported).toBe(PAGES * PER_PAGE);
    const b = await exportAll('second', 96 * 1024);
    expect(comparable(b.data)).toEqual(comparable(a.data));
    const oldIds = new Set(a.data.comments.map((c) => c.id));
    expect(b.data.comments.filter((c) => oldIds.has(c.id))).toEqual([]);

    // Page counts agree with the statuses.
    const approved = a.data.comments.filter((c) => c.page === '/posts/p7/' && c.status === 'approved').length;
    expect((await h.store.threads.getPage('second', '/posts/p7/'))?.count).toBe(approved);
    // Written and read twice: allow for a busy machine.
  }, 240_000);
});
