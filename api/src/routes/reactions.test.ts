/**
 * Reactions over the API on DynamoDB Local: give and take back on a comment and on the page, the counts in the
 * thread; what is refused and with which code (an emoji outside the site's set, reactions off, unknown, held,
 * deleted comments, a locked thread, a foreign origin, an ended session); a signed-in reader reacts as their
 * account from any address, others as their client; parallel requests count exactly; three DynamoDB calls each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READER_HEADER } from '../contract/reader-names.js';
import { ReactionResult, Thread } from '../contract/responses.js';
import { signInReader, signOutEverywhere } from '../domain/reader.js';
import { ORIGIN, postComment, readThread } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';

let h: Harness;
let ip = 0;
const freshIp = () => `10.9.${Math.floor(++ip / 250)}.${ip % 250}`;
/** Every DynamoDB call the app makes, by command, but the (cached) site reads. */
const calls: string[] = [];

beforeAll(async () => {
  h = await createHarness();
  await h.site('rx', {
    reactions: { comments: ['👍', '❤️', '🎉'], page: ['👍', '🎉'] },
    readers: { email: true },
  });
  await h.site('plain');
  h.db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const key = (args.input as { Key?: { pk?: unknown } }).Key;
      if (!String(key?.pk ?? '').startsWith('SITE#')) calls.push(context.commandName ?? '?');
      return next(args);
    },
    { step: 'initialize', name: 'reactionCalls' },
  );
});
afterAll(async () => {
  await h?.drop();
});

const E = encodeURIComponent;
type Opts = { ip?: string; session?: string; origin?: string | null };
const send = (method: string, path: string, o: Opts = {}) =>
  h.call(method, `/api/v1${path}`, {
    headers: {
      ...(o.origin === null ? {} : { origin: o.origin ?? ORIGIN }),
      ...(o.session ? { [READER_HEADER]: o.session } : {}),
    },
    ip: o.ip ?? '10.0.0.1',
  });
const onComment = (id: string, emoji: string, o: Opts = {}, method = 'PUT') =>
  send(method, `/comments/${id}/reactions/${E(emoji)}`, o);
const onPage = (page: string, emoji: string, o: Opts = {}, method = 'PUT', site = 'rx') =>
  send(method, `/reactions/${E(emoji)}?site=${site}&page=${E(page)}`, o);

async function comment(site = 'rx', page = '/posts/rx/'): Promise<string> {
  const res = await postComment(h.call, { site, page, body: 'react to me' }, { ip: freshIp() });
  expect(res.status).toBe(201);
  return res.json.comment.id;
}
const session = async (email: string) => {
  const env = { store: h.store, secret: h.config.secret, now: () => new Date() };
  return signInReader(env, (await h.store.sites.get('rx'))!, { kind: 'email', subject: email, email });
};

describe('reacting to a comment', () => {
  it('gives and takes back, answers the counts (the contract’s shape), and shows them in the thread', async () => {
    const id = await comment();
    const up = await onComment(id, '👍');
    expect(up.status).toBe(200);
    expect(up.json).toEqual({ emoji: '👍', reacted: true, reactions: { '👍': 1 } });
    expect(ReactionResult(up.json)).toEqual(up.json);
    expect(up.headers['cache-control']).toBe('no-store');
    await onComment(id, '🎉', { ip: '10.0.0.2' });
    // The same again from the same client: nothing changes, the same answer.
    expect((await onComment(id, '👍')).json).toEqual({
      emoji: '👍',
      reacted: true,
      reactions: { '👍': 1, '🎉': 1 },
    });
    const thread = await readThread(h.call, 'rx', '/posts/rx/', {}, { origin: ORIGIN });
    expect(Thread(thread.json)).toEqual(thread.json);
    expect(thread.json.comments.find((c: { id: string }) => c.id === id).reactions).toEqual({
      '👍': 1,
      '🎉': 1,
    });
    expect(thread.json.settings.reactions).toEqual({ comments: ['👍', '❤️', '🎉'], page: ['👍', '🎉'] });
    const down = await onComment(id, '👍', {}, 'DELETE');
    expect(down.json).toEqual({ emoji: '👍', reacted: false, reactions: { '🎉': 1 } });
    expect((await onComment(id, '👍', {}, 'DELETE')).json.reacted).toBe(false);
    await onComment(id, '🎉', { ip: '10.0.0.2' }, 'DELETE');
    const after = await readThread(h.call, 'rx', '/posts/rx/');
    expect(after.json.comments.find((c: { id: string }) => c.id === id)).not.toHaveProperty('reactions');
  });

  it('refuses what the site does not offer, comments no one may see, and locked threads, each with its code', async () => {
    const id = await comment();
    const refused = async (res: Promise<{ status: number; json: { error: { code: string } } }>) => {
      const r = await res;
      return [r.status, r.json.error.code];
    };
    expect(await refused(onComment(id, '😢'))).toEqual([400, 'reaction_invalid']);
    expect(await refused(onComment(id, '💩'))).toEqual([400, 'reaction_invalid']);
    expect(await refused(onComment(id, 'x'.repeat(17)))).toEqual([400, 'invalid_input']);
    expect(await refused(onComment('zzzzzzzzzz', '👍'))).toEqual([404, 'comment_not_found']);
    expect(await refused(onComment(await comment('plain'), '👍'))).toEqual([403, 'reactions_off']);
    expect(await refused(onComment(id, '👍', { origin: 'https://evil.example' }))).toEqual([
      403,
      'origin_not_allowed',
    ]);
    const held = (await h.store.comments.read(await comment()))!;
    await h.store.comments.setStatus(held, 'pending', new Date().toISOString());
    expect(await refused(onComment(held.id, '👍'))).toEqual([404, 'comment_not_found']);
    const gone = (await h.store.comments.read(await comment()))!;
    await h.store.comments.setStatus(gone, 'deleted', new Date().toISOString(), { placeholder: true });
    expect(await refused(onComment(gone.id, '👍'))).toEqual([410, 'comment_deleted']);
    const closed = await comment('rx', '/posts/closed/');
    await onComment(closed, '❤️');
    await h.store.moderation.setLocked('rx', '/posts/closed/', true, new Date().toISOString());
    expect(await refused(onComment(closed, '❤️', { ip: '10.0.0.3' }))).toEqual([403, 'thread_locked']);
    expect(await refused(onComment(closed, '❤️', {}, 'DELETE'))).toEqual([403, 'thread_locked']);
    expect(await refused(onComment(id, '👍', { session: 'not a token' }))).toEqual([
      401,
      'reader_session_invalid',
    ]);
  });

  it('takes a signed-in reader as their account from any address, and refuses an ended session', async () => {
    const id = await comment();
    const s = await session('ann@mail.test');
    expect((await onComment(id, '❤️', { session: s.token, ip: '10.2.0.1' })).json.reactions).toEqual({
      '❤️': 1,
    });
    expect((await onComment(id, '❤️', { session: s.token, ip: '10.2.0.2' })).json.reactions).toEqual({
      '❤️': 1,
    });
    // The same client without the session is another reader.
    expect((await onComment(id, '❤️', { ip: '10.2.0.1' })).json.reactions).toEqual({ '❤️': 2 });
    expect((await onComment(id, '❤️', { session: s.token, ip: '10.2.0.3' }, 'DELETE')).json.reactions).toEqual(
      {
        '❤️': 1,
      },
    );
    const reader = (await h.store.readers.get('rx', s.reader.id))!;
    await signOutEverywhere({ store: h.store, secret: h.config.secret, now: () => new Date() }, reader);
    const ended = await onComment(id, '❤️', { session: s.token });
    expect([ended.status, ended.json.error.code]).toEqual([401, 'reader_session_invalid']);
  });

  it('counts 10 parallel PUTs of one reader once and parallel PUTs of N readers exactly N', async () => {
    const id = await comment();
    const same = await Promise.all(Array.from({ length: 10 }, () => onComment(id, '🎉', { ip: '10.3.0.1' })));
    expect(same.map((r) => r.status)).toEqual(Array(10).fill(200));
    const readers = Array.from({ length: 15 }, (_, i) => `10.4.0.${i + 1}`);
    await Promise.all(readers.map((a) => onComment(id, '🎉', { ip: a })));
    const t = await readThread(h.call, 'rx', '/posts/rx/');
    expect(t.json.comments.find((c: { id: string }) => c.id === id).reactions).toEqual({ '🎉': 16 });
    await Promise.all([...readers, ...readers].map((a) => onComment(id, '🎉', { ip: a }, 'DELETE')));
    expect((await onComment(id, '🎉', { ip: '10.3.0.1' }, 'DELETE')).json.reactions).toEqual({});
  });

  it('costs three DynamoDB calls (reference, comment, one transaction), a signed-in reader’s too, and never names an address', async () => {
    const id = await comment();
    calls.length = 0;
    const res = await onComment(id, '👍', { ip: '10.5.0.1' });
    expect(calls).toEqual(['GetItemCommand', 'GetItemCommand', 'TransactWriteItemsCommand']);
    const s = await session('bo@mail.test');
    calls.length = 0;
    await onComment(id, '👍', { session: s.token });
    expect(calls).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand', 'TransactWriteItemsCommand']);
    expect(res.text).not.toMatch(/10\.5\.0\.1|@/);
  });
});

describe('reacting to the page itself', () => {
  it('counts on a page nobody commented on, shows the counts in the thread meta, and takes them back', async () => {
    const page = '/posts/quiet/';
    expect((await onPage(page, '🎉')).json).toEqual({ emoji: '🎉', reacted: true, reactions: { '🎉': 1 } });
    await Promise.all(Array.from({ length: 5 }, () => onPage(page, '👍', { ip: '10.6.0.1' })));
    await Promise.all(['10.6.0.2', '10.6.0.3'].map((a) => onPage(page, '👍', { ip: a })));
    const t = await readThread(h.call, 'rx', page);
    expect(Thread(t.json)).toEqual(t.json);
    expect(t.json.page).toMatchObject({ count: 0, reactions: { '👍': 3, '🎉': 1 } });
    expect((await onPage(page, '🎉', {}, 'DELETE')).json.reactions).toEqual({ '👍': 3 });
    // Normalized like any page key: the same thread.
    expect((await onPage('/posts/quiet/index.html', '🎉')).json.reactions).toEqual({ '👍': 3, '🎉': 1 });
  });

  it('refuses emoji outside the page set, sites without page reactions, locked pages, foreign origins', async () => {
    const code = async (p: ReturnType<typeof onPage>) => {
      const r = await p;
      return [r.status, r.json.error.code];
    };
    expect(await code(onPage('/p/', '❤️'))).toEqual([400, 'reaction_invalid']);
    expect(await code(onPage('/p/', '👍', {}, 'PUT', 'plain'))).toEqual([403, 'reactions_off']);
    expect(await code(onPage('/p/', '👍', {}, 'PUT', 'nosuch'))).toEqual([404, 'site_not_found']);
    expect(await code(onPage('/p/', '👍', { origin: 'https://evil.example' }))).toEqual([
      403,
      'origin_not_allowed',
    ]);
    await h.store.moderation.setLocked('rx', '/posts/shut/', true, new Date().toISOString());
    expect(await code(onPage('/posts/shut/', '👍'))).toEqual([403, 'thread_locked']);
    const bad = await send('PUT', `/reactions/${E('👍')}?site=rx`);
    expect([bad.status, bad.json.error.code]).toEqual([400, 'invalid_input']);
  });

  it('costs two DynamoDB calls anonymously (the meta, one transaction), three signed in', async () => {
    calls.length = 0;
    await onPage('/posts/cost/', '👍', { ip: '10.7.0.1' });
    expect(calls).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
    const s = await session('cy@mail.test');
    calls.length = 0;
    await onPage('/posts/cost/', '👍', { session: s.token });
    expect(calls).toEqual(['BatchGetItemCommand', 'GetItemCommand', 'TransactWriteItemsCommand']);
  });
});
