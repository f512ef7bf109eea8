/** Behaviour of the public comment routes, in process against DynamoDB Local. */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../store/keys.js';
import { postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';

let h: Harness;
const ORIGIN = 'https://blog.example';

beforeAll(async () => {
  h = await createHarness();
  await h.site('blog', { origins: [ORIGIN] });
  await h.site('firsttime', { origins: [ORIGIN], moderation: 'first-time' });
});
afterAll(() => h.drop());

const post = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  postComment(h.call, { site: 'blog', ...body }, { origin: ORIGIN, headers });
async function list(query: string) {
  const res = await h.app.request(`/api/v1/comments?${query}`);
  return { status: res.status, json: (await res.json()) as Record<string, any>, headers: res.headers };
}

describe('listing', () => {
  it('pages through a thread with an opaque cursor, oldest and newest first, and by score', async () => {
    const page = '/paging/';
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push((await post({ page, body: `c${i}` })).json.comment.id);
      h.advance(1000);
    }
    const seen: string[] = [];
    let cursor = '';
    for (let round = 0; round < 5; round++) {
      const r = await list(`site=blog&page=${page}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...r.json.comments.map((c: { id: string }) => c.id));
      if (!r.json.nextCursor) break;
      cursor = r.json.nextCursor;
    }
    expect(seen).toEqual(ids);

    const newest = await list(`site=blog&page=${page}&sort=newest&limit=3`);
    expect(newest.json.comments.map((c: { id: string }) => c.id)).toEqual(ids.slice(-3).reverse());
    const next = await list(`site=blog&page=${page}&sort=newest&limit=3&cursor=${newest.json.nextCursor}`);
    expect(next.json.comments.map((c: { id: string }) => c.id)).toEqual(ids.slice(1, 4).reverse());

    await h.app.request(`/api/v1/comments/${ids[4]}/vote`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: 1 }),
    });
    const top = await list(`site=blog&page=${page}&sort=top&limit=2`);
    expect(top.json.comments[0].id).toBe(ids[4]);
    const wrongSort = await list(`site=blog&page=${page}&sort=top&cursor=${newest.json.nextCursor}`);
    expect(wrongSort.status).toBe(400);
  });

  it('treats every spelling of a page as one thread', async () => {
    expect((await post({ page: 'https://blog.example/one/thread?x=1', body: 'a' })).status).toBe(201);
    expect((await post({ page: '/one/thread/index.html', body: 'b' })).status).toBe(201);
    const r = await list('site=blog&page=/one/thread');
    expect(r.json.page.page).toBe('/one/thread/');
    expect(r.json.page.count).toBe(2);
    expect(r.json.comments).toHaveLength(2);
  });

  it('changes the ETag when the thread changes', async () => {
    const page = '/etag/';
    await post({ page, body: 'a' });
    const first = await list(`site=blog&page=${page}`);
    const etag = first.headers.get('etag')!;
    const same = await h.app.request(`/api/v1/comments?site=blog&page=${page}`, {
      headers: { 'if-none-match': etag },
    });
    expect(same.status).toBe(304);
    await post({ page, body: 'b' });
    const changed = await h.app.request(`/api/v1/comments?site=blog&page=${page}`, {
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
  });
});

describe('writing', () => {
  it('closes editing and deleting when the edit window has passed', async () => {
    const c = await post({ page: '/window/', body: 'soon closed' });
    h.advance(16 * 60 * 1000);
    const res = await h.app.request(`/api/v1/comments/${c.json.comment.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-afterword-edit-token': c.json.editToken },
      body: JSON.stringify({ body: 'late' }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.code).toBe('edit_window_closed');
  });

  it('removes a deleted comment without replies from the thread and the count', async () => {
    const page = '/leaf/';
    const c = await post({ page, body: 'to go' });
    expect((await list(`site=blog&page=${page}`)).json.page.count).toBe(1);
    const del = await h.app.request(`/api/v1/comments/${c.json.comment.id}`, {
      method: 'DELETE',
      headers: { 'x-afterword-edit-token': c.json.editToken },
    });
    expect(((await del.json()) as any).placeholder).toBe(false);
    const after = await list(`site=blog&page=${page}`);
    expect(after.json.comments).toEqual([]);
    expect(after.json.page.count).toBe(0);
    const again = await h.app.request(`/api/v1/comments/${c.json.comment.id}`, {
      method: 'DELETE',
      headers: { 'x-afterword-edit-token': c.json.editToken },
    });
    expect(again.status).toBe(410);
  });

  it('refuses replies to comments on other pages', async () => {
    const c = await post({ page: '/a/', body: 'x' });
    const r = await post({ page: '/b/', body: 'y', parentId: c.json.comment.id });
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('parent_not_found');
  });

  it('holds first-time authors, then lets an approved email through; someone else’s email gains nothing else', async () => {
    const first = await post({
      site: 'firsttime',
      page: '/ft/',
      body: 'hi',
      author: { email: 'Reader@Example.com' },
    });
    expect(first.status).toBe(202);
    const stored = await h.store.comments.read(first.json.comment.id);
    await h.store.comments.setStatus(stored!, 'approved', new Date().toISOString());
    const second = await post({
      site: 'firsttime',
      page: '/ft/',
      body: 'again',
      author: { email: 'reader@example.com' },
    });
    expect(second.status).toBe(201);
    const stranger = await post({
      site: 'firsttime',
      page: '/ft/',
      body: 'me',
      author: { email: 'other@example.com' },
    });
    expect(stranger.status).toBe(202);
    const noEmail = await post({ site: 'firsttime', page: '/ft/', body: 'anon' });
    expect(noEmail.status).toBe(202);
  });

  it('refuses new comments on a locked thread', async () => {
    const page = '/locked/';
    await post({ page, body: 'before' });
    await h.db.doc.send(
      new UpdateCommand({
        TableName: h.config.table,
        Key: keys.page('blog', page),
        UpdateExpression: 'SET locked = :t',
        ExpressionAttributeValues: { ':t': true },
      }),
    );
    const r = await post({ page, body: 'after' });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('thread_locked');
    expect((await list(`site=blog&page=${page}`)).json.page.locked).toBe(true);
  });

  it('never shows an email or an IP in public output', async () => {
    const page = '/private/';
    await post(
      { page, body: 'x', author: { name: 'N', email: 'secret@example.com', website: 'n.example' } },
      { 'x-test-ip': '203.0.113.5' },
    );
    const r = await h.app.request(`/api/v1/comments?site=blog&page=${page}`);
    const text = await r.text();
    expect(text).not.toContain('secret@example.com');
    expect(text).not.toContain('203.0.113.5');
    expect(text).toContain('https://n.example/');
  });
});
