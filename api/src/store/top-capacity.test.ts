/**
 * `sort=top` reads a bounded amount per page (store/top.ts), whatever the thread's length, measured from
 * DynamoDB Local's consumed capacity and scanned counts on a 3,000-comment thread; the order is the whole
 * thread's ranking. (`npm run bench` reads the first top page of its 10,000-comment thread.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { seedItems } from '../testing/seed.js';
import { commentItem, type NewComment } from './comments.js';
import type { CommentItem, CommentStatus } from './items.js';
import { keys } from './keys.js';
import { TOP_SKIP } from './top.js';

const SITE = 'topcap';
const PAGE = '/long-thread/';
const LISTED = 3_000;
const HIDDEN = 500;

function input(i: number, status: CommentStatus): NewComment {
  return {
    id: `k${String(i).padStart(6, '0')}dddddddd`,
    site: SITE,
    page: PAGE,
    parentId: i % 10 === 3 ? `k${String(i - 1).padStart(6, '0')}dddddddd` : null,
    depth: i % 10 === 3 ? 1 : 0,
    body: `Comment ${i}: a sentence or two of text, the length readers write.`,
    html: `<p>Comment ${i}: a sentence or two of text, the length readers write.</p>`,
    authorName: 'Reader',
    avatar: 'abcdefabcdef',
    status,
    createdAt: new Date(Date.UTC(2026, 3, 1) + i * 1000).toISOString(),
  };
}

/** Votes of comment `i`: one in 40 up (by 1 to 9), one in 97 down, the rest none. */
function votesOf(i: number) {
  if (i % 40 === 7) return { up: (i % 9) + 1, down: 0 };
  if (i % 97 === 5) return { up: 0, down: (i % 4) + 1 };
  return { up: 0, down: 0 };
}

type Entry = { command: string; units: number; items: number };
let h: Harness;
const log: Entry[] = [];
/** The whole thread's ranking, as the old whole-thread sort made it: score, then oldest first. */
let ranking: string[] = [];

beforeAll(async () => {
  h = await createHarness();
  await h.site(SITE, { origins: ['https://blog.example'] });
  // The page meta, as a first post writes it; the rest seeded the way the store writes items, in batches.
  const first = await h.store.comments.create(input(0, 'approved'), {});
  const items: CommentItem[] = [first.comment];
  for (let i = 1; i < LISTED; i++) items.push(commentItem(input(i, 'approved'), votesOf(i)));
  // Hidden comments with high scores (held after their votes): never in top.
  const hidden = Array.from({ length: HIDDEN }, (_, j) =>
    commentItem(input(LISTED + j, j % 2 ? 'pending' : 'spam'), { up: 50, down: 0 }),
  );
  await seedItems(h, [...items.slice(1), ...hidden]);
  ranking = [...items]
    .sort((a, b) => b.score - a.score || a.createdAt.localeCompare(b.createdAt))
    .map((c) => c.id);
  expect(hidden.some((c) => 'gsi4pk' in c)).toBe(false);
  h.db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      const o = out.output as {
        ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[];
        ScannedCount?: number;
        Responses?: Record<string, unknown[]>;
        Item?: unknown;
      };
      const cc = o.ConsumedCapacity;
      const units = (Array.isArray(cc) ? cc : cc ? [cc] : []).reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
      const items =
        o.ScannedCount ??
        Object.values(o.Responses ?? {}).reduce((n, r) => n + r.length, 0) + (o.Item ? 1 : 0);
      log.push({ command: context.commandName ?? '?', units, items });
      return out;
    },
    { step: 'initialize', name: 'topCapacityLog' },
  );
}, 180_000);
afterAll(() => h?.drop());

/**
 * The documented bound of one top page of `limit` (store/top.ts): index entries of two passes and the
 * peek (2 × (limit + 1) + 1), comments by key (at most 2 × limit, when index entries are stale), the
 * zero pass (limit + TOP_SKIP) and the page meta.
 */
const maxItems = (limit: number) => 2 * (limit + 1) + 1 + 2 * limit + limit + TOP_SKIP + 1;

it('reads a bounded number of items and units for every top page of a long thread', async () => {
  const limit = 100;
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  let worst = { items: 0, units: 0 };
  do {
    log.length = 0;
    const r = await h.store.threads.list(SITE, PAGE, 'top', limit, cursor);
    seen.push(...r.comments.map((c) => c.id));
    const items = log.reduce((n, e) => n + e.items, 0);
    const units = log.reduce((n, e) => n + e.units, 0);
    expect(items, `page ${pages}`).toBeLessThanOrEqual(maxItems(limit));
    worst = { items: Math.max(worst.items, items), units: Math.max(worst.units, units) };
    cursor = r.next;
    pages++;
  } while (cursor && pages < 200);
  expect(seen).toEqual(ranking);
  console.info(
    `top pages of ${limit}: ${pages}, the costliest ${worst.items} items, ${worst.units} read units`,
  );
  // About 0.6 KB a comment: 100 by key is 50 units (each rounded up to 4 KB), 200 from the range ~ 15.
  expect(worst.units).toBeLessThanOrEqual(80);
  // The zero pass is bounded, so pages past the voted comments come with few skips: about LISTED / 100.
  expect(pages).toBeLessThan(LISTED / limit + 10);
}, 60_000);

it('answers the first top page of 30 through the route within a few dozen read units', async () => {
  log.length = 0;
  const res = await h.app.request(`/api/v1/comments?site=${SITE}&page=${PAGE}&sort=top`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { comments: { id: string; score: number }[]; nextCursor: string | null };
  expect(body.comments.map((c) => c.id)).toEqual(ranking.slice(0, 30));
  expect(body.nextCursor).toBeTruthy();
  const items = log.reduce((n, e) => n + e.items, 0);
  const units = log.reduce((n, e) => n + e.units, 0);
  // The site's settings, the page meta, 31 index entries, 30 comments by key: 63 items, not 5,000.
  expect(items).toBeLessThanOrEqual(maxItems(30));
  expect(items).toBeLessThanOrEqual(70);
  expect(units).toBeLessThanOrEqual(20);
  console.info(`top page of 30 on ${LISTED} comments: ${items} items, ${units} read units`);
});

it('answers a top page deep in the zero-score comments within the zero pass bound', async () => {
  const voted = ranking.findIndex((id) => {
    const i = Number(id.slice(1, 7));
    const v = votesOf(i);
    return v.up === v.down;
  });
  // A cursor in the middle of the zeros, as a page there hands it out.
  const depth = Math.floor((LISTED - voted) / 2);
  const mid = ranking[voted + depth]!;
  const i = Number(mid.slice(1, 7));
  const sk = keys.comment(SITE, PAGE, input(i, 'approved').createdAt, mid).sk;
  log.length = 0;
  const r = await h.store.threads.list(SITE, PAGE, 'top', 30, `Z${sk}`);
  expect(r.comments.map((c) => c.id)).toEqual(ranking.slice(voted + depth + 1, voted + depth + 31));
  const items = log.reduce((n, e) => n + e.items, 0);
  expect(items).toBeLessThanOrEqual(30 + TOP_SKIP + 1);
  expect(log.reduce((n, e) => n + e.units, 0)).toBeLessThanOrEqual(20);
});
