/** A post's four plain writes: a request dying after any of them is finished by its retry, or by the repair. */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { isComment, isCommentRef, isPage, type PageItem } from './items.js';
import { keys } from './keys.js';
import { parseMark, STALE_SEC } from './post-write.js';

const SITE = 'pw';
const ORIGIN = 'https://blog.example';
let h: Harness;
/** The write command (PutItem, UpdateItem) to fail next, counted from when it is set; 0: none. */
let failAt = 0;
let writes = 0;
/** Runs once the first write of a post (the page's mark) has landed. */
let afterMark: (() => Promise<void>) | undefined;

beforeAll(async () => {
  h = await createHarness();
  await h.site(SITE, { origins: [ORIGIN] });
  h.db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const write = /^(PutItem|UpdateItem)Command$/.test(context.commandName ?? '');
      if (write && failAt > 0 && ++writes === failAt) {
        failAt = 0;
        // What the SDK throws when DynamoDB is unreachable mid-request.
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      }
      const out = await next(args);
      if (write && afterMark && context.commandName === 'UpdateItemCommand') {
        const run = afterMark;
        afterMark = undefined;
        await run();
      }
      return out;
    },
    { step: 'initialize', name: 'crashAt' },
  );
});
afterAll(() => h?.drop());

const post = (page: string, key: string, body = 'A comment written once.') =>
  h.app.request('/api/v1/comments', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, 'idempotency-key': key },
    body: JSON.stringify({ site: SITE, page, body, author: { name: 'Ann', email: 'ann@example.com' } }),
  });

const pageItem = async (page: string) =>
  (
    await h.db.doc.send(
      new GetCommand({ TableName: h.db.table, Key: keys.page(SITE, page), ConsistentRead: true }),
    )
  ).Item as PageItem | undefined;

/** What the page's partition and the locators hold: the counts, the comments, and the marks left. */
async function state(page: string) {
  const res = await h.db.doc.send(
    new QueryCommand({
      TableName: h.db.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.pagePk(SITE, page) },
      ConsistentRead: true,
    }),
  );
  const items = res.Items ?? [];
  const comments = items.filter(isComment);
  const meta = items.find(isPage);
  const refs = await Promise.all(
    comments.map(
      async (c) =>
        (await h.db.doc.send(new GetCommand({ TableName: h.db.table, Key: keys.commentRef(c.id) }))).Item,
    ),
  );
  return {
    count: meta?.count ?? 0,
    total: meta?.total ?? 0,
    comments: comments.length,
    located: refs.filter((r, i) => isCommentRef(r) && r.commentSk === comments[i]!.sk).length,
    marks: [...(meta?.inflightAt ?? [])].length,
  };
}

describe('a request that dies after one of its writes', () => {
  // Write n + 1 fails: 1 the page's mark, 2 the locator, 3 the comment, 4 clearing the mark.
  it.each([0, 1, 2])('after write %i is finished by its retry: one comment, counted once', async (n) => {
    const page = `/retry-${n}/`;
    writes = 0;
    failAt = n + 1;
    expect((await post(page, `k-retry-${n}`)).status).toBe(503);
    expect((await state(page)).marks).toBe(n === 0 ? 0 : 1);
    const retry = await post(page, `k-retry-${n}`);
    expect(retry.status).toBe(201);
    expect(await state(page)).toEqual({ count: 1, total: 1, comments: 1, located: 1, marks: 0 });
    // A later retry is answered with the same comment, nothing written.
    const again = await post(page, `k-retry-${n}`);
    type Posted = { comment: { id: string } };
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as Posted).comment.id).toBe(((await retry.json()) as Posted).comment.id);
    expect(await state(page)).toEqual({ count: 1, total: 1, comments: 1, located: 1, marks: 0 });
  });

  it.each([1, 2, 3])('after write %i with no retry is repaired once its mark is stale', async (n) => {
    const page = `/repair-${n}/`;
    writes = 0;
    failAt = n + 1;
    // Only clearing the mark failing still answers 201: the comment is stored and counted.
    const kept = n === 3;
    expect((await post(page, `k-repair-${n}`)).status).toBe(kept ? 201 : 503);
    expect((await state(page)).marks).toBe(1);
    const id = parseMark([...((await pageItem(page))?.inflightAt ?? [])][0]!)!.id;
    // Not yet stale: a request may still be between its writes.
    expect(await h.store.comments.repairPosts(SITE, page, Date.now())).toBe(0);
    expect(await h.store.comments.repairPosts(SITE, page, Date.now() + STALE_SEC * 1000)).toBe(1);
    expect(await state(page)).toEqual(
      kept
        ? { count: 1, total: 1, comments: 1, located: 1, marks: 0 }
        : { count: 0, total: 0, comments: 0, located: 0, marks: 0 },
    );
    // No private record is left without its comment.
    const ref = await h.db.doc.send(new GetCommand({ TableName: h.db.table, Key: keys.commentRef(id) }));
    expect(isCommentRef(ref.Item)).toBe(kept);
  });

  it('the next post to the page repairs a mark gone stale', async () => {
    const page = '/next/';
    writes = 0;
    failAt = 2;
    expect((await post(page, 'k-next-0')).status).toBe(503);
    // As if the first attempt had died two minutes ago.
    const m = [...((await pageItem(page))?.inflightAt ?? [])][0]!;
    const old = m.replace(/#\d+$/, `#${Date.now() - STALE_SEC * 1000}`);
    const set = (UpdateExpression: string, v: string) =>
      h.db.doc.send(
        new UpdateCommand({
          TableName: h.db.table,
          Key: keys.page(SITE, page),
          UpdateExpression,
          ExpressionAttributeValues: { ':m': new Set([v]) },
        }),
      );
    await set('DELETE inflightAt :m', m);
    await set('ADD inflightAt :m', old);
    expect((await post(page, 'k-next-1', 'Another comment.')).status).toBe(201);
    expect(await state(page)).toEqual({ count: 1, total: 1, comments: 1, located: 1, marks: 0 });
  });

  it('`afterword repair` (and `npm start`) finishes the stale marks of every page', async () => {
    const pages = ['/scan-a/', '/scan-b/'];
    for (const page of pages) {
      writes = 0;
      failAt = 2;
      expect((await post(page, `k${page}`)).status).toBe(503);
    }
    expect(await h.store.posts.finishPosts(Date.now())).toBe(0);
    // Other tests' marks are stale by then too: at least these two.
    expect(await h.store.posts.finishPosts(Date.now() + STALE_SEC * 1000)).toBeGreaterThanOrEqual(2);
    for (const page of pages)
      expect(await state(page)).toEqual({ count: 0, total: 0, comments: 0, located: 0, marks: 0 });
    expect(await h.store.posts.finishPosts(Date.now() + STALE_SEC * 1000)).toBe(0);
  });

  it('a thread read between the writes does not keep its ETag once the comment is there', async () => {
    const page = '/etag/';
    expect((await post(page, 'k-etag-0')).status).toBe(201);
    let between: Response | undefined;
    afterMark = async () => {
      between = await h.app.request(`/api/v1/comments?site=${SITE}&page=${encodeURIComponent(page)}`);
    };
    expect((await post(page, 'k-etag-1', 'A second comment.')).status).toBe(201);
    const etag = between!.headers.get('etag')!;
    expect(((await between!.json()) as { comments: unknown[] }).comments).toHaveLength(1);
    const after = await h.app.request(`/api/v1/comments?site=${SITE}&page=${encodeURIComponent(page)}`, {
      headers: { 'if-none-match': etag },
    });
    expect(after.status).toBe(200);
    expect(((await after.json()) as { comments: unknown[] }).comments).toHaveLength(2);
  });

  it('a page move waits for a post between its writes, and repairs a stale one first', async () => {
    const page = '/moving/';
    writes = 0;
    failAt = 2;
    expect((await post(page, 'k-move')).status).toBe(503);
    await expect(h.store.pageMoves.move(SITE, page, '/moved/', new Date().toISOString())).rejects.toThrow(
      /being written/,
    );
    expect((await state(page)).marks).toBe(1);
    // The next post to the page repairs marks gone stale (here, as if two minutes had passed).
    const m = [...((await pageItem(page))?.inflightAt ?? [])][0]!;
    expect(await h.store.comments.repairPosts(SITE, page, (parseMark(m)?.at ?? 0) + STALE_SEC * 1000)).toBe(
      1,
    );
    expect(await h.store.pageMoves.move(SITE, page, '/moved/', new Date().toISOString())).toBeDefined();
  });

  it('a locked thread refuses a post and leaves no mark and no locator', async () => {
    const page = '/locked/';
    expect((await post(page, 'k-lock-0')).status).toBe(201);
    await h.store.moderation.setLocked(SITE, page, true, new Date().toISOString());
    const res = await post(page, 'k-lock-1');
    expect(res.status).toBe(403);
    expect(await state(page)).toEqual({ count: 1, total: 1, comments: 1, located: 1, marks: 0 });
  });
});
