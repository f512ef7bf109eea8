/** Every source of a comment goes through the one service: same cleaning, avatar, render; its own status policy. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImportWriter } from '../../portability/writer.js';
import { adminCall, sessionFor } from '../../routes/admin.testkit.js';
import type { CommentItem } from '../../store/items.js';
import { createHarness, type Harness } from '../../testing/harness.js';
import { renderMarkdown } from '../markdown.js';
import { keyedHash } from '../tokens.js';

const RAW = {
  name: '  Zoë\u0007   Ångström\t',
  email: 'Zoe@Example.COM',
  website: 'zoe.example/about',
  body: '**Hi** there <b>raw</b>\u0000',
};
const CLEAN = { name: 'Zoë Ångström', email: 'zoe@example.com', website: 'https://zoe.example/about' };

let h: Harness;
let parentId: string;
const made: Record<string, CommentItem> = {};

/** Each source creates one comment from the same raw author and body (the moderator's from its account). */
const SOURCES: Record<string, () => Promise<string>> = {
  async web() {
    const res = await h.app.request('http://localhost/api/v1/comments', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://blog.example' },
      body: JSON.stringify({
        site: 'src',
        page: '/p/',
        body: RAW.body,
        author: { name: RAW.name, email: RAW.email, website: RAW.website },
      }),
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { comment: { id: string } }).comment.id;
  },
  async moderator() {
    const session = await sessionFor(h, CLEAN.email);
    const res = await adminCall(h, 'POST', `/comments/${parentId}/reply`, {
      session,
      body: { body: RAW.body },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json.comment.id;
  },
  async import() {
    const writer = createImportWriter({
      store: h.store,
      secret: h.config.secret,
      site: 'src',
      source: 'test',
    });
    await writer.add({
      kind: 'comment',
      sourceId: 'one',
      pageUrl: 'https://blog.example/p/',
      body: RAW.body,
      bodyFormat: 'markdown',
      authorName: RAW.name,
      authorEmail: RAW.email,
      authorWebsite: RAW.website,
      createdAt: '2024-01-02T03:04:05.000Z',
      status: 'spam',
    });
    const result = await writer.finish();
    expect(result.imported).toBe(1);
    const all = await h.store.threads.all('src', '/p/', false);
    return all.find((c) => c.status === 'spam')!.id;
  },
};

beforeAll(async () => {
  h = await createHarness();
  await h.site('src', { moderation: 'all' });
  await h.store.moderators.upsert(CLEAN.email, { name: RAW.name });
  await h.store.moderators.grant(CLEAN.email, 'src', 'moderator');
  const seed = await SOURCES.web!();
  await adminCall(h, 'POST', `/comments/${seed}/status`, {
    session: await sessionFor(h, CLEAN.email),
    body: { status: 'approved' },
  });
  parentId = seed;
  for (const [name, make] of Object.entries(SOURCES))
    made[name] = (await h.store.comments.read(await make()))!;
});
afterAll(() => h.drop());

describe.each([
  ['web', 'pending'],
  ['moderator', 'approved'],
  ['import', 'spam'],
] as const)('a comment from %s', (source, status) => {
  it('is cleaned, rendered and seeded like every other source', () => {
    const c = made[source]!;
    expect(c.authorName).toBe(CLEAN.name);
    expect(c.emailHash).toBe(keyedHash(h.config.secret, 'email', CLEAN.email));
    expect(c.html).toBe(renderMarkdown('**Hi** there <b>raw</b>'));
    expect(c.html).not.toContain('<b>raw');
    // One avatar recipe: the same author on the same site has the same seed, whatever the source.
    expect(c.avatar).toBe(made.web!.avatar);
    expect(c.avatar).toMatch(/^[0-9a-f]{12}$/);
  });

  it(`gets its source's status (${status})`, () => {
    expect(made[source]!.status).toBe(status);
  });

  it('keeps a website only as a normalized http(s) URL', () => {
    const c = made[source]!;
    // A moderator's reply carries the account, not a website.
    if (source === 'moderator') expect(c.authorWebsite).toBeUndefined();
    else expect(c.authorWebsite).toBe(CLEAN.website);
  });
});

it('seeds the same author differently on another site, so avatars link nobody across sites', async () => {
  await h.site('other');
  const res = await h.app.request('http://localhost/api/v1/comments', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://blog.example' },
    body: JSON.stringify({ site: 'other', page: '/p/', body: 'hi', author: { email: RAW.email } }),
  });
  const id = ((await res.json()) as { comment: { id: string } }).comment.id;
  expect((await h.store.comments.read(id))!.avatar).not.toBe(made.web!.avatar);
});
