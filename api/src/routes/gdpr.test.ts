/** GDPR for moderators: export and erase one author's comments on a site; admin export and import. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedHash } from '../domain/tokens.js';
import { runImport, single } from '../portability/run.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { addModerator, adminCall, OWN, sessionFor, type TestSession } from './admin.testkit.js';

let h: Harness;
let owner: TestSession;
let mod: TestSession;
let outsider: TestSession;

beforeAll(async () => {
  h = await createHarness();
  await h.site('gd');
  await h.site('elsewhere');
  await addModerator(h, 'owner@example.org', [['gd', 'owner']]);
  await addModerator(h, 'mod@example.org', [['gd', 'moderator']]);
  await addModerator(h, 'out@example.org', [['elsewhere', 'owner']]);
  owner = await sessionFor(h, 'owner@example.org');
  mod = await sessionFor(h, 'mod@example.org');
  outsider = await sessionFor(h, 'out@example.org');
  // Zoë wrote three comments (one has a reply by Bob); Bob one.
  const c = (id: string, parentId: string | null, email: string, minute: number) => ({
    id,
    page: '/p/',
    parentId,
    depth: parentId ? 1 : 0,
    body: `text of ${id}`,
    html: `<p>text of ${id}</p>`,
    status: 'approved',
    author: { name: email.split('@')[0], email },
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString(),
    score: 0,
    up: 0,
    down: 0,
  });
  await runImport({
    store: h.store,
    secret: h.config.secret,
    site: 'gd',
    format: 'native',
    chunks: single(
      JSON.stringify({
        format: 'afterword-native',
        version: 1,
        comments: [
          c('zzzzzzz1', null, 'Zoe@Example.com', 1),
          c('bbbbbbb1', 'zzzzzzz1', 'bob@example.com', 2),
          c('zzzzzzz2', null, 'zoe@example.com', 3),
          c('zzzzzzz3', null, 'zoe@example.com', 4),
        ],
      }),
    ),
  });
});
afterAll(async () => {
  await h?.drop();
});

describe('GDPR', () => {
  it('exports everything one author wrote, for moderators of the site only', async () => {
    const res = await adminCall(h, 'GET', '/sites/gd/authors/export?email=ZOE@example.com', { session: mod });
    expect(res.status).toBe(200);
    expect(res.json.comments).toHaveLength(3);
    expect(
      res.json.comments.every((x: { author: { email: string } }) => x.author.email === 'zoe@example.com'),
    ).toBe(true);
    expect(
      (await adminCall(h, 'GET', '/sites/gd/authors/export?email=zoe@example.com', { session: outsider }))
        .status,
    ).toBe(403);
    expect((await adminCall(h, 'GET', '/sites/gd/authors/export?email=zoe@example.com')).status).toBe(401);
    expect((await adminCall(h, 'GET', '/sites/gd/authors/export?email=nope', { session: mod })).status).toBe(
      400,
    );
  });

  it('erases the author’s comments, keeping a placeholder where others replied', async () => {
    expect(
      (await adminCall(h, 'DELETE', '/sites/gd/authors?email=zoe@example.com', { session: mod, csrf: null }))
        .status,
    ).toBe(403);
    const zoeHash = keyedHash(h.config.secret, 'email', 'zoe@example.com');
    await h.store.subscriptions.ensure('gd', zoeHash, 'zoe@example.com', new Date().toISOString());
    const res = await adminCall(h, 'DELETE', '/sites/gd/authors?email=zoe@example.com', { session: mod });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ erased: 3, subscriptions: 1, complete: true });
    expect(await h.store.subscriptions.get('gd', zoeHash)).toBeUndefined();
    const raw = await h.store.threads.all('gd', '/p/', false);
    // The page's items never hold the markdown or the address: those are on the private record.
    for (const x of raw as Array<Record<string, unknown>>)
      expect([x.body, x.authorEmail, x.ipHash]).toEqual([undefined, undefined, undefined]);
    const left = await h.store.lookup.withPrivate(raw);
    const zoe = left.filter((x) => x.id !== left.find((y) => y.authorName === 'bob')?.id);
    for (const x of zoe) {
      expect(x.status).toBe('deleted');
      expect(x.body + x.html + x.authorName).toBe('');
      expect(x.authorEmail).toBeUndefined();
    }
    expect(zoe.filter((x) => x.placeholder)).toHaveLength(1);
    expect((await h.store.threads.getPage('gd', '/p/'))?.count).toBe(1);
    const after = await adminCall(h, 'GET', '/sites/gd/authors/export?email=zoe@example.com', {
      session: mod,
    });
    expect(after.json.comments).toHaveLength(0);
  });
});

describe('admin export and import', () => {
  it('lets an owner upload a file and download the site', async () => {
    const file = readFileSync(join(import.meta.dirname, '../portability/fixtures/waline.json'));
    const call = (session: TestSession) =>
      h.app.request(`${OWN}/api/v1/admin/sites/gd/import?format=waline`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, origin: OWN },
        body: file,
      });
    expect((await call(mod)).status).toBe(403);
    const res = await call(owner);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 6, problems: 2, complete: true });
    const out = await adminCall(h, 'GET', '/sites/gd/export', { session: owner });
    expect(out.status).toBe(200);
    expect(out.json.comments).toHaveLength(10);
    expect((await adminCall(h, 'GET', '/sites/gd/export', { session: mod })).status).toBe(403);
  });
});
