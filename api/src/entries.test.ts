/** One suite of API tests run against both entries: the Node server over HTTP and the Lambda bundle. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeKey } from './domain/tokens.js';
import { startServer } from './server.js';
import { loadBundle } from './testing/bundle.js';
import { type Caller, httpCaller, lambdaCaller } from './testing/clients.js';
import { postComment } from './testing/comments.js';
import { createHarness, type Harness, TEST_SECRET } from './testing/harness.js';

const ORIGIN = 'https://blog.example';

let h: Harness;
let close: () => Promise<void>;
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  h = await createHarness();
  await h.site('entries', { origins: [ORIGIN] });
  await h.site('held', { origins: [ORIGIN], moderation: 'all' });
  const server = await startServer({ ...h.config, port: 0 }, h.store, { staticRoot: '/nonexistent' });
  close = server.close;
  callers.node = httpCaller(server.url);
  const mod = await loadBundle<{ handler: Parameters<typeof lambdaCaller>[0] }>('lambda', {
    DYNAMODB_ENDPOINT: h.config.dynamodbEndpoint!,
    AFTERWORD_TABLE: h.config.table,
    AFTERWORD_SECRET: TEST_SECRET,
    AFTERWORD_SITE_CACHE_MS: '0',
    AWS_REGION: 'us-east-1',
  });
  callers.lambda = lambdaCaller(mod.handler);
});

afterAll(async () => {
  await close?.();
  await h?.drop();
});

describe.each(['node', 'lambda'])('API through the %s entry', (entry) => {
  const call: Caller = (...args) => callers[entry]!(...args);
  const page = `/posts/${entry}-thread/`;
  const post = (body: Record<string, unknown>, headers: Record<string, string> = {}, ip?: string) =>
    postComment(call, { site: 'entries', page, ...body }, { origin: ORIGIN, headers, ...(ip ? { ip } : {}) });

  it('answers health', async () => {
    const res = await call('GET', '/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true, storage: 'reachable' });
  });

  it('posts, lists with an ETag, and answers 304 for an unchanged thread', async () => {
    const created = await post({
      body: 'Hello **there**',
      author: { name: 'Ann', email: 'ann@example.com' },
    });
    expect(created.status).toBe(201);
    expect(created.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(created.json.comment.html).toBe('<p>Hello <strong>there</strong></p>');
    expect(created.json.editToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(created.text).not.toContain('ann@example.com');

    const list = await call('GET', `/api/v1/comments?site=entries&page=${encodeURIComponent(page)}`, {
      headers: { origin: ORIGIN },
    });
    expect(list.status).toBe(200);
    expect(list.json.comments.map((c: { id: string }) => c.id)).toContain(created.json.comment.id);
    expect(list.json.page.count).toBeGreaterThanOrEqual(1);
    expect(list.headers['cache-control']).toMatch(/public/);
    expect(list.text).not.toContain('ann@example.com');
    const etag = list.headers.etag!;
    expect(etag).toBeTruthy();

    const again = await call('GET', `/api/v1/comments?site=entries&page=${encodeURIComponent(page)}`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('replays a create with the same Idempotency-Key', async () => {
    const key = `key-${entry}-1`;
    const a = await post({ body: 'once' }, { 'idempotency-key': key });
    const b = await post({ body: 'once' }, { 'idempotency-key': key });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.json.comment.id).toBe(a.json.comment.id);
    expect(b.json.editToken).toBe(a.json.editToken);
  });

  it('holds comments for moderation with 202 and does not list them', async () => {
    const res = await call('POST', '/api/v1/comments', {
      body: { site: 'held', page, body: 'wait for me' },
      headers: { origin: ORIGIN },
    });
    expect(res.status).toBe(202);
    expect(res.json.comment.status).toBe('pending');
    const list = await call('GET', `/api/v1/comments?site=held&page=${encodeURIComponent(page)}`);
    expect(list.json.comments).toEqual([]);
  });

  it('edits and deletes with the edit token; a deleted parent stays as a placeholder', async () => {
    const parent = await post({ body: 'parent' });
    const reply = await post({ body: 'child', parentId: parent.json.comment.id });
    expect(reply.json.comment.depth).toBe(1);
    expect(reply.json.comment.parentId).toBe(parent.json.comment.id);
    const id = parent.json.comment.id;
    const wrong = await call('PATCH', `/api/v1/comments/${id}`, {
      body: { body: 'x' },
      headers: { 'x-afterword-edit-token': 'nope', origin: ORIGIN },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.code).toBe('edit_token_invalid');
    const edited = await call('PATCH', `/api/v1/comments/${id}`, {
      body: { body: 'parent, _edited_' },
      headers: { 'x-afterword-edit-token': parent.json.editToken, origin: ORIGIN },
    });
    expect(edited.status).toBe(200);
    expect(edited.json.comment.html).toBe('<p>parent, <em>edited</em></p>');
    expect(edited.json.comment.editedAt).toBeTruthy();
    const del = await call('DELETE', `/api/v1/comments/${id}`, {
      headers: { 'x-afterword-edit-token': parent.json.editToken, origin: ORIGIN },
    });
    expect(del.status).toBe(200);
    expect(del.json.placeholder).toBe(true);
    const list = await call(
      'GET',
      `/api/v1/comments?site=entries&page=${encodeURIComponent(page)}&limit=100`,
    );
    const shown = list.json.comments.find((c: { id: string }) => c.id === id);
    expect(shown).toMatchObject({ status: 'deleted', html: '' });
    expect(list.json.comments.some((c: { id: string }) => c.id === reply.json.comment.id)).toBe(true);
  });

  it('counts one vote per client IP, from the platform and not from X-Forwarded-For', async () => {
    const c = await post({ body: 'vote on me' });
    const id = c.json.comment.id;
    const vote = (ip: string, value: number, xff = '1.2.3.4') =>
      call('POST', `/api/v1/comments/${id}/vote`, {
        body: { value },
        headers: { 'x-forwarded-for': xff, origin: ORIGIN },
        ip,
      });
    expect((await vote('127.0.0.2', 1)).json.score).toBe(1);
    expect((await vote('127.0.0.2', 1, '9.9.9.9')).json.score).toBe(1);
    expect((await vote('127.0.0.3', 1)).json.score).toBe(2);
    expect((await vote('127.0.0.3', -1)).json.score).toBe(0);
    expect((await vote('127.0.0.3', 0)).json.score).toBe(1);
  });

  it('reads counts for repeated page keys in one request', async () => {
    const res = await call(
      'GET',
      `/api/v1/counts?site=entries&page=${encodeURIComponent(page)}&page=/nothing/here/`,
    );
    expect(res.status).toBe(200);
    expect(res.json.counts['/nothing/here/']).toBe(0);
    expect(res.json.counts[page]).toBeGreaterThan(0);
  });

  it('renders a preview exactly as a stored comment', async () => {
    const res = await call('POST', '/api/v1/preview', {
      body: { body: '<b>x</b> [y](javascript:alert(1))' },
    });
    expect(res.status).toBe(200);
    expect(res.json.html).toBe('<p>&lt;b&gt;x&lt;/b&gt; [y](javascript:alert(1))</p>');
  });

  it('refuses bad input with clear codes', async () => {
    const invalid = await post({ body: 'x', author: { email: 'not-an-email' } });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.code).toBe('invalid_input');
    expect(invalid.json.error.details.fields).toContain('author.email');

    const unknown = await call('POST', '/api/v1/comments', { body: { site: 'nosuchsite', page, body: 'x' } });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('site_not_found');

    const foreign = await post({ body: 'x' }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.json.error.code).toBe('origin_not_allowed');
    // The refusal is readable there (the widget says what to fix); nothing else is exposed with it.
    expect(foreign.json.error.details).toEqual({ origin: 'https://evil.example', site: 'entries' });
    expect(foreign.headers['access-control-expose-headers']).toBeUndefined();

    const huge = await post({ body: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);

    const long = await post({ body: 'y'.repeat(6000) });
    expect(long.status).toBe(413);
    expect(long.json.error.code).toBe('comment_too_long');

    const broken = await call('POST', '/api/v1/comments', {
      rawBody: '{"site":',
      headers: { origin: ORIGIN },
    });
    expect(broken.status).toBe(400);
    expect(broken.json.error.code).toBe('invalid_json');

    const badCursor = await call('GET', `/api/v1/comments?site=entries&page=/x/&cursor=zzzz`);
    expect(badCursor.status).toBe(400);
    expect(badCursor.json.error.code).toBe('invalid_cursor');
  });

  it('answers CORS preflights only for known origins', async () => {
    const ok = await call('OPTIONS', '/api/v1/comments', {
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(ORIGIN);
    const no = await call('OPTIONS', '/api/v1/comments', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(no.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('ignores cookies it does not use', async () => {
    const res = await call('GET', '/api/v1/health', { cookies: ['a=1', 'b=2'] });
    expect(res.status).toBe(200);
  });
});

it('the Lambda entry believes CloudFront-Viewer-Address only with the edge key', async () => {
  const c = await callers.lambda!('POST', '/api/v1/comments', {
    body: { site: 'entries', page: '/posts/edge/', body: 'voted through the edge' },
  });
  const id = c.json.comment.id;
  const vote = (headers: Record<string, string>) =>
    callers.lambda!('POST', `/api/v1/comments/${id}/vote`, {
      body: { value: 1 },
      headers,
      ip: '130.176.0.1',
    });
  const key = edgeKey(TEST_SECRET);
  expect(
    (await vote({ 'x-afterword-edge': key, 'cloudfront-viewer-address': '203.0.113.1:5000' })).json.score,
  ).toBe(1);
  expect(
    (await vote({ 'x-afterword-edge': key, 'cloudfront-viewer-address': '[2001:db8::1]:443' })).json.score,
  ).toBe(2);
  expect(
    (await vote({ 'x-afterword-edge': key, 'cloudfront-viewer-address': '203.0.113.1:6000' })).json.score,
  ).toBe(2);
  // Without the key the header is anyone's to send: all such requests are the source IP, one voter.
  expect(
    (await vote({ 'x-afterword-edge': 'forged', 'cloudfront-viewer-address': '203.0.113.9:1' })).json.score,
  ).toBe(3);
  expect((await vote({ 'cloudfront-viewer-address': '203.0.113.10:1' })).json.score).toBe(3);
});
