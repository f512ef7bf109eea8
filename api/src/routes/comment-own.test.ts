/** GET /comments/:id: the author's own comment with its status wherever it sits in the thread; nobody else's. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await h.site('held', { moderation: 'all' });
});
afterAll(() => h.drop());

async function held(body: string) {
  const r = await postComment(h.call, { site: 'held', page: '/own/', body });
  expect(r.status).toBe(202);
  return { id: r.json.comment.id as string, token: r.json.editToken as string };
}

const own = (id: string, token?: string, origin: string | null = ORIGIN) =>
  h.call('GET', `/api/v1/comments/${id}`, {
    headers: {
      ...(token === undefined ? {} : { 'x-afterword-edit-token': token }),
      ...(origin ? { origin } : {}),
    },
  });

async function move(id: string, to: 'approved' | 'spam' | 'deleted') {
  const c = await h.store.comments.read(id);
  if (!c) throw new Error(`no comment ${id}`);
  await h.store.comments.setStatus(c, to, new Date().toISOString());
}

describe('an author reads their own comment', () => {
  it('pending while held, approved once a moderator approves it; private, granted to the site’s origin', async () => {
    const mine = await held('Waiting for the moderator');
    const before = await own(mine.id, mine.token);
    expect(before.status).toBe(200);
    expect(before.json.comment).toMatchObject({ id: mine.id, status: 'pending' });
    expect(before.json.comment.html).toContain('Waiting for the moderator');
    expect(before.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(before.headers['cache-control']).toBe('private, no-store');
    expect(JSON.stringify(before.json)).not.toMatch(/@|editToken/);

    await move(mine.id, 'approved');
    const after = await own(mine.id, mine.token);
    expect(after.json.comment).toMatchObject({ id: mine.id, status: 'approved' });
  });

  it('reads a comment held as spam as pending (the author learns nothing), a deleted one as gone', async () => {
    const spam = await held('Buy now');
    await move(spam.id, 'spam');
    expect((await own(spam.id, spam.token)).json.comment.status).toBe('pending');
    const gone = await held('Removed by the moderator');
    await move(gone.id, 'deleted');
    const r = await own(gone.id, gone.token);
    expect([r.status, r.json.error.code]).toEqual([410, 'comment_deleted']);
  });

  it('refuses without the edit token, with another comment’s token, from another origin, and for no comment', async () => {
    const a = await held('First');
    const b = await held('Second');
    // No token (and no reader session, the other proof): refused like a wrong one.
    const none = await own(a.id);
    expect([none.status, none.json.error.code]).toEqual([403, 'edit_token_invalid']);
    const wrong = await own(a.id, b.token);
    expect([wrong.status, wrong.json.error.code]).toEqual([403, 'edit_token_invalid']);
    const foreign = await own(a.id, a.token, 'https://elsewhere.example');
    expect([foreign.status, foreign.json.error.code]).toEqual([403, 'origin_not_allowed']);
    const missing = await own('zzzzzzzzzzzz', a.token);
    expect([missing.status, missing.json.error.code]).toEqual([404, 'comment_not_found']);
  });
});
