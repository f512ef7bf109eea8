/** Hostile input at the API: every vector through every field is stored harmless or refused; bad requests are 4xx. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../api/src/testing/harness.js';
import { dangerousHtml, LINE_VECTORS, VECTORS } from './vectors.js';

const SITE = 'hostile';
const ORIGIN = 'https://blog.example';
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await h.site(SITE, { origins: [ORIGIN], moderation: 'none' });
});
afterAll(async () => {
  await h?.drop();
});

async function req(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await h.app.request(path, {
    method,
    headers: {
      origin: ORIGIN,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: json as any };
}

const isHttpUrl = (u: unknown) => {
  if (u === undefined) return true;
  try {
    return ['http:', 'https:'].includes(new URL(String(u)).protocol);
  } catch {
    return false;
  }
};

describe('markdown and HTML vectors in the body', () => {
  it.each(VECTORS.map((v) => [v.name, v.text]))(
    '%s is stored and previewed harmless',
    async (_name, text) => {
      const res = await req('POST', '/api/v1/comments', { site: SITE, page: '/hostile/body/', body: text });
      expect(res.status, res.text).toBeLessThan(500);
      if (res.status >= 400) {
        expect(res.json.error.code).toMatch(/^[a-z_]+$/);
        return;
      }
      const html: string = res.json.comment.html;
      expect(dangerousHtml(html), html).toBeUndefined();
      const preview = await req('POST', '/api/v1/preview', { body: text });
      expect(preview.status).toBe(200);
      expect(preview.json.html).toBe(html);
    },
  );

  it('lists them all without a single dangerous attribute or URL', async () => {
    const res = await req('GET', `/api/v1/comments?site=${SITE}&page=/hostile/body/&limit=100`);
    expect(res.status).toBe(200);
    expect(res.json.comments.length).toBeGreaterThan(VECTORS.length / 2);
    for (const c of res.json.comments) expect(dangerousHtml(c.html), c.html).toBeUndefined();
  });
});

describe('one-line vectors through every other field', () => {
  const fields: [string, (v: string) => Record<string, unknown>][] = [
    ['author.name', (v) => ({ author: { name: v } })],
    ['author.website', (v) => ({ author: { website: v } })],
    ['author.email', (v) => ({ author: { email: v } })],
    ['title', (v) => ({ title: v })],
    ['url', (v) => ({ url: v })],
    ['page', (v) => ({ page: v })],
  ];
  const cases = fields.flatMap(([field, make]) =>
    LINE_VECTORS.map((v) => [field, v.name, make(v.text)] as const),
  );

  it.each(cases)('%s: %s is refused with a 4xx or kept harmless', async (field, name, extra) => {
    const page = `/hostile/${field}/${name}/`;
    const res = await req('POST', '/api/v1/comments', { site: SITE, page, body: `via ${field}`, ...extra });
    expect(res.status, res.text).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.json.error.code).toMatch(/^(invalid_input|invalid_page|payload_too_large)$/);
      return;
    }
    const c = res.json.comment;
    expect(isHttpUrl(c.author.website), `website ${c.author.website}`).toBe(true);
    const thread = await req(
      'GET',
      `/api/v1/comments?site=${SITE}&page=${encodeURIComponent(res.json.comment ? ((extra.page as string) ?? page) : page)}`,
    );
    expect(thread.status).toBeLessThan(500);
    if (thread.status === 200) {
      expect(isHttpUrl(thread.json.page.url), `page url ${thread.json.page.url}`).toBe(true);
      for (const x of thread.json.comments) expect(isHttpUrl(x.author.website)).toBe(true);
    }
  });

  it('never echoes an email address', async () => {
    const res = await req('POST', '/api/v1/comments', {
      site: SITE,
      page: '/hostile/email/',
      body: 'mail me',
      author: { name: 'M', email: 'someone.private@example.org' },
    });
    expect(res.status).toBe(201);
    const thread = await req('GET', `/api/v1/comments?site=${SITE}&page=/hostile/email/`);
    expect(res.text + thread.text).not.toContain('someone.private');
  });
});

describe('bad requests are 4xx with a clear code, never 5xx', () => {
  const long = 'x'.repeat(70_000);
  const cases: [string, string, string, unknown, Record<string, string>?][] = [
    ['not JSON', 'POST', '/api/v1/comments', '{"site":'],
    ['JSON array', 'POST', '/api/v1/comments', '[1,2,3]'],
    ['JSON null', 'POST', '/api/v1/comments', 'null'],
    ['JSON string', 'POST', '/api/v1/comments', '"hello"'],
    ['empty body', 'POST', '/api/v1/comments', ''],
    [
      'wrong content type',
      'POST',
      '/api/v1/comments',
      'site=x',
      { 'content-type': 'application/x-www-form-urlencoded' },
    ],
    ['missing fields', 'POST', '/api/v1/comments', {}],
    ['body a number', 'POST', '/api/v1/comments', { site: SITE, page: '/a/', body: 5 }],
    ['body an object', 'POST', '/api/v1/comments', { site: SITE, page: '/a/', body: { $ne: 1 } }],
    ['empty body text', 'POST', '/api/v1/comments', { site: SITE, page: '/a/', body: ' \n\t ' }],
    [
      'only control characters',
      'POST',
      '/api/v1/comments',
      { site: SITE, page: '/a/', body: '\u0000\u0001\u0002' },
    ],
    ['too long body', 'POST', '/api/v1/comments', { site: SITE, page: '/a/', body: 'y'.repeat(6000) }],
    ['request too large', 'POST', '/api/v1/comments', { site: SITE, page: '/a/', body: long }],
    ['site id with capitals', 'POST', '/api/v1/comments', { site: 'Hostile', page: '/a/', body: 'x' }],
    ['site id injection', 'POST', '/api/v1/comments', { site: "x' OR 1=1", page: '/a/', body: 'x' }],
    ['unknown site', 'POST', '/api/v1/comments', { site: 'nope', page: '/a/', body: 'x' }],
    [
      'page a javascript URL',
      'POST',
      '/api/v1/comments',
      { site: SITE, page: 'javascript:alert(1)', body: 'x' },
    ],
    ['page too long', 'POST', '/api/v1/comments', { site: SITE, page: `/${'p'.repeat(3000)}`, body: 'x' }],
    [
      'parentId malformed',
      'POST',
      '/api/v1/comments',
      { site: SITE, page: '/a/', body: 'x', parentId: '../../etc' },
    ],
    [
      'parentId unknown',
      'POST',
      '/api/v1/comments',
      { site: SITE, page: '/a/', body: 'x', parentId: 'abcdefgh12345678' },
    ],
    [
      'email not an email',
      'POST',
      '/api/v1/comments',
      { site: SITE, page: '/a/', body: 'x', author: { email: 'nope' } },
    ],
    ['notify a string', 'POST', '/api/v1/comments', { site: SITE, page: '/a/', body: 'x', notify: 'yes' }],
    ['deep nesting', 'POST', '/api/v1/comments', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
    [
      'idempotency key too long',
      'POST',
      '/api/v1/comments',
      { site: SITE, page: '/a/', body: 'x' },
      { 'idempotency-key': 'k'.repeat(500) },
    ],
    ['thread without site', 'GET', '/api/v1/comments?page=/a/', undefined],
    ['thread bad sort', 'GET', `/api/v1/comments?site=${SITE}&page=/a/&sort=random`, undefined],
    ['thread bad limit', 'GET', `/api/v1/comments?site=${SITE}&page=/a/&limit=-1`, undefined],
    ['thread huge limit', 'GET', `/api/v1/comments?site=${SITE}&page=/a/&limit=99999`, undefined],
    ['thread bad cursor', 'GET', `/api/v1/comments?site=${SITE}&page=/a/&cursor=%00%ff`, undefined],
    [
      'thread forged cursor',
      'GET',
      `/api/v1/comments?site=${SITE}&page=/a/&cursor=${Buffer.from('{"s":"oldest","k":"VOTE#x"}').toString('base64url')}`,
      undefined,
    ],
    ['thread repeated site', 'GET', `/api/v1/comments?site=${SITE}&site=other&page=/a/`, undefined],
    ['counts without page', 'GET', `/api/v1/counts?site=${SITE}`, undefined],
    [
      'counts 101 pages',
      'GET',
      `/api/v1/counts?site=${SITE}&${Array.from({ length: 101 }, (_, i) => `page=/p${i}/`).join('&')}`,
      undefined,
    ],
    ['edit without token', 'PATCH', '/api/v1/comments/abcdefgh12345678', { body: 'x' }],
    [
      'edit bad id',
      'PATCH',
      '/api/v1/comments/..%2F..%2Fx',
      { body: 'x' },
      { 'x-afterword-edit-token': 't' },
    ],
    [
      'edit unknown id',
      'PATCH',
      '/api/v1/comments/abcdefgh12345678',
      { body: 'x' },
      { 'x-afterword-edit-token': 't' },
    ],
    [
      'delete unknown id',
      'DELETE',
      '/api/v1/comments/abcdefgh12345678',
      undefined,
      { 'x-afterword-edit-token': 't' },
    ],
    ['vote value 2', 'POST', '/api/v1/comments/abcdefgh12345678/vote', { value: 2 }],
    ['vote value string', 'POST', '/api/v1/comments/abcdefgh12345678/vote', { value: '1' }],
    ['vote unknown comment', 'POST', '/api/v1/comments/abcdefgh12345678/vote', { value: 1 }],
    [
      'reaction unknown comment',
      'PUT',
      '/api/v1/comments/abcdefgh12345678/reactions/%F0%9F%91%8D',
      undefined,
    ],
    ['reaction bad id', 'PUT', '/api/v1/comments/..%2F..%2Fx/reactions/%F0%9F%91%8D', undefined],
    ['reaction broken encoding', 'PUT', '/api/v1/comments/abcdefgh12345678/reactions/%F0%9F', undefined],
    [
      'reaction long emoji',
      'DELETE',
      `/api/v1/comments/abcdefgh12345678/reactions/${'x'.repeat(300)}`,
      undefined,
    ],
    ['page reaction off', 'PUT', `/api/v1/reactions/%F0%9F%91%8D?site=${SITE}&page=/a/`, undefined],
    ['page reaction without page', 'PUT', `/api/v1/reactions/%F0%9F%91%8D?site=${SITE}`, undefined],
    ['page reaction bad page', 'PUT', `/api/v1/reactions/%F0%9F%91%8D?site=${SITE}&page=%00`, undefined],
    [
      'page reaction bad session',
      'PUT',
      `/api/v1/reactions/x?site=${SITE}&page=/a/`,
      undefined,
      {
        'x-afterword-session': '../../x',
      },
    ],
    ['preview not JSON', 'POST', '/api/v1/preview', 'nope'],
    ['preview too long', 'POST', '/api/v1/preview', { body: long }],
    ['unknown route', 'GET', '/api/v1/../../etc/passwd', undefined],
    ['unknown method', 'PUT', '/api/v1/comments', { x: 1 }],
  ];

  it('ignores a __proto__ key without polluting anything', async () => {
    const res = await req(
      'POST',
      '/api/v1/comments',
      '{"site":"hostile","page":"/proto/","body":"x","__proto__":{"polluted":true},"author":{"__proto__":{"polluted":true}}}',
    );
    expect(res.status).toBeLessThan(500);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(cases)('%s', async (_name, method, path, body, headers) => {
    const res = await req(method, path, body, headers);
    expect(res.status, res.text).toBeGreaterThanOrEqual(400);
    expect(res.status, res.text).toBeLessThan(500);
    expect(res.json?.error?.code, res.text).toMatch(/^[a-z_]+$/);
    expect(typeof res.json.error.message).toBe('string');
    expect(res.text).not.toMatch(/at .+\.(ts|js):\d+|stack/i);
  });
});
