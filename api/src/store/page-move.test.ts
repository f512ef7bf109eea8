/** Page moves on DynamoDB Local: everything follows, counts stay, a crash at any step is finished by running again. */
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobsFor, priorImage } from '../notify/events.js';
import { createHarness, type Harness } from '../testing/harness.js';
import type { Db } from './client.js';
import type { ImportEntry } from './imports.js';
import { keys } from './keys.js';
import { createPageMover, PageMoveRefused } from './page-move.js';

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

/** A thread of `n` comments (every third a reply to the first, one pending, one spam), votes on the first. */
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

/** What a reader, a moderator and the notifier see of a page: counts, meta, comments, opt-outs, links. */
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
    comments: all.map((c) => `${c.id} ${c.status} ${c.parentId ?? '-'} ${c.score}`).sort(),
    muted: await h.store.subscriptions.isMuted(SITE, HASH(1), page),
    link: link.Item ? `${link.Item.page} ${link.Item.url}` : undefined,
  };
}

const mover = () => h.store.pageMoves;

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
    // The stream reads a moved comment as unchanged: no reply mail, no webhook, no verification mail.
    expect(first && jobsFor(priorImage(undefined, first), first, Date.now())).toEqual([]);
    // Running it again finds nothing to move.
    expect(await mover().move(SITE, '/2014/test/', '/posts/test/', new Date().toISOString())).toBeUndefined();
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
    // 30 comments: transaction 1 is the claim, 2 and 3 the two rounds of items, 4 the last step.
    for (const at of [1, 2, 3, 4]) {
      const from = `/crash-${at}/`;
      const to = `/moved-${at}/`;
      await seed(from, 30, at % 2 === 0);
      const before = await state(from);
      await expect(crashing(at).move(SITE, from, to, new Date().toISOString())).rejects.toThrow(/crash/);
      // Readers meanwhile see every comment once, split between the two pages.
      const [a, b] = [await state(from), await state(to)];
      expect((a.count ?? 0) + (b.count ?? 0), `crash at ${at}`).toBe(before.count);
      expect([...a.comments, ...b.comments].sort()).toEqual(before.comments);
      await mover().move(SITE, from, to, new Date().toISOString());
      expect(await state(to), `crash at ${at}`).toEqual({
        ...before,
        url: `https://blog.example${to}`,
        link: `${to} https://social.example/@b/1`,
      });
      expect(await state(from)).toMatchObject({ count: undefined, comments: [] });
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
  return createPageMover(db);
}
