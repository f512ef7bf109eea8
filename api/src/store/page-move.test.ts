/**
 * Page moves on DynamoDB Local: everything follows (the page's reactions and their readers too), counts stay, a
 * crash at any step is finished by running again.
 */
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicCounts } from '../contract/reactions.js';
import { jobsFor, priorImage } from '../notify/events.js';
import { createHarness, type Harness } from '../testing/harness.js';
import type { Db } from './client.js';
import type { ImportEntry } from './imports.js';
import { isReactionItem } from './items.js';
import { keys } from './keys.js';
import { createPageMover, PageMoveRefused } from './page-move.js';
import { queryPartition } from './query.js';
import type { Counted } from './reactions.js';

let h: Harness;
const SITE = 'mv';
const HASH = (n: number) => n.toString(16).padStart(32, '0');

beforeAll(async () => {
  h = await createHarness();
  await h.site(SITE);
});
afterAll(async () => {
  await h?.drop();
});

/** What a reader reacts on: the page itself, or a comment (both as the reaction routes read them). */
async function onPage(page: string): Promise<Counted> {
  return { kind: 'page', site: SITE, page, item: (await h.store.reactions.page(SITE, page)).item };
}
async function onComment(id: string): Promise<Counted> {
  return { kind: 'comment', comment: (await h.store.reactions.comment(id)).comment! };
}
const react = async (t: Promise<Counted>, emoji: string, reader: string, on = true) =>
  h.store.reactions.set(await t, emoji, reader, on, new Date().toISOString());

/**
 * A thread of `n` comments (every third a reply to the first, one pending, one spam), votes and two ❤️ on the
 * first, and `n` readers' reactions on the page itself (every tenth 🎉, the others 👍).
 */
async function seed(page: string, n: number, locked = true): Promise<string[]> {
  const now = new Date().toISOString();
  const ids = Array.from({ length: n }, (_, i) => `${page.replace(/\W/g, '')}x${i}`.padEnd(12, '0'));
  const entries: ImportEntry[] = ids.map((id, i) => ({
    comment: {
      id,
      site: SITE,
      page,
      parentId: i > 0 && i % 3 === 0 ? ids[0]! : null,
      depth: i > 0 && i % 3 === 0 ? 1 : 0,
      body: `comment ${i}`,
      html: `<p>comment ${i}</p>`,
      authorName: `A${i % 4}`,
      emailHash: HASH(i % 4),
      avatar: 'abcdefabcdef',
      status: i === 1 ? 'pending' : i === 2 ? 'spam' : 'approved',
      createdAt: new Date(Date.now() - (n - i) * 1000).toISOString(),
      ...(i === 0 ? { notify: true, authorEmail: 'a0@example.org' } : {}),
    },
    up: i === 0 ? 2 : 0,
    down: i === 0 ? 1 : 0,
    votes:
      i === 0
        ? [
            { voter: 'v1', value: 1, createdAt: now },
            { voter: 'v2', value: 1, createdAt: now },
            { voter: 'v3', value: -1, createdAt: now },
          ]
        : [],
  }));
  for (let i = 0; i < entries.length; i += 40)
    await h.store.imports.write(SITE, page, entries.slice(i, i + 40), now);
  await react(onComment(ids[0]!), '❤️', 'reader-a');
  await react(onComment(ids[0]!), '❤️', 'reader-b');
  for (let i = 0; i < n; i++) await react(onPage(page), i % 10 === 9 ? '🎉' : '👍', `reader-${i}`);
  await h.store.imports.describePage(
    SITE,
    page,
    { title: 'Test', url: `https://blog.example${page}?utm=x`, locked },
    now,
  );
  await h.store.subscriptions.mute(SITE, HASH(1), page, now);
  // A link the page keeps in its own partition (as a page ↔ remote post link would be kept).
  await h.db.doc.send(
    new PutCommand({
      TableName: h.db.table,
      Item: {
        type: 'remoteLink',
        ...keys.page(SITE, page),
        sk: 'LINK#mastodon',
        page,
        url: 'https://social.example/@b/1',
      },
    }),
  );
  return ids;
}

/** The readers' items of a page's own reactions (`emoji reader page`). */
async function reactors(page: string): Promise<string[]> {
  const items = await queryPartition(h.db, keys.reactionPk({ site: SITE, page }), isReactionItem);
  return items.map((r) => `${r.emoji} ${r.reactor} ${r.page}`).sort();
}

/** What a reader, a moderator and the notifier see of a page: counts, meta, comments, opt-outs, links, reactions. */
async function state(page: string) {
  const meta = (await h.store.pages.many(SITE, [page])).get(page);
  const all = await h.store.threads.all(SITE, page, false);
  const link = await h.db.doc.send(
    new GetCommand({ TableName: h.db.table, Key: { ...keys.page(SITE, page), sk: 'LINK#mastodon' } }),
  );
  return {
    count: meta?.count,
    total: meta?.total,
    title: meta?.title,
    url: meta?.url,
    locked: meta?.locked,
    marks: [meta?.movingTo, meta?.movingFrom],
    comments: all
      .map((c) => `${c.id} ${c.status} ${c.parentId ?? '-'} ${c.score} ${JSON.stringify(c.reactions ?? {})}`)
      .sort(),
    muted: await h.store.subscriptions.isMuted(SITE, HASH(1), page),
    link: link.Item ? `${link.Item.page} ${link.Item.url}` : undefined,
    reactions: publicCounts(meta?.reactions) as Record<string, number> | undefined,
    // The readers' items, named without their page (compared across a move; `page` is checked apart).
    reactors: (await reactors(page)).map((r) => r.replace(/ \/.*$/, '')),
  };
}

/** Rounds of 4 items: a thread of 10 takes three rounds of comments and three of the page's reactions. */
const ROUND = 4;
const mover = () => createPageMover(h.db, { batch: ROUND });

describe('page move', () => {
  it('moves the thread, its counts, meta, votes, opt-outs and links; the old path is empty', async () => {
    const ids = await seed('/2014/test/', 8);
    const before = await state('/2014/test/');
    expect(before).toMatchObject({ count: 6, total: 8, locked: true, muted: true });
    const result = await mover().move(SITE, '/2014/test/', '/posts/test/', new Date().toISOString());
    expect(result).toMatchObject({ comments: 8, others: 1, optOuts: 1 });
    expect(result?.page).toMatchObject({
      page: '/posts/test/',
      count: 6,
      total: 8,
      locked: true,
      title: 'Test',
    });
    const after = await state('/posts/test/');
    expect(after).toEqual({
      ...before,
      url: 'https://blog.example/posts/test/',
      link: '/posts/test/ https://social.example/@b/1',
    });
    expect(await state('/2014/test/')).toMatchObject({
      count: undefined,
      comments: [],
      muted: false,
      link: undefined,
    });
    expect((await h.store.pages.all(SITE)).map((p) => p.page)).toEqual(['/posts/test/']);
    // Locators follow (moderation, edits and votes find the comment), votes stay with it.
    const first = await h.store.comments.read(ids[0]!);
    expect(first).toMatchObject({ page: '/posts/test/', score: 1, up: 2, down: 1, notify: true });
    expect((await h.store.votes.of(ids[0]!)).map((v) => v.value)).toEqual([1, 1, -1]);
    // The page's reactions moved with their readers' items; the old page's are gone.
    expect(before.reactions).toEqual({ '👍': 8 });
    expect(await reactors('/posts/test/')).toEqual(before.reactors.map((r) => `${r} /posts/test/`));
    expect(await reactors('/2014/test/')).toEqual([]);
    expect(first?.reactions).toEqual({ '❤️': 2 });
    // The stream reads a moved comment as unchanged: no reply mail, no webhook, no verification mail.
    expect(first && jobsFor(priorImage(undefined, first), first, Date.now())).toEqual([]);
    // Running it again finds nothing to move.
    expect(await mover().move(SITE, '/2014/test/', '/posts/test/', new Date().toISOString())).toBeUndefined();
  });

  it('after a move a reader takes back a reaction or gives it again on the new page, once, page and comment', async () => {
    const ids = await seed('/2015/open/', 3, false);
    await mover().move(SITE, '/2015/open/', '/posts/open/', new Date().toISOString());
    // Given again: the reader has it already, nothing counts twice.
    expect(await react(onPage('/posts/open/'), '👍', 'reader-0')).toEqual({
      changed: false,
      counts: { '👍': 3 },
    });
    expect(await react(onPage('/posts/open/'), '👍', 'reader-0', false)).toEqual({
      changed: true,
      counts: { '👍': 2 },
    });
    expect(await react(onPage('/posts/open/'), '👍', 'reader-0')).toMatchObject({ changed: true });
    expect(await react(onComment(ids[0]!), '❤️', 'reader-a')).toMatchObject({ changed: false });
    expect(await react(onComment(ids[0]!), '❤️', 'reader-a', false)).toEqual({
      changed: true,
      counts: { '❤️': 1 },
    });
    expect(await state('/posts/open/')).toMatchObject({
      reactions: { '👍': 3 },
      reactors: ['👍 reader-0', '👍 reader-1', '👍 reader-2'],
    });
    expect((await h.store.comments.read(ids[0]!))?.reactions).toEqual({ '❤️': 1 });
    expect((await h.store.reactions.page(SITE, '/2015/open/')).item).toBeUndefined();
  });

  it('counts a reader who reacted on the new page during the move once, and keeps counts no item holds', async () => {
    await seed('/2016/mid/', 10, false);
    // Counts held by no reader's item (a count kept by hand or by an older version): they move as they are.
    await h.db.doc.send(
      new UpdateCommand({
        TableName: h.db.table,
        Key: keys.page(SITE, '/2016/mid/'),
        UpdateExpression: 'SET reactions.#e = :two',
        ExpressionAttributeNames: { '#e': '😮' },
        ExpressionAttributeValues: { ':two': 2 },
      }),
    );
    const before = await state('/2016/mid/');
    expect(before.reactions).toEqual({ '👍': 9, '🎉': 1, '😮': 2 });
    // Stopped after the claim, the comments' three rounds and the first round of the page's reactions.
    await expect(
      crashing(6).move(SITE, '/2016/mid/', '/posts/mid/', new Date().toISOString()),
    ).rejects.toThrow(/crash/);
    const left = (await reactors('/2016/mid/')).map((r) => r.split(' '));
    expect(left.map(([emoji]) => emoji)).toEqual(['👍', '👍', '👍', '👍', '👍', '👍']);
    // On the new page meanwhile: a reader whose item has not moved yet gives it again, another takes it back (they
    // have none there yet: nothing changes), and a new reader reacts.
    expect(await react(onPage('/posts/mid/'), '👍', left[0]![1]!)).toMatchObject({ changed: true });
    expect(await react(onPage('/posts/mid/'), '👍', left[1]![1]!, false)).toMatchObject({ changed: false });
    expect(await react(onPage('/posts/mid/'), '👍', 'late')).toMatchObject({ changed: true });
    expect(await mover().move(SITE, '/2016/mid/', '/posts/mid/', new Date().toISOString())).toMatchObject({
      reactions: 6,
    });
    expect(await state('/posts/mid/')).toMatchObject({
      reactions: { '👍': 10, '🎉': 1, '😮': 2 },
      reactors: [...before.reactors, '👍 late'].sort(),
    });
    expect(await reactors('/2016/mid/')).toEqual([]);
  });

  it('refuses a target with comments, the same page, and a second move of a page being moved', async () => {
    await seed('/a/', 2);
    await seed('/b/', 1);
    const now = new Date().toISOString();
    await expect(mover().move(SITE, '/a/', '/b/', now)).rejects.toThrow(/\/b\/ already has comments \(1\)/);
    await expect(mover().move(SITE, '/a/', '/a/', now)).rejects.toThrow(PageMoveRefused);
    expect(await state('/a/')).toMatchObject({ count: 1, total: 2, marks: [undefined, undefined] });
    // Half a move of /a/ to /c/ (crashed after the claim): /a/ cannot go elsewhere until it is finished.
    await expect(crashing(2).move(SITE, '/a/', '/c/', now)).rejects.toThrow(/crash/);
    await expect(mover().move(SITE, '/a/', '/d/', now)).rejects.toThrow(/run it again with --to \/c\//);
    await expect(mover().move(SITE, '/b/', '/c/', now)).rejects.toThrow(/another move under way/);
    expect(await mover().move(SITE, '/a/', '/c/', now)).toMatchObject({ comments: 2 });
  });

  it('a crash after any transaction is finished by running again, nothing lost or counted twice', {
    timeout: 180_000,
  }, async () => {
    // 10 comments (and a link) and 10 page reactions in rounds of 4: transaction 1 is the claim, 2 to 4 the three
    // rounds of items, 5 to 7 the three rounds of the page's reactions, 8 the last step.
    for (const at of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const from = `/crash-${at}/`;
      const to = `/moved-${at}/`;
      await seed(from, 10, at % 2 === 0);
      const before = await state(from);
      await expect(crashing(at).move(SITE, from, to, new Date().toISOString())).rejects.toThrow(/crash/);
      // Readers meanwhile see every comment once, split between the two pages.
      const [a, b] = [await state(from), await state(to)];
      expect((a.count ?? 0) + (b.count ?? 0), `crash at ${at}`).toBe(before.count);
      expect([...a.comments, ...b.comments].sort()).toEqual(before.comments);
      // and every reaction once: each reader's item on one page, the counts split as the items are.
      expect(a.reactors, `left on the old page at ${at}`).toHaveLength(
        [10, 10, 10, 10, 10, 6, 2, 0][at - 1]!,
      );
      expect([...a.reactors, ...b.reactors].sort(), `crash at ${at}`).toEqual(before.reactors);
      for (const [emoji, n] of Object.entries(before.reactions ?? {}))
        expect((a.reactions?.[emoji] ?? 0) + (b.reactions?.[emoji] ?? 0), `${emoji} at ${at}`).toBe(n);
      await mover().move(SITE, from, to, new Date().toISOString());
      expect(await state(to), `crash at ${at}`).toEqual({
        ...before,
        url: `https://blog.example${to}`,
        link: `${to} https://social.example/@b/1`,
      });
      expect(await state(from)).toMatchObject({ count: undefined, comments: [], reactors: [] });
    }
  });
});

/** A mover whose storage fails at its `n`-th transaction (as a process killed mid-move would stop). */
function crashing(n: number) {
  let seen = 0;
  const db: Db = {
    ...h.db,
    doc: {
      send: (cmd: unknown) => {
        if (cmd instanceof TransactWriteCommand && ++seen >= n) return Promise.reject(new Error('crash'));
        return h.db.doc.send(cmd as never);
      },
    } as unknown as Db['doc'],
  };
  return createPageMover(db, { batch: ROUND });
}
