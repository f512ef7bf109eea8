/** createComment's remote path: a deterministic id, a refetch adds nothing, the site's rules and the one sanitizer. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RemoteOrigin } from '../../contract/remote.js';
import { createHarness, type Harness } from '../../testing/harness.js';
import { sanitize } from '../markdown.js';
import { removeRemoteComment, updateRemoteComment } from '../remote/apply.js';
import { type CommentEnv, type CreateInput, createComment } from './create.js';
import { remoteCommentId } from './remote.js';

let h: Harness;
let env: CommentEnv;

const origin = (remoteId: string, extra: Partial<RemoteOrigin> = {}): RemoteOrigin => ({
  source: 'mastodon',
  remoteId,
  url: `https://social.example/@ann/${remoteId}`,
  handle: '@ann@social.example',
  profile: 'https://social.example/@ann',
  ...extra,
});

async function site(id: string) {
  return (await h.store.sites.get(id))!;
}

async function remoteInput(siteId: string, remote: RemoteOrigin, html: string): Promise<CreateInput> {
  return {
    source: remote.source,
    site: await site(siteId),
    page: '/p/',
    body: { html },
    author: { name: 'Ann Remote' },
    remote,
    createdAt: '2026-01-02T03:04:05.000Z',
  };
}

beforeAll(async () => {
  h = await createHarness();
  env = { store: h.store, secret: h.config.secret, akismetUrl: h.config.akismetUrl, now: h.deps.now };
  await h.site('open', { moderation: 'none', spam: { blockedWords: ['casino'], blockedAction: 'pending' } });
  await h.site('held', { moderation: 'none', remote: { premoderate: true } });
});
afterAll(() => h.drop());

it('derives the id from the remote id, and a refetch answers the first comment', async () => {
  const first = await createComment(env, await remoteInput('open', origin('101'), '<p>Hello</p>'));
  expect(first.created).toBe(true);
  expect(first.comment.id).toBe(remoteCommentId(h.config.secret, 'open', origin('101')));
  const again = await createComment(env, await remoteInput('open', origin('101'), '<p>Hello again</p>'));
  expect(again).toMatchObject({ created: false, comment: { id: first.comment.id, html: '<p>Hello</p>' } });
  // The same remote id on Bluesky is another reply.
  const other = origin('101', { source: 'bluesky', url: 'https://bsky.app/profile/ann.example/post/101' });
  expect(remoteCommentId(h.config.secret, 'open', other)).not.toBe(first.comment.id);
  const page = await h.store.threads.all('open', '/p/', false);
  expect(page.filter((c) => c.id === first.comment.id)).toHaveLength(1);
});

it('keeps the source, the author as the remote account and its time, with no client', async () => {
  const { comment } = await createComment(env, await remoteInput('open', origin('102'), '<p>Hi</p>'));
  expect(comment).toMatchObject({
    status: 'approved',
    authorName: 'Ann Remote',
    authorWebsite: 'https://social.example/@ann',
    createdAt: '2026-01-02T03:04:05.000Z',
    remote: { source: 'mastodon', remoteId: '102', handle: '@ann@social.example' },
  });
  expect(comment.authorEmail).toBeUndefined();
  const res = await h.call('GET', '/api/v1/comments?site=open&page=/p/');
  const shown = (res.json as { comments: Array<{ id: string; remote?: unknown }> }).comments;
  expect(shown.find((c) => c.id === comment.id)?.remote).toEqual({
    source: 'mastodon',
    url: 'https://social.example/@ann/102',
    handle: '@ann@social.example',
    profile: 'https://social.example/@ann',
  });
});

it('puts the remote HTML through the one sanitizer', async () => {
  const html =
    '<p>ok <a href="https://x.example/" onclick="steal()">link</a><script>alert(1)</script><img src=x onerror=alert(1)></p>';
  const { comment } = await createComment(env, await remoteInput('open', origin('103'), html));
  expect(comment.html).toContain('ok');
  expect(comment.html).toContain('href="https://x.example/"');
  expect(comment.html).not.toMatch(/<script|onclick|<img|onerror=/);
  expect(comment.html).toBe(sanitize(html));
});

it("runs the site's word rules, and a site may hold every remote reply", async () => {
  const worded = await createComment(env, await remoteInput('open', origin('104'), '<p>best casino</p>'));
  expect(worded.comment).toMatchObject({ status: 'pending', spamReasons: ['blocked_word'] });
  const held = await createComment(env, await remoteInput('held', origin('105'), '<p>fine</p>'));
  expect(held.comment).toMatchObject({ status: 'pending', spamReasons: ['premoderation'] });
});

it('refuses a remote reply without an https original or with another source', async () => {
  const plain = await remoteInput('open', origin('106', { url: 'http://social.example/1' }), '<p>x</p>');
  await expect(createComment(env, plain)).rejects.toMatchObject({ code: 'invalid_input' });
  const mixed = { ...(await remoteInput('open', origin('107'), '<p>x</p>')), source: 'bluesky' as const };
  await expect(createComment(env, mixed)).rejects.toMatchObject({ code: 'invalid_input' });
});

it('nests under a remote parent, takes edits at the source and hides a deletion there', async () => {
  const parent = await createComment(env, await remoteInput('open', origin('110'), '<p>parent</p>'));
  const child = await createComment(env, {
    ...(await remoteInput('open', origin('111', { parentRemoteId: '110' }), '<p>child</p>')),
    parentId: parent.comment.id,
  });
  expect(child.comment).toMatchObject({ parentId: parent.comment.id, depth: 1 });
  const same = await updateRemoteComment(env, child.comment, { html: '<p>child</p>' });
  expect(same).toBe(child.comment);
  const edited = await updateRemoteComment(env, child.comment, {
    html: '<p>child, edited</p>',
    editedAt: '2026-01-03T00:00:00.000Z',
  });
  expect(edited).toMatchObject({ html: '<p>child, edited</p>', editedAt: '2026-01-03T00:00:00.000Z' });
  const gone = await removeRemoteComment(env, (await h.store.comments.read(parent.comment.id))!);
  expect(gone).toMatchObject({ status: 'deleted', placeholder: true });
  const thread = await h.store.threads.all('open', '/p/', true);
  expect(thread.find((c) => c.id === child.comment.id)).toMatchObject({ html: '<p>child, edited</p>' });
});
