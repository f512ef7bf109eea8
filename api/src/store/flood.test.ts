/**
 * A flood of hidden comments costs a public thread read nothing: 5,000 pending (5 MB, five 1 MB Query pages
 * if a read went through them), 10 approved, every sort. What a read costs does not grow with the flood.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { seedItems } from '../testing/seed.js';
import { commentItem, type NewComment } from './comments.js';
import type { CommentStatus } from './items.js';
import { keys } from './keys.js';
import { withTopKeys } from './top.js';

const SITE = 'flood';
const PAGE = '/flooded/';
const PENDING = 5_000;
const APPROVED = 10;
/** One approved comment in every EVERY, from the oldest to the newest. */
const EVERY = PENDING / APPROVED + 1;

function input(i: number, status: CommentStatus): NewComment {
  return {
    id: `f${String(i).padStart(6, '0')}aaaaaaaa`,
    site: SITE,
    page: PAGE,
    parentId: null,
    depth: 0,
    body: `Comment ${i}: a sentence or two of text, the length readers write.`,
    html: `<p>Comment ${i}: a sentence or two of text, the length readers write.</p>`,
    authorName: 'Reader',
    avatar: 'abcdefabcdef',
    status,
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  };
}

type Entry = { command: string; units: number; scanned: number };
let h: Harness;
const log: Entry[] = [];
const approvedIds: string[] = [];

beforeAll(async () => {
  h = await createHarness();
  await h.site(SITE, { origins: ['https://blog.example'] });
  // The 10 approved comments sit among the pending ones, spread from the oldest to the newest.
  const pending: Record<string, unknown>[] = [];
  for (let i = 0; i < PENDING + APPROVED; i++) {
    if (i % EVERY === Math.floor(EVERY / 2)) {
      const { comment } = await h.store.comments.create(input(i, 'approved'), {});
      approvedIds.push(comment.id);
      // Distinct scores, not in time order, so `top` has a real order to get right (with the top index
      // keys a vote to that score leaves, store/top.ts).
      const score = (approvedIds.length * 7) % 10;
      const top = withTopKeys({ ...comment, score });
      await h.db.doc.send(
        new UpdateCommand({
          TableName: h.config.table,
          Key: { pk: comment.pk, sk: comment.sk },
          UpdateExpression: `SET score = :s, up = :s${top.gsi4pk ? ', gsi4pk = :tpk, gsi4sk = :tsk' : ''}`,
          ExpressionAttributeValues: {
            ':s': score,
            ...(top.gsi4pk ? { ':tpk': top.gsi4pk, ':tsk': top.gsi4sk } : {}),
          },
        }),
      );
    } else pending.push(commentItem(input(i, 'pending')) as unknown as Record<string, unknown>);
  }
  expect(approvedIds).toHaveLength(APPROVED);
  await seedItems(h, pending);
  await h.db.doc.send(
    new UpdateCommand({
      TableName: h.config.table,
      Key: keys.page(SITE, PAGE),
      UpdateExpression: 'SET #total = #total + :n',
      ExpressionAttributeNames: { '#total': 'total' },
      ExpressionAttributeValues: { ':n': PENDING },
    }),
  );
  h.db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      const o = out.output as { ConsumedCapacity?: { CapacityUnits?: number }; ScannedCount?: number };
      log.push({
        command: context.commandName ?? '?',
        units: o.ConsumedCapacity?.CapacityUnits ?? 0,
        scanned: o.ScannedCount ?? 0,
      });
      return out;
    },
    { step: 'initialize', name: 'floodCapacityLog' },
  );
}, 300_000);
afterAll(() => h.drop());

async function thread(sort: string) {
  log.length = 0;
  const res = await h.app.request(`/api/v1/comments?site=${SITE}&page=${PAGE}&sort=${sort}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    comments: { id: string; score: number }[];
    nextCursor: string | null;
    page: { count: number };
  };
  const queries = log.filter((e) => e.command === 'QueryCommand');
  return {
    body,
    ids: body.comments.map((c) => c.id),
    scanned: queries.reduce((n, e) => n + e.scanned, 0),
    units: queries.reduce((n, e) => n + e.units, 0),
  };
}

// Ten approved comments of ~0.5 KB each and the page meta: one read unit would do; allow a little slack.
const MAX_ITEMS = APPROVED + 1;
const MAX_UNITS = 3;

it('oldest: the first page holds exactly the approved comments and reads only them', async () => {
  const r = await thread('oldest');
  expect(r.ids).toEqual(approvedIds);
  expect(r.body.nextCursor).toBeNull();
  expect(r.body.page.count).toBe(APPROVED);
  expect(r.scanned).toBeLessThanOrEqual(MAX_ITEMS);
  expect(r.units).toBeLessThanOrEqual(MAX_UNITS);
});

it('newest: the approved comments, newest first, without reading the pending ones', async () => {
  const r = await thread('newest');
  expect(r.ids).toEqual([...approvedIds].reverse());
  expect(r.body.nextCursor).toBeNull();
  expect(r.scanned).toBeLessThanOrEqual(MAX_ITEMS);
  expect(r.units).toBeLessThanOrEqual(MAX_UNITS);
});

it('top: the approved comments by score, reading a bounded number of items', async () => {
  const r = await thread('top');
  expect([...r.ids].sort()).toEqual([...approvedIds].sort());
  const scores = r.body.comments.map((c) => c.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  expect(new Set(scores).size).toBe(APPROVED);
  expect(r.body.nextCursor).toBeNull();
  // The top index's entries of the nine voted ones, then the listed range for the zero scores: no pending one.
  expect(r.scanned).toBeLessThanOrEqual(2 * MAX_ITEMS);
  expect(r.units).toBeLessThanOrEqual(MAX_UNITS);
});

it('a capped read of the whole page reads at most its cap, and still finds every status', async () => {
  log.length = 0;
  const some = await h.store.threads.all(SITE, PAGE, false, 500);
  const scanned = log.filter((e) => e.command === 'QueryCommand').reduce((n, e) => n + e.scanned, 0);
  expect(scanned).toBeLessThanOrEqual(500);
  expect(some).toHaveLength(500);
  // The listed range comes first: the ten approved ones are among what a capped read sees.
  expect(some.filter((c) => c.status === 'approved').map((c) => c.id)).toEqual(approvedIds);
  const queue = await h.store.moderation.queue({ site: SITE, page: PAGE, status: 'pending', limit: 5 });
  expect(queue.comments.map((c) => c.status)).toEqual(Array(5).fill('pending'));
});
