/** `sort=top` from the top index: the order the whole-thread ranking gave, kept through votes, moderation and moves. */
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { newComment } from '../testing/new-comment.js';
import type { CommentItem, CommentStatus } from './items.js';
import { keys } from './keys.js';
import { createTableInput, deleteTable, ensureTable } from './table.js';
import { isTopCursor } from './top.js';

const SITE = 'top';
let h: Harness;
let seq = 0;

beforeAll(async () => {
  h = await createHarness();
  await h.site(SITE, { origins: ['https://blog.example'] });
});
afterAll(() => h?.drop());

async function post(page: string, status: CommentStatus = 'approved', parent?: CommentItem) {
  seq++;
  const { comment } = await h.store.comments.create(
    newComment({ site: SITE, page, prefix: 't', filler: 'c' }, seq, status, parent, {
      // Two comments share each second: ties on createdAt are broken by id, as the sort keys order them.
      createdAt: new Date(Date.UTC(2026, 2, 1) + Math.floor(seq / 2) * 1000).toISOString(),
    }),
    {},
  );
  return comment;
}

const now = () => h.deps.now().toISOString();

/** `n` votes of `value` from distinct voters, through the store as the vote route casts them. */
async function vote(c: CommentItem, value: 1 | -1 | 0, n = 1, voter = 'v') {
  for (let i = 0; i < n; i++) {
    const t = await h.store.votes.target(c.id, () => `${voter}${i}`.padEnd(32, 'x'));
    await h.store.votes.cast(t!, value, now());
  }
}

/** The comment's item as stored (its top index keys included). */
async function raw(c: CommentItem) {
  const ref = await h.db.doc.send(
    new GetCommand({ TableName: h.config.table, Key: keys.commentRef(c.id), ConsistentRead: true }),
  );
  const { Item } = await h.db.doc.send(
    new GetCommand({
      TableName: h.config.table,
      Key: { pk: keys.pagePk(SITE, ref.Item!.page), sk: ref.Item!.commentSk },
      ConsistentRead: true,
    }),
  );
  return Item;
}

/** What `sort=top` answered before the index: every listed comment ranked by score, then oldest first. */
async function oldTop(page: string): Promise<string[]> {
  const all = await h.store.threads.all(SITE, page, true);
  all.sort((a, b) => b.score - a.score || a.createdAt.localeCompare(b.createdAt));
  return all.map((c) => c.id);
}

/** Every page of `sort=top` through the route, `limit` at a time: the ids and the cursors handed out. */
async function walk(page: string, limit: number) {
  const ids: string[] = [];
  const cursors: string[] = [];
  let cursor = '';
  for (let round = 0; round < 100; round++) {
    const res = await h.app.request(
      `/api/v1/comments?site=${SITE}&page=${page}&sort=top&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { comments: { id: string }[]; nextCursor: string | null };
    ids.push(...body.comments.map((c) => c.id));
    if (!body.nextCursor) return { ids, cursors };
    cursor = body.nextCursor;
    cursors.push(cursor);
  }
  throw new Error('top kept handing out cursors');
}

/** A thread of positives, ties, zeros, negatives, replies, a voted placeholder and voted hidden comments. */
async function mixed(page: string) {
  const a = await post(page);
  const b = await post(page);
  const b1 = await post(page, 'approved', b);
  const c = await post(page);
  const d = await post(page);
  const d1 = await post(page, 'approved', d);
  const e = await post(page);
  const f = await post(page);
  const g = await post(page);
  const held = await post(page);
  const spam = await post(page);
  const ph = await post(page);
  const ph1 = await post(page, 'approved', ph);
  await vote(b, 1, 3);
  await vote(b1, 1, 2);
  await vote(d, 1, 2); // the same score as b1, younger: after it
  await vote(e, -1, 2);
  await vote(f, -1, 1);
  await vote(g, 1, 1);
  await vote(g, 0, 1); // back to 0: out of the index again
  await vote(held, 1, 5);
  await vote(spam, 1, 4);
  await vote(ph, 1, 6);
  await h.store.comments.setStatus((await h.store.comments.read(held.id))!, 'pending', now());
  await h.store.comments.setStatus((await h.store.comments.read(spam.id))!, 'spam', now());
  await h.store.comments.setStatus((await h.store.comments.read(ph.id))!, 'deleted', now(), {
    placeholder: true,
  });
  return { a, b, b1, c, d, d1, e, f, g, held, spam, ph, ph1 };
}

describe('sort=top', () => {
  it('lists a mixed thread in the order the whole-thread ranking gave, at every page size', async () => {
    const page = '/mixed/';
    const t = await mixed(page);
    const expected = await oldTop(page);
    // The placeholder (6), b (3), b1 and d (2, oldest first), the zeros oldest first, f (-1), e (-2).
    expect(expected).toEqual([t.ph, t.b, t.b1, t.d, t.a, t.c, t.d1, t.g, t.ph1, t.f, t.e].map((c) => c.id));
    for (const limit of [1, 3, 100]) {
      const { ids, cursors } = await walk(page, limit);
      expect(ids, `limit ${limit}`).toEqual(expected);
      // Every cursor is a place in a pass, refused by the other sorts.
      for (const k of cursors) expect(isTopCursor(decodeCursor(k)?.k)).toBe(true);
    }
    expect((await walk(page, 100)).cursors).toEqual([]);
  });

  it('indexes a comment only while it is listed with a non-zero score; a post writes no index key', async () => {
    const page = '/keys/';
    const c = await post(page);
    expect(await raw(c)).not.toHaveProperty('gsi4pk');
    await vote(c, 1, 2);
    expect(await raw(c)).toMatchObject({ gsi4pk: `TOP#${SITE}#${page}`, score: 2 });
    await vote(c, 0, 1); // the first voter withdraws: score 1, its rank TOP_ZERO − 1
    expect((await raw(c))?.gsi4sk).toBe(`09${'9'.repeat(14)}#${c.createdAt}#${c.id}`);
    await vote(c, -1, 1); // and votes down: score 0
    expect(await raw(c)).toMatchObject({ score: 0 });
    expect(await raw(c)).not.toHaveProperty('gsi4pk');
    expect(await raw(c)).not.toHaveProperty('gsi4sk');

    await vote(c, 1, 3, 'w');
    const spam = await h.store.comments.setStatus((await h.store.comments.read(c.id))!, 'spam', now());
    expect(await raw(c)).not.toHaveProperty('gsi4pk');
    expect((await walk(page, 10)).ids).toEqual([]);
    await h.store.comments.setStatus(spam, 'approved', now());
    expect(await raw(c)).toMatchObject({ gsi4pk: `TOP#${SITE}#${page}`, score: 3 });
    expect((await walk(page, 10)).ids).toEqual([c.id]);
  });

  it('never lists a hidden comment, even one an index entry still points at', async () => {
    const page = '/hidden/';
    const shown = await post(page);
    const held = await post(page, 'pending');
    await vote(shown, 1, 1);
    // A hidden item carrying top keys (as a bug or an older version might leave it): the index holds
    // an entry for it, the list reads the item and leaves it out.
    const item = await raw(held);
    await h.db.doc.send(
      new PutCommand({
        TableName: h.config.table,
        Item: { ...item, score: 9, ...keys.top(SITE, page, 9, held.createdAt, held.id) },
      }),
    );
    expect((await walk(page, 1)).ids).toEqual([shown.id]);
    expect((await walk(page, 10)).ids).toEqual([shown.id]);
  });

  it('moves the index keys with the thread when the page moves', async () => {
    const from = '/before-move/';
    const to = '/after-move/';
    const t = await mixed(from);
    const expected = await oldTop(from);
    await h.store.pageMoves.move(SITE, from, to, now());
    expect((await walk(from, 5)).ids).toEqual([]);
    expect((await walk(to, 5)).ids).toEqual(expected);
    expect(await raw(t.b)).toMatchObject({ gsi4pk: `TOP#${SITE}#${to}` });
    expect(await raw(t.held)).not.toHaveProperty('gsi4pk');
  });

  it('indexes imported comments by their votes, a deleted parent once it is a placeholder', async () => {
    const page = '/imported/';
    const entry = (
      n: number,
      status: CommentStatus,
      up: number,
      down: number,
      parentId: string | null = null,
    ) => {
      seq++;
      return {
        comment: {
          id: `i${String(seq).padStart(5, '0')}cccccccc`,
          site: SITE,
          page,
          parentId,
          depth: parentId ? 1 : 0,
          body: `imported ${n}`,
          html: `<p>imported ${n}</p>`,
          authorName: 'Imp',
          avatar: 'abcdefabcdef',
          status,
          createdAt: new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString(),
        },
        up,
        down,
        votes: [],
      };
    };
    const zero = entry(1, 'approved', 0, 0);
    const liked = entry(2, 'approved', 4, 1);
    const disliked = entry(3, 'approved', 0, 2);
    const held = entry(4, 'pending', 9, 0);
    const gone = entry(5, 'deleted', 5, 0);
    const reply = entry(6, 'approved', 0, 0, gone.comment.id);
    await h.store.imports.write(SITE, page, [zero, liked, disliked, held, gone, reply], now());
    const ids = (e: { comment: { id: string } }[]) => e.map((x) => x.comment.id);
    expect((await walk(page, 2)).ids).toEqual(ids([liked, zero, reply, disliked]));
    await h.store.imports.markPlaceholder(SITE, page, gone.comment.createdAt, gone.comment.id);
    expect((await walk(page, 2)).ids).toEqual(ids([gone, liked, zero, reply, disliked]));
    expect((await walk(page, 2)).ids).toEqual(await oldTop(page));
  });

  it('refuses a cursor it did not hand out, or one from another sort', async () => {
    const page = '/mixed/';
    const get = (k: string | number) =>
      h.app.request(
        `/api/v1/comments?site=${SITE}&page=${page}&sort=top&limit=2&cursor=${encodeCursor({ s: 'top', k })}`,
      );
    const top = await h.app.request(`/api/v1/comments?site=${SITE}&page=${page}&sort=top&limit=2`);
    const next = ((await top.json()) as { nextCursor: string }).nextCursor;
    const oldest = await h.app.request(
      `/api/v1/comments?site=${SITE}&page=${page}&sort=oldest&cursor=${next}`,
    );
    expect(oldest.status).toBe(400);
    for (const k of [
      2,
      'P',
      'X',
      `P${keys.top(SITE, page, -1, '2026-03-01T00:00:00.000Z', 'abcdefgh12').gsi4sk}`,
      `N${keys.top(SITE, page, 1, '2026-03-01T00:00:00.000Z', 'abcdefgh12').gsi4sk}`,
      'ZH#2026-03-01T00:00:00.000Z#abcdefgh12',
      'Z#2026',
    ]) {
      const res = await get(k);
      expect(res.status, String(k)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_cursor');
    }
  });
});

describe('upgrade', () => {
  it('adds the top index to a table made before it, as an UpdateTable', async () => {
    const name = `${h.config.table}_old`;
    const input = createTableInput(name);
    // As an older version made it: three indexes, and no attribute of the fourth.
    const old = {
      ...input,
      AttributeDefinitions: input.AttributeDefinitions?.filter((a) => !a.AttributeName?.startsWith('gsi4')),
      GlobalSecondaryIndexes: input.GlobalSecondaryIndexes?.filter((ix) => ix.IndexName !== 'gsi4'),
    };
    await h.db.client.send(new CreateTableCommand(old));
    try {
      expect(await ensureTable(h.db.client, name)).toEqual({ created: false });
      const { Table } = await h.db.client.send(new DescribeTableCommand({ TableName: name }));
      const gsi4 = Table?.GlobalSecondaryIndexes?.find((ix) => ix.IndexName === 'gsi4');
      expect(gsi4?.Projection?.ProjectionType).toBe('KEYS_ONLY');
      expect(gsi4?.KeySchema?.map((k) => k.AttributeName)).toEqual(['gsi4pk', 'gsi4sk']);
    } finally {
      await deleteTable(h.db.client, name);
    }
  });

  it('gives comments voted before the index their keys, once', async () => {
    const page = '/voted-before/';
    const a = await post(page);
    const b = await post(page);
    const c = await post(page);
    await vote(b, 1, 2);
    await vote(c, -1, 1);
    // As an older version left them: scores without index keys.
    for (const x of [b, c]) {
      const item = await raw(x);
      await h.db.doc.send(
        new UpdateCommand({
          TableName: h.config.table,
          Key: { pk: item!.pk, sk: item!.sk },
          UpdateExpression: 'REMOVE gsi4pk, gsi4sk',
        }),
      );
    }
    expect((await walk(page, 10)).ids).toEqual([a.id, b.id, c.id]);
    // These two, and whatever else in this file's table has keys its state does not call for.
    expect(await h.store.topKeys.fixTopKeys()).toBeGreaterThanOrEqual(2);
    expect(await h.store.topKeys.fixTopKeys()).toBe(0);
    expect((await walk(page, 10)).ids).toEqual([b.id, a.id, c.id]);
  });
});
