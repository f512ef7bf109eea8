/**
 * What admin lists show beside their items: a ban's author (name, masked email) and comment, a queue row's
 * page URL and parent, log entries by author and excerpt, and a settings save by what it changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCaller } from '../testing/clients.js';
import { postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { addModerator, adminCall, sessionFor, type TestSession } from './admin.testkit.js';

let h: Harness;
let owner: TestSession;
let parentId: string;
let replyId: string;

const post = async (body: Record<string, unknown>, ip = '192.0.2.1') => {
  const r = await postComment(appCaller(h.app), { site: 'ctx', ...body }, { ip });
  expect(r.status, r.text).toBeLessThan(300);
  return r.json.comment.id as string;
};

beforeAll(async () => {
  h = await createHarness();
  await h.site('ctx', { moderation: 'all' });
  await addModerator(h, 'own@ctx.test', [['ctx', 'owner']]);
  owner = await sessionFor(h, 'own@ctx.test');
  parentId = await post({
    page: '/posts/hello/',
    url: 'https://blog.example/posts/hello/',
    body: 'The first word on *hello*, and a long tail after it that no list should show whole. '.repeat(4),
    author: { name: 'Jane Roe', email: 'jane.roe@example.com' },
  });
  await adminCall(h, 'POST', `/comments/${parentId}/status`, {
    session: owner,
    body: { status: 'approved' },
  });
  replyId = await post({
    page: '/posts/hello/',
    parentId,
    body: 'Cheap pills here',
    author: { name: 'Troll', email: 'troll@spam.example' },
  });
});
afterAll(() => h?.drop());

describe('admin lists name who and what', () => {
  it('a queue row links to its page and shows the parent it replies to', async () => {
    const r = await adminCall(h, 'GET', '/queue?site=ctx', { session: owner });
    expect(r.status).toBe(200);
    const row = r.json.comments.find((c: { id: string }) => c.id === replyId);
    expect(row.pageUrl).toBe('https://blog.example/posts/hello/');
    expect(row.parent).toMatchObject({ id: parentId, name: 'Jane Roe', page: '/posts/hello/' });
    expect(row.parent.excerpt).toMatch(/^The first word on hello, and a long tail/);
    expect(row.parent.excerpt.length).toBeLessThanOrEqual(120);
    expect(JSON.stringify(row.parent)).not.toContain('@');
  });

  it('a ban made from a comment lists the name, a masked email and the comment, never the address', async () => {
    const made = await adminCall(h, 'POST', '/sites/ctx/bans', {
      session: owner,
      body: { commentId: replyId, reason: 'pills' },
    });
    expect(made.status).toBe(201);
    const r = await adminCall(h, 'GET', '/sites/ctx/bans', { session: owner });
    expect(r.json.bans).toHaveLength(2);
    for (const b of r.json.bans) {
      expect(b.email).toBe('t***@s***.example');
      expect(b.comment).toEqual({
        id: replyId,
        page: '/posts/hello/',
        url: 'https://blog.example/posts/hello/',
        name: 'Troll',
        excerpt: 'Cheap pills here',
      });
    }
    expect(JSON.stringify(r.json)).not.toMatch(/troll@|spam\.example[^"]|127\.0\.0\.1/);
  });

  it('an erased comment takes its author out of the ban list', async () => {
    const id = await post(
      {
        page: '/posts/x/',
        body: 'Gone soon',
        author: { name: 'Ed', email: 'ed@x.example' },
      },
      '192.0.2.9',
    );
    await adminCall(h, 'POST', '/sites/ctx/bans', { session: owner, body: { commentId: id, client: false } });
    const erased = await adminCall(h, 'DELETE', '/sites/ctx/authors?email=ed%40x.example', {
      session: owner,
    });
    expect(erased.status).toBe(200);
    const r = await adminCall(h, 'GET', '/sites/ctx/bans', { session: owner });
    const ban = r.json.bans.find((b: { comment?: { id: string } }) => b.comment?.id === id);
    expect(ban.comment).toMatchObject({ name: '', excerpt: '', gone: true });
    expect(ban.email).toBeUndefined();
  });

  it('the log names comments by author and excerpt, and a settings save by what changed', async () => {
    await adminCall(h, 'POST', `/comments/${replyId}/reply`, {
      session: owner,
      body: { body: 'Please no.' },
    });
    const bans = await adminCall(h, 'GET', '/sites/ctx/bans', { session: owner });
    const troll = bans.json.bans.find(
      (b: { kind: string; comment?: { id: string } }) => b.kind === 'client' && b.comment?.id === replyId,
    );
    const lift = await adminCall(h, 'DELETE', '/sites/ctx/bans', {
      session: owner,
      body: { kind: 'client', hash: troll.hash },
    });
    expect(lift.status).toBe(200);
    // As the admin page saves: every field sent, two of them changed.
    const saved = await adminCall(h, 'PUT', '/sites/ctx/settings', {
      session: owner,
      body: { name: 'ctx', origins: ['https://blog.example'], moderation: 'none', spam: { maxLinks: 2 } },
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    const r = await adminCall(h, 'GET', '/sites/ctx/log', { session: owner });
    const entries = r.json.entries as Array<Record<string, any>>;
    const approve = entries.find((e) => e.action === 'status:approved' && e.target === parentId);
    expect(approve?.comment).toMatchObject({
      name: 'Jane Roe',
      excerpt: expect.stringMatching(/^The first word/),
    });
    const ban = entries.find((e) => e.action === 'ban' && e.target === replyId);
    expect(ban?.comment).toMatchObject({ name: 'Troll', excerpt: 'Cheap pills here' });
    // The erased comment's ban: named as gone, nothing of its text.
    const erased = entries.find((e) => e.action === 'ban' && e.target !== replyId);
    expect(erased?.comment).toMatchObject({ name: '', excerpt: '', gone: true });
    const reply = entries.find((e) => e.action === 'reply');
    expect(reply?.comment).toMatchObject({ excerpt: 'Please no.' });
    expect(reply?.replyTo).toMatchObject({ id: replyId, name: 'Troll' });
    const lifted = entries.find((e) => e.action === 'unban');
    expect(lifted?.comment).toMatchObject({ id: replyId, name: 'Troll' });
    expect(lifted?.detail).toMatch(/^client:[0-9a-f]{8}$/);
    const settings = entries.find((e) => e.action === 'settings');
    expect(settings?.changes).toEqual([
      { field: 'moderation', from: 'all', to: 'none' },
      { field: 'spam.maxLinks', from: null, to: '2' },
    ]);
    expect(settings?.detail).toBe('moderation, spam.maxLinks');
  });
});
