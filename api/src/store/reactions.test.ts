/**
 * Reactions in the store, on DynamoDB Local: one item per reader, emoji and target with its count in the same
 * transaction; many clicks at once count once per reader, exactly, and un-reacting never goes below zero; a target
 * read before another write (another process's) is read again; a moved comment keeps its counts; a locked thread refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { newComment } from '../testing/new-comment.js';
import { CommentGoneError, ThreadLockedError } from './comments.js';
import { type CommentItem, isReactionItem } from './items.js';
import { keys } from './keys.js';
import { queryPartition } from './query.js';
import type { Counted } from './reactions.js';

let h: Harness;
const SITE = 'rx';
const PAGE = '/posts/rx/';
let n = 0;
const now = () => new Date().toISOString();

async function comment(page = PAGE): Promise<CommentItem> {
  n += 1;
  const made = await h.store.comments.create(
    newComment({ site: SITE, page, prefix: 'rx' }, n, 'approved'),
    {},
  );
  return made.comment;
}
const read = async (c: CommentItem): Promise<Counted> => {
  const { comment } = await h.store.reactions.comment(c.id);
  return { kind: 'comment', comment: comment! };
};
const counts = async (c: CommentItem) => (await h.store.reactions.comment(c.id)).comment?.reactions ?? {};
const items = (target: Parameters<typeof keys.reactionPk>[0]) =>
  queryPartition(h.db, keys.reactionPk(target), isReactionItem);

beforeAll(async () => {
  h = await createHarness();
  await h.site(SITE);
});
afterAll(async () => {
  await h?.drop();
});

describe('reactions on a comment', () => {
  it('counts one per reader and emoji, keeps the item (a keyed reader, no address), and takes it back', async () => {
    const c = await comment();
    const first = await h.store.reactions.set(await read(c), '👍', 'reader-a', true, now());
    expect(first).toEqual({ changed: true, counts: { '👍': 1 } });
    // The same again changes nothing; another emoji and another reader count apart.
    expect(await h.store.reactions.set(await read(c), '👍', 'reader-a', true, now())).toEqual({
      changed: false,
      counts: { '👍': 1 },
    });
    await h.store.reactions.set(await read(c), '🎉', 'reader-a', true, now());
    expect((await h.store.reactions.set(await read(c), '👍', 'reader-b', true, now())).counts).toEqual({
      '👍': 2,
      '🎉': 1,
    });
    const stored = await items({ commentId: c.id });
    expect(stored.map((i) => [i.emoji, i.reactor, i.commentId, i.site, i.page])).toEqual([
      ['🎉', 'reader-a', c.id, SITE, PAGE],
      ['👍', 'reader-a', c.id, SITE, PAGE],
      ['👍', 'reader-b', c.id, SITE, PAGE],
    ]);
    expect(await h.store.reactions.set(await read(c), '👍', 'reader-a', false, now())).toEqual({
      changed: true,
      counts: { '👍': 1, '🎉': 1 },
    });
    // Taking back what one never gave changes nothing, and no count goes below zero.
    expect((await h.store.reactions.set(await read(c), '😮', 'reader-a', false, now())).changed).toBe(false);
    expect(await counts(c)).toEqual({ '👍': 1, '🎉': 1 });
  });

  it('counts 10 clicks of one reader at once as one, and N readers at once as exactly N', async () => {
    const c = await comment();
    const target = await read(c);
    const same = await Promise.all(
      Array.from({ length: 10 }, () => h.store.reactions.set(target, '❤️', 'one', true, now())),
    );
    expect(same.filter((r) => r.changed)).toHaveLength(1);
    expect(await counts(c)).toEqual({ '❤️': 1 });
    const readers = Array.from({ length: 12 }, (_, i) => `reader-${i}`);
    await Promise.all(readers.map((r) => h.store.reactions.set(target, '😂', r, true, now())));
    expect(await counts(c)).toEqual({ '❤️': 1, '😂': 12 });
    // All take it back at once, twice each: zero, never below.
    await Promise.all(
      [...readers, ...readers].map((r) => h.store.reactions.set(target, '😂', r, false, now())),
    );
    expect(await counts(c)).toEqual({ '❤️': 1, '😂': 0 });
    expect((await items({ commentId: c.id })).map((i) => i.emoji)).toEqual(['❤️']);
  });

  it('reads the comment again when it was read before another process wrote (the first reaction makes the map)', async () => {
    const c = await comment();
    const stale = await read(c);
    // Another process's first reaction made the map since `stale` was read (no map then).
    await h.store.reactions.set(await read(c), '👍', 'elsewhere', true, now());
    expect((await h.store.reactions.set(stale, '👍', 'here', true, now())).counts).toEqual({ '👍': 2 });
    expect(await counts(c)).toEqual({ '👍': 2 });
  });

  it('keeps the counts through a move out of the listed range and back, and refuses a comment no longer shown', async () => {
    const c = await comment();
    await h.store.reactions.set(await read(c), '🤔', 'reader-a', true, now());
    const shown = (await h.store.comments.read(c.id))!;
    const held = await h.store.comments.setStatus(shown, 'pending', now());
    await expect(
      h.store.reactions.set({ kind: 'comment', comment: shown }, '🤔', 'x', true, now()),
    ).rejects.toThrow(CommentGoneError);
    await h.store.comments.setStatus(held, 'approved', now());
    expect(await counts(c)).toEqual({ '🤔': 1 });
  });

  it('refuses on a locked thread, both ways', async () => {
    const c = await comment('/posts/locked/');
    await h.store.reactions.set(await read(c), '👀', 'reader-a', true, now());
    await h.store.moderation.setLocked(SITE, '/posts/locked/', true, now());
    const locked = await read(c);
    await expect(h.store.reactions.set(locked, '👀', 'reader-b', true, now())).rejects.toThrow(
      ThreadLockedError,
    );
    await expect(h.store.reactions.set(locked, '👀', 'reader-a', false, now())).rejects.toThrow(
      ThreadLockedError,
    );
    expect(await counts(c)).toEqual({ '👀': 1 });
  });
});

describe('reactions on a page', () => {
  const page = (p: string): Promise<Counted> =>
    h.store.reactions.page(SITE, p).then(({ item }) => ({ kind: 'page', site: SITE, page: p, item }));

  it('makes the page meta on a page nobody commented on, counts on it, and bumps its version', async () => {
    expect((await h.store.reactions.page(SITE, '/posts/quiet/')).item).toBeUndefined();
    await h.store.reactions.set(await page('/posts/quiet/'), '🎉', 'reader-a', true, now());
    const meta = (await h.store.reactions.page(SITE, '/posts/quiet/')).item!;
    expect(meta).toMatchObject({ count: 0, total: 0, reactions: { '🎉': 1 } });
    const v = meta.version;
    const t = await page('/posts/quiet/');
    await Promise.all(['b', 'c', 'd', 'b', 'c'].map((r) => h.store.reactions.set(t, '🎉', r, true, now())));
    const after = (await h.store.reactions.page(SITE, '/posts/quiet/')).item!;
    expect(after.reactions).toEqual({ '🎉': 4 });
    expect(after.version).toBe(v + 3);
    expect((await items({ site: SITE, page: '/posts/quiet/' })).map((i) => i.reactor)).toEqual([
      'b',
      'c',
      'd',
      'reader-a',
    ]);
  });
});
