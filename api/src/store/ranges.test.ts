/** Listed and hidden ranges: moves keep counts, thread order, locators, replies, the queue and exports right. */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import { jobsFor, priorImage } from '../notify/events.js';
import { exportChunk } from '../portability/export.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { newComment } from '../testing/new-comment.js';
import { StatusConflictError } from './comments.js';
import { decodeImage } from './images.js';
import { type CommentItem, type CommentStatus, isComment, isCommentRef } from './items.js';
import { HIDDEN_SK_PREFIX, isCommentSk, keys } from './keys.js';
import { refItem } from './private.js';
import { openStream } from './stream.js';

const SITE = 'ranges';
let h: Harness;
let seq = 0;

beforeAll(async () => {
  h = await createHarness();
  await h.site(SITE, { origins: ['https://blog.example'] });
});
afterAll(() => h?.drop());

async function post(page: string, status: CommentStatus, parent?: CommentItem): Promise<CommentItem> {
  seq++;
  const { comment } = await h.store.comments.create(
    newComment({ site: SITE, page, prefix: 'r' }, seq, status, parent),
    {},
  );
  return comment;
}

async function stored(sk: string, page: string) {
  const { Item } = await h.db.doc.send(
    new GetCommand({
      TableName: h.config.table,
      Key: { pk: keys.pagePk(SITE, page), sk },
      ConsistentRead: true,
    }),
  );
  return Item;
}

/** Everything a move must keep right, checked from storage. */
async function expectConsistent(page: string, all: CommentItem[]) {
  const listed = all.filter((c) => c.status === 'approved' || (c.status === 'deleted' && c.placeholder));
  const meta = await h.store.threads.getPage(SITE, page);
  expect(meta?.count).toBe(all.filter((c) => c.status === 'approved').length);
  expect(meta?.total).toBe(all.length);
  const thread = await h.store.threads.list(SITE, page, 'oldest', 50);
  expect(thread.comments.map((c) => c.id)).toEqual(listed.map((c) => c.id));
  const newest = await h.store.threads.list(SITE, page, 'newest', 50);
  expect(newest.comments.map((c) => c.id)).toEqual(listed.map((c) => c.id).reverse());
  for (const c of all) {
    const read = await h.store.comments.read(c.id);
    expect(read?.status, c.id).toBe(c.status);
    const listedNow = listed.includes(c);
    expect(read?.sk.startsWith(listedNow ? 'C#' : HIDDEN_SK_PREFIX), c.id).toBe(true);
    const { Item: ref } = await h.db.doc.send(
      new GetCommand({ TableName: h.config.table, Key: keys.commentRef(c.id), ConsistentRead: true }),
    );
    expect(isCommentRef(ref) && ref.commentSk).toBe(read?.sk);
    // The other range holds no copy.
    const other = read!.sk.replace(/^[CH]#/, listedNow ? HIDDEN_SK_PREFIX : 'C#');
    expect(await stored(other, page)).toBeUndefined();
  }
  const every = await h.store.threads.all(SITE, page, false);
  expect(every.map((c) => c.id)).toEqual(all.map((c) => c.id));
}

describe('moves between the listed and the hidden range', () => {
  it('approve, spam, delete, edit-held and back keep counts, order, locators and the queue right', async () => {
    const page = '/moves/';
    const a = await post(page, 'approved');
    const p = await post(page, 'pending');
    const s = await post(page, 'approved');
    const e = await post(page, 'approved');
    const reply = await post(page, 'pending', a);
    const d = await post(page, 'approved');
    const now = () => h.deps.now().toISOString();
    expect(p.sk.startsWith(HIDDEN_SK_PREFIX)).toBe(true);
    expect(a.sk.startsWith('C#')).toBe(true);

    const approved = await h.store.comments.setStatus(p, 'approved', now());
    const spammed = await h.store.comments.setStatus(s, 'spam', now());
    const held = await h.store.comments.edit(e, 'changed', '<p>changed</p>', now(), {
      status: 'pending',
      spamReasons: ['links'],
    });
    expect(held).toMatchObject({ status: 'pending', body: 'changed', spamReasons: ['links'] });
    expect((await h.store.comments.read(e.id))?.body).toBe('changed');
    // A parent whose only reply is pending still has replies (the reply is in the hidden range).
    expect(await h.store.threads.hasReplies(a)).toBe(true);
    expect(await h.store.threads.hasReplies(d)).toBe(false);
    const placeholder = await h.store.comments.setStatus(a, 'deleted', now(), { placeholder: true });
    const gone = await h.store.comments.setStatus(d, 'deleted', now(), { placeholder: false, wipe: true });
    expect(gone.sk.startsWith(HIDDEN_SK_PREFIX)).toBe(true);
    expect(placeholder.sk).toBe(a.sk);
    await expectConsistent(page, [placeholder, approved, spammed, held, reply, gone]);

    // The page's queue finds each status in its range; its cursors page on.
    const pending = await h.store.moderation.queue({ site: SITE, page, status: 'pending', limit: 1 });
    expect(pending.comments.map((c) => c.id)).toEqual([reply.id]);
    expect(isCommentSk(pending.next?.sk, 'hidden')).toBe(true);
    const more = await h.store.moderation.queue({
      site: SITE,
      page,
      status: 'pending',
      limit: 5,
      ...(pending.next ? { after: pending.next } : {}),
    });
    expect(more.comments.map((c) => c.id)).toEqual([e.id]);
    const ok = await h.store.moderation.queue({ site: SITE, page, status: 'approved', limit: 10 });
    expect(ok.comments.map((c) => c.id)).toEqual([p.id]);
    const any = await h.store.moderation.queue({ site: SITE, page, limit: 10 });
    expect(new Set(any.comments.map((c) => c.id))).toEqual(new Set([a.id, p.id, s.id, e.id, reply.id, d.id]));
    const site = await h.store.moderation.queue({ site: SITE, status: 'spam', limit: 10 });
    expect(site.comments.map((c) => c.id)).toEqual([s.id]);

    // And back again: each returns to the listed range, counted.
    const back = await h.store.comments.setStatus(spammed, 'approved', now());
    const unheld = await h.store.comments.setStatus(held, 'approved', now());
    expect(back.sk).toBe(s.sk);
    expect(unheld).toMatchObject({ sk: e.sk, body: 'changed' });
    await expectConsistent(page, [placeholder, approved, back, unheld, reply, gone]);
  });

  it('a move from a stale read is a conflict and changes nothing; two at once, one wins', async () => {
    const page = '/race/';
    const c = await post(page, 'pending');
    const now = h.deps.now().toISOString();
    const [x, y] = await Promise.allSettled([
      h.store.comments.setStatus(c, 'approved', now),
      h.store.comments.setStatus(c, 'spam', now),
    ]);
    const won = [x, y].filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const lost = [x, y].find((r) => r.status === 'rejected');
    expect((lost as PromiseRejectedResult).reason).toBeInstanceOf(StatusConflictError);
    const winner = (won[0] as PromiseFulfilledResult<CommentItem>).value;
    await expectConsistent(page, [winner]);
    // The stale copy (still pending) cannot move it again.
    await expect(h.store.comments.setStatus(c, 'deleted', now, { placeholder: false })).rejects.toThrow(
      StatusConflictError,
    );
    await expectConsistent(page, [winner]);
  });

  it('a move carries what was written since the caller read the comment (votes)', async () => {
    const page = '/votes/';
    const c = await post(page, 'approved');
    const now = h.deps.now().toISOString();
    await h.store.votes.cast({ comment: c, voter: 'v'.repeat(32), old: 0 }, 1, now);
    await h.store.votes.cast({ comment: c, voter: 'w'.repeat(32), old: 0 }, -1, now);
    await h.store.votes.cast({ comment: c, voter: 'x'.repeat(32), old: 0 }, 1, now);
    const spam = await h.store.comments.setStatus(c, 'spam', now);
    expect(spam).toMatchObject({ score: 1, up: 2, down: 1 });
    const back = await h.store.comments.setStatus(spam, 'approved', now);
    expect(await h.store.comments.read(c.id)).toMatchObject({ status: 'approved', score: 1, up: 2, down: 1 });
    await expectConsistent(page, [back]);
  });

  it('an import marks a deleted parent as placeholder by moving it to the listed range', async () => {
    const page = '/imported/';
    const parent = await post(page, 'deleted');
    const child = await post(page, 'approved', parent);
    expect(parent.sk.startsWith(HIDDEN_SK_PREFIX)).toBe(true);
    await h.store.imports.markPlaceholder(SITE, page, parent.createdAt, parent.id);
    await h.store.imports.markPlaceholder(SITE, page, parent.createdAt, parent.id);
    await expectConsistent(page, [{ ...parent, placeholder: true }, child]);
  });

  it('exports every comment of every status once, across chunks that stop in either range', async () => {
    const page = '/export/';
    const made: CommentItem[] = [];
    for (const status of ['approved', 'pending', 'spam', 'approved', 'deleted', 'pending'] as const)
      made.push(await post(page, status));
    await h.store.comments.setStatus(made[1]!, 'approved', h.deps.now().toISOString());
    const s = (await h.store.sites.get(SITE))!;
    const seen: { id: string; status: string }[] = [];
    let cursor: string | undefined;
    let chunks = 0;
    const stops: string[] = [];
    do {
      // A small byte budget: a comment or two per chunk, so cursors land in both ranges.
      const chunk = await exportChunk(h.store, s, cursor, {
        maxBytes: 800,
        remainingMs: () => 60_000,
        reserveMs: 1,
      });
      for (const c of chunk.comments) if (c.page === page) seen.push({ id: c.id, status: c.status });
      cursor = chunk.nextCursor ?? undefined;
      if (cursor) stops.push(String(decodeCursor(cursor)?.k));
      chunks++;
    } while (cursor && chunks < 200);
    expect(cursor).toBeUndefined();
    expect(stops.some((k) => k.startsWith('C#'))).toBe(true);
    expect(stops.some((k) => k.startsWith(HIDDEN_SK_PREFIX))).toBe(true);
    expect(seen.map((c) => c.id).sort()).toEqual(made.map((c) => c.id).sort());
    expect(new Map(seen.map((c) => [c.id, c.status])).get(made[1]!.id)).toBe('approved');
  });
});

describe('data from before the ranges', () => {
  it('hidden comments written in the listed range move to the hidden one at start-up, once', async () => {
    const page = '/legacy/';
    const ok = await post(page, 'approved');
    const legacy: CommentItem[] = [];
    for (const status of ['pending', 'spam', 'deleted'] as const) {
      const c = await post(page, status);
      // Where an older version kept it: the listed range, its locator pointing there.
      const old = { ...c, sk: c.sk.replace(HIDDEN_SK_PREFIX, 'C#') };
      await h.db.doc.send(new DeleteCommand({ TableName: h.config.table, Key: { pk: c.pk, sk: c.sk } }));
      await h.db.doc.send(new PutCommand({ TableName: h.config.table, Item: old }));
      await h.db.doc.send(new PutCommand({ TableName: h.config.table, Item: refItem(old) }));
      legacy.push(c);
    }
    // Still kept out of the thread, and readable by id, before the repair.
    expect((await h.store.threads.list(SITE, page, 'oldest', 50)).comments.map((c) => c.id)).toEqual([ok.id]);
    expect((await h.store.comments.read(legacy[0]!.id))?.sk.startsWith('C#')).toBe(true);
    expect(await h.store.ranges.moveHiddenOutOfListed()).toBe(3);
    expect(await h.store.ranges.moveHiddenOutOfListed()).toBe(0);
    await expectConsistent(page, [ok, ...legacy]);
  });
});

describe('the stream of a move', () => {
  it('reads as the status change it is: no second "created", no second verification mail', async () => {
    const stream = openStream(h.config, 'TRIM_HORIZON');
    try {
      const page = '/stream/';
      const parent = await post(page, 'approved');
      seq++;
      const { comment: reply } = await h.store.comments.create(
        {
          id: `r${String(seq).padStart(5, '0')}bbbbbbbb`,
          site: SITE,
          page,
          parentId: parent.id,
          depth: 1,
          body: 'a reply',
          html: '<p>a reply</p>',
          authorName: 'Bo',
          authorEmail: 'bo@example.com',
          emailHash: 'b'.repeat(32),
          notify: true,
          avatar: 'abcdefabcdef',
          status: 'pending',
          createdAt: h.deps.now().toISOString(),
        },
        {},
      );
      const approved = await h.store.comments.setStatus(reply, 'approved', h.deps.now().toISOString());
      const held = await h.store.comments.edit(
        approved,
        'edited',
        '<p>edited</p>',
        h.deps.now().toISOString(),
        {
          status: 'pending',
        },
      );
      expect(held.sk.startsWith(HIDDEN_SK_PREFIX)).toBe(true);
      const records = [];
      for (let i = 0; i < 20 && records.length < 5; i++) {
        for (const r of (await stream.poll()).flatMap((b) => b.records)) {
          const image = r.dynamodb?.NewImage ?? r.dynamodb?.OldImage;
          if (image?.type?.S === 'comment' && image.id?.S === reply.id) records.push(r);
        }
      }
      const jobs = records.map((r) => {
        const after = decodeImage(r.dynamodb?.NewImage);
        const before = decodeImage(r.dynamodb?.OldImage);
        const a = isComment(after) ? after : undefined;
        const b = priorImage(isComment(before) ? before : undefined, a);
        return `${r.eventName} ${jobsFor(b, a, Date.now())
          .map((j) => (j.kind === 'webhook' ? j.event : j.kind))
          .join(',')}`;
      });
      // Created (held), moved to approved (remove + insert), moved back by the held edit (remove + insert:
      // the moderators hear that a published comment was held again).
      expect(jobs.sort()).toEqual(
        [
          'INSERT moderators,verify,created',
          'REMOVE ',
          'INSERT reply,approved',
          'REMOVE ',
          'INSERT moderators,edited',
        ].sort(),
      );
    } finally {
      stream.close();
    }
  });
});

describe('cursors', () => {
  it('a thread cursor must be a listed sort key; a hidden one is refused', async () => {
    const page = '/cursors/';
    for (let i = 0; i < 3; i++) await post(page, 'approved');
    const hidden = await post(page, 'pending');
    const first = await h.app.request(`/api/v1/comments?site=${SITE}&page=${page}&limit=2`);
    const body = (await first.json()) as { nextCursor: string };
    const next = await h.app.request(
      `/api/v1/comments?site=${SITE}&page=${page}&limit=2&cursor=${body.nextCursor}`,
    );
    expect(next.status).toBe(200);
    expect(((await next.json()) as { comments: unknown[] }).comments).toHaveLength(1);
    for (const sort of ['oldest', 'newest']) {
      const forged = encodeCursor({ s: sort, k: hidden.sk });
      const res = await h.app.request(
        `/api/v1/comments?site=${SITE}&page=${page}&sort=${sort}&cursor=${forged}`,
      );
      expect(res.status).toBe(400);
    }
    expect(isCommentSk(hidden.sk)).toBe(false);
    expect(isCommentSk(hidden.sk, 'hidden')).toBe(true);
    expect(isCommentSk(hidden.sk, 'any')).toBe(true);
    expect(isCommentSk(hidden.sk.replace('H#', 'X#'), 'any')).toBe(false);
  });
});
