/**
 * The reader routes' authorization matrix: every route that needs a signed-in reader against every kind of
 * caller (none, a malformed token, another site's session, an ended one, the reader's own); denials
 * change nothing (the reader's comment and name stay as they were).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READER_HEADER } from '../contract/reader-names.js';
import { signInReader } from '../domain/reader.js';
import { ORIGIN, postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { readerEnv } from './reader-helpers.js';

let h: Harness;
const tokens: Record<'own' | 'otherSite' | 'ended', string> = { own: '', otherSite: '', ended: '' };
let commentId = '';

async function session(site: string, email: string): Promise<string> {
  const s = await h.store.sites.get(site);
  return (await signInReader(readerEnv(h.deps), s!, { kind: 'email', subject: email, email })).token;
}

beforeAll(async () => {
  h = await createHarness();
  await h.site('alpha', { readers: { email: true } });
  await h.site('beta', { readers: { email: true } });
  tokens.own = await session('alpha', 'own@mail.test');
  tokens.otherSite = await session('beta', 'own@mail.test');
  tokens.ended = await session('alpha', 'own@mail.test');
  await h.call('POST', '/api/v1/reader/signout?site=alpha', {
    headers: { origin: ORIGIN, [READER_HEADER]: tokens.ended },
  });
  const posted = await postComment(
    h.call,
    { site: 'alpha', body: 'mine' },
    { headers: { [READER_HEADER]: tokens.own } },
  );
  commentId = posted.json.comment.id;
});
afterAll(() => h?.drop());

/** Every route that acts for a signed-in reader; `ok` is its answer to the reader's own session. */
const READER_ROUTES: Array<{ method: string; path: string; body?: unknown; ok: number }> = [
  { method: 'GET', path: '/api/v1/reader/me?site=alpha', ok: 200 },
  { method: 'PATCH', path: '/api/v1/reader/me?site=alpha', body: { name: 'Changed' }, ok: 200 },
  { method: 'GET', path: '/api/v1/reader/me/comments?site=alpha', ok: 200 },
  { method: 'GET', path: '/api/v1/reader/me/export?site=alpha', ok: 200 },
  { method: 'DELETE', path: '/api/v1/reader/me/comments?site=alpha', ok: 200 },
  { method: 'POST', path: '/api/v1/reader/signout/all?site=alpha', ok: 200 },
  { method: 'POST', path: '/api/v1/reader/signout?site=alpha', ok: 200 },
];

const CALLERS: Array<{ name: string; header: () => Record<string, string> }> = [
  { name: 'no session', header: () => ({}) },
  { name: 'a malformed token', header: () => ({ [READER_HEADER]: 'not a token!' }) },
  { name: 'a random token', header: () => ({ [READER_HEADER]: 'A'.repeat(43) }) },
  { name: 'another site’s session', header: () => ({ [READER_HEADER]: tokens.otherSite }) },
  { name: 'an ended session', header: () => ({ [READER_HEADER]: tokens.ended }) },
];

describe('reader routes refuse every caller but the reader', () => {
  for (const route of READER_ROUTES)
    for (const caller of CALLERS)
      it(`${route.method} ${route.path.split('?')[0]} with ${caller.name}: 4xx, nothing changes`, async () => {
        const res = await h.call(route.method, route.path, {
          ...(route.body ? { body: route.body } : {}),
          headers: { origin: ORIGIN, ...caller.header() },
        });
        // A malformed header is refused by its schema (400); every other denial is a 401.
        expect([400, 401]).toContain(res.status);
        expect(res.json.error.code).toMatch(/^(reader_session_invalid|invalid_input)$/);
        const c = await h.store.comments.read(commentId);
        expect(c?.status).toBe('approved');
      });

  it('and answers the reader, route by route (the erase and the sign-outs last)', async () => {
    for (const route of READER_ROUTES) {
      const res = await h.call(route.method, route.path, {
        ...(route.body ? { body: route.body } : {}),
        headers: { origin: ORIGIN, [READER_HEADER]: tokens.own },
      });
      expect(res.status, `${route.method} ${route.path}: ${res.text}`).toBe(route.ok);
      if (route.path.includes('signout/all')) tokens.own = await session('alpha', 'own@mail.test');
    }
    expect((await h.store.comments.read(commentId))?.status).toBe('deleted');
  });
});
