/** CORS on errors: an allowed origin reads every error; any origin reads only a widget route's set-up refusal. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommentPost, postComment, readThread } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';

const ORIGIN = 'https://blog.example';
/** An origin no site allows: a blog owner's `hugo server`, or a page that has no business here. */
const LOCAL = 'http://localhost:1313';
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await h.site('cors', { origins: [ORIGIN] });
  await postComment(h.call, { site: 'cors', page: '/x/', body: 'a public comment' }, { origin: ORIGIN });
});

afterAll(async () => {
  await h?.drop();
});

const get = (path: string, origin: string) => h.app.request(path, { headers: { origin } });
const post = (body: CommentPost, origin: string) => postComment(h.call, body, { origin });
type ErrorJson = { error: { code: string; message: string; details?: Record<string, unknown> } };

describe('CORS on error responses', () => {
  it('grants an allowed origin on an unknown site (raised before the route could grant)', async () => {
    const res = await get('/api/v1/comments?site=no-such-site&page=/x/', ORIGIN);
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const { error } = (await res.json()) as ErrorJson;
    expect(error.code).toBe('site_not_found');
    expect(error.details).toEqual({ site: 'no-such-site' });
  });

  it('grants an allowed origin on a validation error', async () => {
    const res = await post({ site: 'cors', page: '/x/', body: 1 }, ORIGIN);
    expect(res.status).toBe(400);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(res.headers['access-control-expose-headers']).toContain('Retry-After');
  });

  it('grants an allowed origin on an error the route raised after granting (once, not twice)', async () => {
    const res = await post({ site: 'cors', page: '/x/', body: '   ' }, ORIGIN);
    expect(res.status).toBe(400);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
  });

  it('leaves successful responses to the site’s own origins', async () => {
    const res = await get('/api/v1/comments?site=cors&page=/x/', ORIGIN);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    // A server-side reader (no Origin) still reads the thread.
    const server = await readThread(h.call, 'cors', '/x/', {}, { origin: null });
    expect(server.status).toBe(200);
    expect(server.json.comments).toHaveLength(1);
  });
});

describe('set-up refusals, readable from any origin', () => {
  it('refuses a read from an origin the site does not allow, naming the origin and site only', async () => {
    const res = await get('/api/v1/comments?site=cors&page=/x/', LOCAL);
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBe(LOCAL);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('access-control-expose-headers')).toBeNull();
    expect(res.headers.get('vary')).toContain('Origin');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        code: 'origin_not_allowed',
        message: `origin ${LOCAL} is not among the allowed origins of site cors`,
        details: { origin: LOCAL, site: 'cors' },
      },
    });
    // Nothing of the thread or of the site's own setup goes with it.
    expect(text).not.toContain('a public comment');
    expect(text).not.toContain(ORIGIN);
  });

  it('refuses counts and writes from that origin the same way (and stores nothing)', async () => {
    const counts = await get('/api/v1/counts?site=cors&page=/x/', LOCAL);
    expect(counts.status).toBe(403);
    expect(counts.headers.get('access-control-allow-origin')).toBe(LOCAL);
    expect(Object.keys((await counts.json()) as object)).toEqual(['error']);
    const write = await post({ site: 'cors', page: '/y/', body: 'from afar' }, LOCAL);
    expect(write.status).toBe(403);
    expect(write.json.error.details).toEqual({ origin: LOCAL, site: 'cors' });
    expect(write.headers['access-control-allow-origin']).toBe(LOCAL);
    const y = await readThread(h.call, 'cors', '/y/', {}, { origin: null });
    expect(y.json.comments).toEqual([]);
  });

  it('answers a mistyped site id from any origin: unknown, or not an id at all', async () => {
    const res = await get('/api/v1/comments?site=cros&page=/x/', LOCAL);
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe(LOCAL);
    expect(((await res.json()) as ErrorJson).error.details).toEqual({ site: 'cros' });
    const bad = await get('/api/v1/comments?site=My%20Blog&page=/x/', LOCAL);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe(LOCAL);
    expect(((await bad.json()) as ErrorJson).error.details?.fields).toEqual(['site']);
  });

  it('gives an unknown origin no grant on any other error, nor on routes the widget does not call', async () => {
    const noPage = await get('/api/v1/comments?site=cors', LOCAL);
    expect(noPage.status).toBe(400);
    expect(noPage.headers.get('access-control-allow-origin')).toBeNull();
    const gone = await post({ site: 'cors', page: '/x/', body: 'hi', parentId: 'zzzzzzzzzz' }, ORIGIN);
    expect(gone.status).toBe(404);
    const vote = await h.app.request('/api/v1/comments/zzzzzzzzzz/vote', {
      method: 'POST',
      headers: { origin: LOCAL, 'content-type': 'application/json' },
      body: JSON.stringify({ value: 1 }),
    });
    expect(vote.status).toBe(404);
    expect(vote.headers.get('access-control-allow-origin')).toBeNull();
    const feed = await get('/api/v1/feed.atom?site=no-such-site', LOCAL);
    expect(feed.status).toBe(404);
    expect(feed.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('still refuses that origin’s preflight, so a browser never sends it a write', async () => {
    const res = await h.app.request('/api/v1/comments', {
      method: 'OPTIONS',
      headers: { origin: LOCAL, 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
