/** CORS on errors: the widget on an allowed origin can read every error's code; other origins get no grant. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommentPost, postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';

const ORIGIN = 'https://blog.example';
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await h.site('cors', { origins: [ORIGIN] });
});

afterAll(async () => {
  await h?.drop();
});

const get = (path: string, origin: string) => h.app.request(path, { headers: { origin } });
const post = (body: CommentPost, origin: string) => postComment(h.call, body, { origin });

describe('CORS on error responses', () => {
  it('grants an allowed origin on an unknown site (raised before the route could grant)', async () => {
    const res = await get('/api/v1/comments?site=no-such-site&page=/x/', ORIGIN);
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('site_not_found');
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

  it('gives no grant to an origin no site allows', async () => {
    const res = await get('/api/v1/comments?site=no-such-site&page=/x/', 'https://evil.example');
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const write = await post({ site: 'cors', page: '/x/', body: 'hi' }, 'https://evil.example');
    expect(write.status).toBe(403);
    expect(write.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('leaves successful responses as the route granted them', async () => {
    const res = await get('/api/v1/comments?site=cors&page=/x/', ORIGIN);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const other = await get('/api/v1/comments?site=cors&page=/x/', 'https://evil.example');
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
