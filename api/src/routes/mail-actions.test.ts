/** Moderation links from mail: single-use even when clicked twice at once, only for current moderators, logged. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { keyedHash } from '../domain/tokens.js';
import { signLink } from '../notify/links.js';
import { createHarness, type Harness, TEST_SECRET } from '../testing/harness.js';

let h: Harness;
const modHash = (email: string) => keyedHash(TEST_SECRET, 'moderator', email);
const x = () => Math.floor(Date.now() / 1000) + 600;

beforeAll(async () => {
  h = await createHarness();
  await h.site('mods', { moderation: 'all' });
  await h.site('other', { moderation: 'all' });
  await h.store.moderators.upsert('boss@example.com', { digest: 'each' });
  await h.store.moderators.grant('boss@example.com', 'mods', 'owner');
});
afterAll(async () => {
  await h?.drop();
});

async function pending(site = 'mods'): Promise<string> {
  const res = await h.app.request('/api/v1/comments', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://blog.example' },
    body: JSON.stringify({
      site,
      page: '/m/',
      body: 'moderate <me>',
      author: { name: 'P', email: 'p@example.com' },
    }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { comment: { id: string } }).comment.id;
}

const moderate = (token: string, method = 'POST') =>
  h.app.request(`/api/v1/mail/moderate?token=${token}`, { method });

it('shows the comment sanitized on GET and acts once on POST, even when two POSTs race', async () => {
  const id = await pending();
  const token = signLink(TEST_SECRET, {
    a: 'approve',
    s: 'mods',
    c: id,
    m: modHash('boss@example.com'),
    x: x(),
  });
  const page = await moderate(token, 'GET');
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('moderate &lt;me&gt;');
  expect(html).not.toContain('p@example.com');
  const statuses = (await Promise.all([moderate(token), moderate(token)])).map((r) => r.status).sort();
  expect(statuses).toEqual([200, 409]);
  expect((await h.store.comments.read(id))?.status).toBe('approved');
  const { entries } = await h.store.audit.list('mods', 10);
  expect(entries.find((e) => e.target === id)).toMatchObject({
    actor: 'boss@example.com',
    action: 'status:approved',
  });
});

it('deletes with a delete link', async () => {
  const id = await pending();
  const token = signLink(TEST_SECRET, {
    a: 'delete',
    s: 'mods',
    c: id,
    m: modHash('boss@example.com'),
    x: x(),
  });
  expect((await moderate(token)).status).toBe(200);
  expect((await h.store.comments.read(id))?.status).toBe('deleted');
});

it('refuses links of people who no longer moderate the site, and links naming another site', async () => {
  const id = await pending();
  const gone = signLink(TEST_SECRET, {
    a: 'approve',
    s: 'mods',
    c: id,
    m: modHash('former@example.com'),
    x: x(),
  });
  expect((await moderate(gone)).status).toBe(403);
  const elsewhere = signLink(TEST_SECRET, {
    a: 'approve',
    s: 'other',
    c: id,
    m: modHash('boss@example.com'),
    x: x(),
  });
  expect((await moderate(elsewhere)).status).toBe(400);
  const unsub = signLink(TEST_SECRET, { a: 'unsub', s: 'mods', e: 'x' });
  expect((await moderate(unsub)).status).toBe(400);
  expect((await h.store.comments.read(id))?.status).toBe('pending');
});
