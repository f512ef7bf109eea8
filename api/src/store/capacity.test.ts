/** DynamoDB discipline, measured on DynamoDB Local: what one thread page and one post cost. */
import { BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { keys } from './keys.js';

function comment(i: number) {
  return {
    id: `c${String(i).padStart(6, '0')}aaaaaaaa`,
    site: 'cap',
    page: '/big/',
    parentId: null,
    depth: 0,
    body: `Comment number ${i}, with a sentence or two of text as readers write them.`,
    html: `<p>Comment number ${i}, with a sentence or two of text as readers write them.</p>`,
    authorName: 'Reader',
    avatar: 'abcdefabcdef',
    status: 'approved' as const,
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  };
}

/** One DynamoDB call: its command, its units, and whether it read a site's settings (cached between requests in the Lambda). */
type Entry = { command: string; rru: number; wru: number; siteRead?: boolean };
let h: Harness;
const log: Entry[] = [];

beforeAll(async () => {
  h = await createHarness();
  await h.site('cap', { origins: ['https://blog.example'] });
  h.db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      const cc = (out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      const list = (Array.isArray(cc) ? cc : cc ? [cc] : []) as Array<{
        ReadCapacityUnits?: number;
        WriteCapacityUnits?: number;
        CapacityUnits?: number;
      }>;
      // With TOTAL, DynamoDB reports CapacityUnits: read units for reads, write units for writes.
      const units = list.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
      const command = context.commandName ?? '?';
      const write = /Write|Put|Update|Delete/.test(command);
      const siteRead = String((input.Key as { pk?: unknown } | undefined)?.pk ?? '').startsWith('SITE#');
      log.push({ command, rru: write ? 0 : units, wru: write ? units : 0, siteRead });
      return out;
    },
    { step: 'initialize', name: 'capacityLog' },
  );
  await h.store.sites.get('cap');
  // Seed 1,000 comments the way the store writes them, in batches (the write path is tested elsewhere).
  const first = await h.store.comments.create(comment(0), {});
  const rest = Array.from({ length: 999 }, (_, i) => {
    const c = comment(i + 1);
    return {
      ...first.comment,
      ...c,
      ...keys.comment('cap', '/big/', c.createdAt, c.id),
      ...keys.queue('cap', 'approved', c.createdAt, c.id),
    };
  });
  for (let i = 0; i < rest.length; i += 25) {
    const batch = rest.slice(i, i + 25).flatMap((c) => [
      { PutRequest: { Item: c } },
      {
        PutRequest: {
          Item: {
            type: 'commentRef',
            ...keys.commentRef(c.id),
            id: c.id,
            site: 'cap',
            page: '/big/',
            commentSk: c.sk,
          },
        },
      },
    ]);
    for (let j = 0; j < batch.length; j += 25) {
      await h.db.doc.send(
        new BatchWriteCommand({ RequestItems: { [h.config.table]: batch.slice(j, j + 25) } }),
      );
    }
  }
  await h.db.doc.send(
    new UpdateCommand({
      TableName: h.config.table,
      Key: keys.page('cap', '/big/'),
      UpdateExpression: 'SET #count = :n, #total = :n',
      ExpressionAttributeNames: { '#count': 'count', '#total': 'total' },
      ExpressionAttributeValues: { ':n': 1000 },
    }),
  );
});
afterAll(() => h.drop());

it('reads the first page of a 1,000-comment thread with one Query within 3 read units', async () => {
  log.length = 0;
  const res = await h.app.request('/api/v1/comments?site=cap&page=/big/');
  expect(res.status).toBe(200);
  const body = (await res.json()) as { comments: unknown[]; page: { count: number }; nextCursor: string };
  expect(body.comments).toHaveLength(30);
  expect(body.page.count).toBe(1000);
  expect(body.nextCursor).toBeTruthy();
  const queries = log.filter((e) => e.command === 'QueryCommand');
  expect(queries).toHaveLength(1);
  // Besides the Query only the site's settings are read (cached for a few seconds outside tests).
  expect(log.filter((e) => e.command !== 'QueryCommand').map((e) => e.command)).toEqual(['GetItemCommand']);
  expect(queries[0]!.rru).toBeGreaterThan(0);
  expect(queries[0]!.rru).toBeLessThanOrEqual(3);
});

it('answers a conditional GET of an unchanged thread from one small read, no comment read', async () => {
  const first = await h.app.request('/api/v1/comments?site=cap&page=/big/');
  log.length = 0;
  const res = await h.app.request('/api/v1/comments?site=cap&page=/big/', {
    headers: { 'if-none-match': first.headers.get('etag')! },
  });
  expect(res.status).toBe(304);
  expect(log.some((e) => e.command === 'QueryCommand')).toBe(false);
  expect(log.map((e) => e.command)).toEqual(['GetItemCommand', 'GetItemCommand']);
  expect(log.reduce((n, e) => n + e.rru, 0)).toBeLessThanOrEqual(1);
});

it('reads counts for 20 pages with one request', async () => {
  log.length = 0;
  const pages = Array.from({ length: 20 }, (_, i) => `page=/p${i}/`).join('&');
  const res = await h.app.request(`/api/v1/counts?site=cap&${pages}&page=/big/`);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { counts: Record<string, number> }).counts['/big/']).toBe(1000);
  expect(log.filter((e) => e.command === 'BatchGetItemCommand')).toHaveLength(1);
});

it('posts a comment with an address in four plain writes of at most 6 write units in all (post-write.ts)', async () => {
  log.length = 0;
  const res = await h.app.request('/api/v1/comments', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      site: 'cap',
      page: '/big/',
      body: 'A new comment of ordinary length, a line or two.',
      author: { name: 'Reader', email: 'reader@example.com', website: 'https://reader.example' },
    }),
  });
  expect(res.status).toBe(201);
  const writes = log.filter((e) => e.wru > 0);
  expect(writes.map((e) => e.command)).toEqual([
    'UpdateItemCommand',
    'PutItemCommand',
    'PutItemCommand',
    'UpdateItemCommand',
  ]);
  expect(log.some((e) => e.command === 'TransactWriteItemsCommand')).toBe(false);
  // The page, the locator, the comment with its queue and author index entries, the page again.
  expect(writes.reduce((n, e) => n + e.wru, 0)).toBe(6);
});

it('casts a vote in three DynamoDB calls beside the site settings (cached in the Lambda): reference, comment and vote, one transaction', async () => {
  const vote = (value: number, ip: string) =>
    h.app.request('/api/v1/comments/c000007aaaaaaaa/vote', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test-ip': ip },
      body: JSON.stringify({ value }),
    });
  log.length = 0;
  const res = await vote(1, '10.7.0.1');
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ score: 1, up: 1, down: 0, value: 1 });
  expect(log.filter((e) => !e.siteRead).map((e) => e.command)).toEqual([
    'GetItemCommand',
    'BatchGetItemCommand',
    'TransactWriteItemsCommand',
  ]);
  // Changing one's mind is the same three calls; the same vote again writes nothing.
  log.length = 0;
  expect(await (await vote(-1, '10.7.0.1')).json()).toMatchObject({ score: -1, up: 0, down: 1, value: -1 });
  expect(log.filter((e) => !e.siteRead)).toHaveLength(3);
  log.length = 0;
  expect(await (await vote(-1, '10.7.0.1')).json()).toMatchObject({ score: -1, value: -1 });
  expect(log.filter((e) => !e.siteRead).map((e) => e.command)).toEqual([
    'GetItemCommand',
    'BatchGetItemCommand',
  ]);
});
