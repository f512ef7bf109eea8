/** The admin API of remote replies: a site's remote settings (owners), a page linked by a moderator and refreshed. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeMastodon, startFakeMastodon } from '../domain/remote/fakes.testkit.js';
import { refreshDue, remoteEnv } from '../domain/remote/refresh.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { addModerator, adminCall, sessionFor } from './admin.testkit.js';

let h: Harness;
let masto: FakeMastodon;

beforeAll(async () => {
  masto = await startFakeMastodon();
  h = await createHarness({ outboundAllow: [masto.server.host] });
  await h.site('blog', { moderation: 'none' });
  await addModerator(h, 'owner@blog.test', [['blog', 'owner']]);
  await addModerator(h, 'mod@blog.test', [['blog', 'moderator']]);
});
afterAll(async () => {
  await masto?.close();
  await h?.drop();
});

it('saves the remote settings (owners), answers them and logs the change', async () => {
  const session = await sessionFor(h, 'owner@blog.test');
  const put = await adminCall(h, 'PUT', '/sites/blog/settings', {
    session,
    body: { remote: { premoderate: true, discover: false } },
  });
  expect(put.status, JSON.stringify(put.json)).toBe(200);
  expect(put.json.site.remote).toEqual({ premoderate: true, discover: false });
  // Logged switch by switch: off and absent are one, so only premoderate changed.
  const [entry] = (await h.store.audit.list('blog', 1)).entries;
  expect(entry).toMatchObject({ detail: 'remote.premoderate' });
  expect(JSON.stringify(entry)).toContain('"from":"off","to":"on"');
  // Absent flags stay as they were.
  await adminCall(h, 'PUT', '/sites/blog/settings', { session, body: { remote: { webmention: true } } });
  const got = await adminCall(h, 'GET', '/sites/blog/settings', { session });
  expect(got.json.site.remote).toEqual({ premoderate: true, discover: false, webmention: true });
  expect((await h.store.sites.get('blog'))?.remote).toEqual({
    premoderate: true,
    discover: false,
    webmention: true,
  });
  // The settings form sends every switch each save: the same ones again are no change.
  const again = await adminCall(h, 'PUT', '/sites/blog/settings', {
    session,
    body: { remote: { premoderate: true, discover: false, webmention: true } },
  });
  expect(again.status).toBe(200);
  expect((await h.store.audit.list('blog', 1)).entries[0]).toMatchObject({ detail: 'no change' });
  const bad = await adminCall(h, 'PUT', '/sites/blog/settings', {
    session,
    body: { remote: { premoderate: 'yes' } },
  });
  expect(bad.status).toBe(400);
});

it('a moderator links a page; the refresh holds its replies as the site says', async () => {
  masto.statuses = [
    { id: '1001', inReplyTo: '1000', acct: 'bob', name: 'Bob', content: '<p>Held reply</p>' },
  ];
  const session = await sessionFor(h, 'mod@blog.test');
  const linked = await adminCall(h, 'PUT', '/sites/blog/remote-links', {
    session,
    body: { page: '/post/', url: masto.statusUrl },
  });
  expect(linked.status, JSON.stringify(linked.json)).toBe(200);
  const env = remoteEnv(h.config, h.store, h.deps.now);
  expect(await refreshDue(env)).toMatchObject({ pages: 1, created: 1 });
  const [held] = await h.store.threads.all('blog', '/post/', false);
  expect(held).toMatchObject({
    status: 'pending',
    spamReasons: ['premoderation'],
    remote: { source: 'mastodon' },
  });
  const queue = await adminCall(h, 'GET', '/queue?site=blog', { session });
  expect(queue.json.comments.map((c: { id: string }) => c.id)).toContain(held!.id);
});
