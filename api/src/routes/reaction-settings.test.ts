/**
 * A site's reactions setting end to end: owners save the sets in the admin API (palette emoji only, at most 6 a
 * set, kept in palette order; each set logged apart), the thread's settings carry them, turning one off refuses
 * its reactions; the CLI sets them with `--reactions` and `--page-reactions`.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { captureCli } from '../testing/cli.js';
import { ORIGIN, postComment, readThread } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { addModerator, adminCall, sessionFor } from './admin.testkit.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.site('blog');
  await addModerator(h, 'owner@blog.test', [['blog', 'owner']]);
  await addModerator(h, 'mod@blog.test', [['blog', 'moderator']]);
});
afterAll(async () => {
  await h?.drop();
});

it('saves the sets (owners only), shows them to readers, logs each set, and refuses what is not offered', async () => {
  const owner = await sessionFor(h, 'owner@blog.test');
  const save = (reactions: unknown, session = owner) =>
    adminCall(h, 'PUT', '/sites/blog/settings', { session, body: { reactions } });
  const put = await save({ comments: ['🎉', '👍', '🎉'], page: ['❤️'] });
  expect(put.status, JSON.stringify(put.json)).toBe(200);
  // Kept in palette order, once each.
  expect(put.json.site.reactions).toEqual({ comments: ['👍', '🎉'], page: ['❤️'] });
  const [entry] = (await h.store.audit.list('blog', 1)).entries;
  expect(entry).toMatchObject({ detail: 'reactions.comments, reactions.page' });
  expect(JSON.stringify(entry?.changes)).toContain('"to":"👍, 🎉"');
  expect((await readThread(h.call, 'blog', '/p/')).json.settings.reactions).toEqual({
    comments: ['👍', '🎉'],
    page: ['❤️'],
  });
  // A set left out stays; an empty one turns reactions off there (and readers' settings leave it out).
  expect((await save({ page: [] })).json.site.reactions).toEqual({ comments: ['👍', '🎉'] });
  expect((await readThread(h.call, 'blog', '/p/')).json.settings.reactions).toEqual({
    comments: ['👍', '🎉'],
  });
  const off = await h.call('PUT', `/api/v1/reactions/${encodeURIComponent('❤️')}?site=blog&page=/p/`, {
    headers: { origin: ORIGIN },
  });
  expect([off.status, off.json.error.code]).toEqual([403, 'reactions_off']);
  for (const bad of [
    { comments: ['💩'] },
    { page: ['👍', '❤️', '😂', '🎉', '😮', '😢', '🤔'] },
    { comments: '👍' },
  ])
    expect((await save(bad)).status, JSON.stringify(bad)).toBe(400);
  expect((await save({ comments: [] }, await sessionFor(h, 'mod@blog.test'))).status).toBe(403);
});

it('turns reactions off on comments: their counts stay stored, the thread offers none and refuses new ones', async () => {
  const owner = await sessionFor(h, 'owner@blog.test');
  await adminCall(h, 'PUT', '/sites/blog/settings', {
    session: owner,
    body: { reactions: { comments: ['👍'] } },
  });
  const id = (await postComment(h.call, { site: 'blog', page: '/off/', body: 'x' })).json.comment.id;
  const react = () =>
    h.call('PUT', `/api/v1/comments/${id}/reactions/${encodeURIComponent('👍')}`, {
      headers: { origin: ORIGIN },
    });
  expect((await react()).status).toBe(200);
  await adminCall(h, 'PUT', '/sites/blog/settings', {
    session: owner,
    body: { reactions: { comments: [] } },
  });
  const refused = await react();
  expect([refused.status, refused.json.error.code]).toEqual([403, 'reactions_off']);
  expect((await readThread(h.call, 'blog', '/off/')).json.settings).not.toHaveProperty('reactions');
});

const io = captureCli();

it('sets them from the CLI: --reactions, --page-reactions on|off|list, and refuses strangers', async () => {
  expect(
    await main(['site', 'add', 'cli', '--origin', 'https://cli.example', '--reactions', '👍,❤️,🎉']),
  ).toBe(0);
  expect(io.out).toContain('reactions=👍,❤️,🎉\tpage-reactions=off');
  expect(await main(['site', 'set', 'cli', '--page-reactions', 'on'])).toBe(0);
  expect(io.out).toContain('page-reactions=👍,❤️,🎉');
  expect(await main(['site', 'set', 'cli', '--page-reactions', '🎉 👍'])).toBe(0);
  expect(await main(['site', 'set', 'cli', '--reactions', 'off'])).toBe(0);
  io.out = '';
  expect(await main(['site', 'list', '--json'])).toBe(0);
  expect(JSON.parse(io.out).reactions).toEqual({ comments: [], page: ['👍', '🎉'] });
  expect(await main(['site', 'set', 'cli', '--reactions', '👍,💩'])).toBe(2);
  expect(io.err).toContain('not offered: 💩');
  expect(await main(['site', 'set', 'cli', '--page-reactions', 'on'])).toBe(2);
  expect(io.err).toContain('give --reactions too');
});
