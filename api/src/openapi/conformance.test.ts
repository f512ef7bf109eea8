/**
 * Every route answers as the OpenAPI document says: a broad suite of requests (successes and the usual
 * errors) goes through the app in process, and each answer's status must be documented for its path and
 * method and its body must fit the documented schema (ajv, draft 2020-12).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFullApp } from '../app.js';
import { READER_HEADER } from '../contract/reader-names.js';
import { LOGIN_LIMITS } from '../domain/auth.js';
import { signInReader, tokenHash } from '../domain/reader.js';
import { readerLinkToken } from '../domain/reader-link.js';
import { keyedHash } from '../domain/tokens.js';
import { signLink } from '../notify/links.js';
import { addModerator, OWN, seedComment, sessionFor, type TestSession } from '../routes/admin.testkit.js';
import { readerEnv } from '../routes/reader-helpers.js';
import {
  type FakeGitHub,
  GITHUB_CLIENT,
  OCTOCAT,
  startGitHub,
} from '../routes/reader-oauth-github.testkit.js';
import { softPasskey } from '../testing/authenticator.js';
import { createHarness, type Harness, TEST_SECRET } from '../testing/harness.js';
import { type Checked, responseChecker } from './conformance.testkit.js';
import { buildOpenApi } from './document.js';

const ORIGIN = 'https://blog.example';
const OWNER = 'owner@example.com';
const MOD = 'mod@example.com';
const PASSWORD = 'correct horse battery staple';

let h: Harness;
let github: FakeGitHub;
let checker: ReturnType<typeof responseChecker>;
let owner: TestSession;
let mod: TestSession;

interface Call {
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  session?: TestSession;
  /** Admin writes need the CSRF token; `false` leaves it out. */
  csrf?: boolean;
}

/** One request through the app; its answer is checked against the document. */
async function call(method: string, path: string, o: Call = {}): Promise<Checked> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.json !== undefined) headers['content-type'] = 'application/json';
  if (o.session) {
    headers.cookie = o.session.cookie;
    if (o.csrf !== false) headers['x-csrf-token'] = o.session.csrf;
    if (method !== 'GET') headers.origin ??= OWN;
  }
  const url = `${OWN}/api/v1${path}`;
  const body = o.json !== undefined ? JSON.stringify(o.json) : o.body;
  const res = await h.app.request(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  return checker.check(method, url, res);
}

const admin = (method: string, path: string, o: Call = {}) =>
  call(method, `/admin${path}`, { session: owner, ...o });
const nowSec = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  github = await startGitHub();
  h = await createHarness({
    githubUrl: github.base,
    githubApiUrl: github.base,
    outboundAllow: [github.allow],
  });
  await h.site('oauth');
  await h.site('conf', { name: 'Conformance', maxBodyLength: 500 });
  await h.site('held', { moderation: 'all' });
  await h.site('limited', { spam: { ratePerClient: 1, rateWindowSec: 600 } });
  await addModerator(
    h,
    OWNER,
    [
      ['conf', 'owner'],
      ['held', 'owner'],
      ['ghost', 'owner'],
      ['oauth', 'owner'],
    ],
    PASSWORD,
  );
  await addModerator(h, MOD, [['conf', 'moderator']]);
  owner = await sessionFor(h, OWNER);
  mod = await sessionFor(h, MOD);
  checker = responseChecker(await buildOpenApi(await createFullApp(h.deps)));
});
afterAll(async () => {
  await h?.drop();
  await github?.close();
});

describe('public comment routes answer as documented', () => {
  let edit: { id: string; token: string };

  it('threads: 200, 304, 400, 403, 404', async () => {
    const first = await call('GET', '/comments?site=conf&page=/a/');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(
      (await call('GET', '/comments?site=conf&page=/a/', { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    expect((await call('GET', '/comments?site=conf')).status).toBe(400);
    expect((await call('GET', '/comments?site=conf&page=/a/&cursor=nope')).status).toBe(400);
    expect((await call('GET', '/comments?site=nosuch&page=/a/')).status).toBe(404);
    // A page on an origin the site does not allow: the set-up refusal, with the origin and site it names.
    const foreign = await call('GET', '/comments?site=conf&page=/a/', {
      headers: { origin: 'http://localhost:1313' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.json.error.details).toEqual({ origin: 'http://localhost:1313', site: 'conf' });
  });

  it('posting: 201, 202, 400, 403, 404, 413, 422, 429', async () => {
    const post = (json: unknown, headers: Record<string, string> = { origin: ORIGIN }) =>
      call('POST', '/comments', { json, headers });
    const made = await post({
      site: 'conf',
      page: '/a/',
      body: 'Hello *there*',
      author: { name: 'Ann', email: 'ann@example.com', website: 'https://ann.example' },
    });
    expect(made.status).toBe(201);
    expect(made.json.comment.author).not.toHaveProperty('email');
    edit = { id: made.json.comment.id, token: made.json.editToken };
    expect((await post({ site: 'held', page: '/a/', body: 'wait for me' })).status).toBe(202);
    const invalid = await post({ site: 'conf', page: '/a/' });
    expect(invalid.status).toBe(400);
    // A validation failure is still our envelope, naming the fields.
    expect(invalid.json.error).toMatchObject({ code: 'invalid_input', details: { fields: ['body'] } });
    expect(
      (await post({ site: 'conf', page: '/a/', body: 'x' }, { origin: 'https://evil.example' })).status,
    ).toBe(403);
    expect((await post({ site: 'nosuch', page: '/a/', body: 'x' })).status).toBe(404);
    expect((await post({ site: 'conf', page: '/a/', body: 'x', parentId: 'zzzzzzzzzz' })).status).toBe(404);
    expect((await post({ site: 'conf', page: '/a/', body: 'x'.repeat(600) })).status).toBe(413);
    expect((await post({ site: 'conf', page: '/a/', body: 'x', hp: 'filled by a bot' })).status).toBe(422);
    const ip = { origin: ORIGIN, 'x-test-ip': '10.9.9.9' };
    expect((await post({ site: 'limited', page: '/a/', body: 'one' }, ip)).status).toBe(201);
    const limited = await post({ site: 'limited', page: '/a/', body: 'two' }, ip);
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('rate_limited');
    // Over the general request limit.
    expect((await post({ site: 'conf', page: '/a/', body: 'y'.repeat(70_000) })).status).toBe(413);
  });

  it('a thread with comments, replies and a cursor fits the schema', async () => {
    const parent = edit.id;
    const reply = await call('POST', '/comments', {
      json: { site: 'conf', page: '/a/', body: 'a reply', parentId: parent },
      headers: { origin: ORIGIN },
    });
    expect(reply.status).toBe(201);
    const page = await call('GET', '/comments?site=conf&page=/a/&limit=1&sort=newest');
    expect(page.status).toBe(200);
    expect(page.json.comments).toHaveLength(1);
    expect(typeof page.json.nextCursor).toBe('string');
  });

  it('voting: 200, 400, 404', async () => {
    const vote = (id: string, value: unknown) =>
      call('POST', `/comments/${id}/vote`, { json: { value }, headers: { origin: ORIGIN } });
    expect((await vote(edit.id, 1)).status).toBe(200);
    expect((await vote(edit.id, 0)).status).toBe(200);
    expect((await vote(edit.id, 5)).status).toBe(400);
    expect((await vote('zzzzzzzzzz', 1)).status).toBe(404);
  });

  it('editing and deleting: 200, 400, 403, 404, 410, 413', async () => {
    const patch = (id: string, token: string | undefined, body: string) =>
      call('PATCH', `/comments/${id}`, {
        json: { body },
        headers: { origin: ORIGIN, ...(token ? { 'x-afterword-edit-token': token } : {}) },
      });
    const del = (id: string, token: string) =>
      call('DELETE', `/comments/${id}`, { headers: { origin: ORIGIN, 'x-afterword-edit-token': token } });
    expect((await patch(edit.id, edit.token, 'Edited')).status).toBe(200);
    expect((await patch(edit.id, undefined, 'no token')).status).toBe(403);
    expect((await patch('NOT-AN-ID!', edit.token, 'bad id')).status).toBe(400);
    expect((await patch(edit.id, 'wrong', 'wrong token')).status).toBe(403);
    expect((await patch('zzzzzzzzzz', edit.token, 'nobody')).status).toBe(404);
    expect((await patch(edit.id, edit.token, 'z'.repeat(600))).status).toBe(413);
    expect((await del(edit.id, 'wrong')).status).toBe(403);
    expect((await del('NOT-AN-ID!', 'wrong')).status).toBe(400);
    const deleted = await del(edit.id, edit.token);
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ deleted: true, placeholder: true });
    expect((await del(edit.id, edit.token)).status).toBe(410);
    expect((await patch(edit.id, edit.token, 'too late')).status).toBe(410);
    // The thread now shows the placeholder, which must fit the schema too.
    expect((await call('GET', '/comments?site=conf&page=/a/')).status).toBe(200);
  });

  it('an author reading their own comment: 200, 400, 403, 404, 410', async () => {
    const held = await call('POST', '/comments', {
      json: { site: 'held', page: '/a/', body: 'mine, held' },
      headers: { origin: ORIGIN },
    });
    const own = (id: string, token?: string) =>
      call('GET', `/comments/${id}`, { headers: token ? { 'x-afterword-edit-token': token } : {} });
    const read = await own(held.json.comment.id, held.json.editToken);
    expect([read.status, read.json.comment.status]).toEqual([200, 'pending']);
    expect((await own(held.json.comment.id)).status).toBe(403);
    expect((await own('NOT-AN-ID!', edit.token)).status).toBe(400);
    expect((await own(held.json.comment.id, edit.token)).status).toBe(403);
    expect((await own('zzzzzzzzzz', edit.token)).status).toBe(404);
    expect((await own(edit.id, edit.token)).status).toBe(410);
  });

  it('compose tokens: 200, 400, 403, 404', async () => {
    const compose = (q: string, origin = ORIGIN) => call('GET', `/compose?${q}`, { headers: { origin } });
    expect((await compose('site=conf&page=/a/')).status).toBe(200);
    expect((await compose('site=conf')).status).toBe(400);
    expect((await compose('site=conf&page=/a/', 'https://evil.example')).status).toBe(403);
    expect((await compose('site=nosuch&page=/a/')).status).toBe(404);
  });

  it('counts, preview, health, the document and feeds', async () => {
    expect((await call('GET', '/counts?site=conf&page=/a/&page=/b/')).status).toBe(200);
    expect((await call('GET', '/counts?page=/a/')).status).toBe(400);
    expect((await call('GET', '/counts?site=nosuch&page=/a/')).status).toBe(404);
    expect(
      (await call('GET', '/counts?site=conf&page=/a/', { headers: { origin: 'https://evil.example' } }))
        .status,
    ).toBe(403);
    const preview = (json: unknown, origin = ORIGIN) =>
      call('POST', '/preview', { json, headers: { origin } });
    expect((await preview({ body: '**bold**', site: 'conf' })).status).toBe(200);
    expect((await preview({})).status).toBe(400);
    expect((await preview({ body: 'x', site: 'nosuch' })).status).toBe(404);
    expect((await preview({ body: 'x', site: 'conf' }, 'https://evil.example')).status).toBe(403);
    expect((await call('GET', '/health')).status).toBe(200);
    expect((await call('GET', '/openapi.json')).status).toBe(200);
    const feed = await call('GET', '/feed.atom?site=conf');
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('<feed');
    expect((await call('GET', '/feed.atom?site=conf&page=/a/')).status).toBe(200);
    expect((await call('GET', '/feed.atom')).status).toBe(400);
    expect((await call('GET', '/feed.atom?site=nosuch')).status).toBe(404);
  });
});

describe('export and import with tokens answer as documented', () => {
  it('export: 200, 400, 401, 403; import: 200, 400, 401, 403', async () => {
    const at = new Date().toISOString();
    const exp = (await h.store.tokens.create(h.config.secret, 'conf', 'export', 'e', at)).token;
    const imp = (await h.store.tokens.create(h.config.secret, 'held', 'import', 'i', at)).token;
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
    const chunk = await call('GET', '/sites/conf/export', { headers: bearer(exp) });
    expect(chunk.status).toBe(200);
    expect(chunk.json.comments.length).toBeGreaterThan(0);
    expect((await call('GET', '/sites/conf/export?cursor=nope', { headers: bearer(exp) })).status).toBe(400);
    expect((await call('GET', '/sites/conf/export')).status).toBe(401);
    expect((await call('GET', '/sites/conf/export', { headers: bearer(imp) })).status).toBe(403);
    const file = { ...bearer(imp), 'content-type': 'application/octet-stream' };
    const imported = await call('POST', '/sites/held/import?format=native', {
      headers: file,
      body: chunk.text,
    });
    expect(imported.status).toBe(200);
    expect(imported.json.imported).toBeGreaterThan(0);
    expect((await call('POST', '/sites/held/import?format=native', { headers: file, body: '' })).status).toBe(
      400,
    );
    expect((await call('POST', '/sites/held/import?format=nope', { headers: file, body: 'x' })).status).toBe(
      400,
    );
    expect((await call('POST', '/sites/held/import?format=native', { body: 'x' })).status).toBe(401);
    expect(
      (
        await call('POST', '/sites/conf/import?format=native', {
          headers: { ...file, ...bearer(imp) },
          body: 'x',
        })
      ).status,
    ).toBe(403);
  });
});

describe('mail-link pages answer as documented', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  it('subscriptions: 200, 400, 410', async () => {
    const hash = keyedHash(TEST_SECRET, 'email', 'sub@example.com');
    await h.store.subscriptions.ensure('conf', hash, 'sub@example.com', new Date().toISOString());
    const verify = signLink(TEST_SECRET, { a: 'verify', s: 'conf', e: hash, x: nowSec() + 600 });
    expect((await call('GET', `/subscriptions/verify?token=${verify}`)).status).toBe(200);
    expect(
      (await call('POST', '/subscriptions/verify', { headers: form, body: `token=${verify}` })).status,
    ).toBe(200);
    expect((await call('GET', '/subscriptions/verify?token=bad.link')).status).toBe(400);
    expect((await call('POST', '/subscriptions/verify?token=bad.link')).status).toBe(400);
    const old = signLink(TEST_SECRET, { a: 'verify', s: 'conf', e: hash, x: nowSec() - 10 });
    expect((await call('GET', `/subscriptions/verify?token=${old}`)).status).toBe(410);
    const unsub = signLink(TEST_SECRET, { a: 'unsub', s: 'conf', e: hash });
    expect((await call('GET', `/subscriptions/unsubscribe?token=${unsub}`)).status).toBe(200);
    expect((await call('POST', `/subscriptions/unsubscribe?token=${unsub}`)).status).toBe(200);
    expect((await call('GET', '/subscriptions/unsubscribe?token=bad.link')).status).toBe(400);
    expect((await call('POST', '/subscriptions/unsubscribe')).status).toBe(400);
  });

  it('moderation links: 200, 400, 403, 409, 410', async () => {
    const id = await seedComment(h, 'conf', { status: 'pending' });
    const link = (m: string, x = nowSec() + 600) =>
      signLink(TEST_SECRET, { a: 'approve', s: 'conf', c: id, m: keyedHash(TEST_SECRET, 'moderator', m), x });
    const token = link(OWNER);
    expect((await call('GET', `/mail/moderate?token=${token}`)).status).toBe(200);
    expect((await call('POST', `/mail/moderate?token=${link('former@example.com')}`)).status).toBe(403);
    expect((await call('POST', `/mail/moderate?token=${token}`)).status).toBe(200);
    expect((await call('POST', `/mail/moderate?token=${token}`)).status).toBe(409);
    expect((await call('GET', `/mail/moderate?token=${token}`)).status).toBe(409);
    expect((await call('GET', '/mail/moderate?token=bad.link')).status).toBe(400);
    expect((await call('POST', `/mail/moderate?token=${link(OWNER, nowSec() - 10)}`)).status).toBe(410);
  });
});

describe('admin routes answer as documented', () => {
  it('login, me, logout: 200, 400, 401, 403', async () => {
    const login = (json: unknown, origin = OWN) =>
      call('POST', '/admin/login', { json, headers: { origin, 'x-test-ip': '10.1.1.1' } });
    const ok = await login({ email: OWNER, password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.json.sites).toHaveLength(4);
    expect((await login({ email: OWNER, password: 'wrong' })).status).toBe(401);
    expect((await login({ email: OWNER })).status).toBe(400);
    expect((await login({ email: OWNER, password: PASSWORD }, 'https://evil.example')).status).toBe(403);
    expect((await admin('GET', '/me')).status).toBe(200);
    expect((await call('GET', '/admin/me')).status).toBe(401);
    const spare = await sessionFor(h, MOD);
    expect((await admin('POST', '/logout', { session: spare, csrf: false })).status).toBe(403);
    expect((await admin('POST', '/logout', { session: spare })).status).toBe(200);
    expect((await admin('POST', '/logout', { session: spare })).status).toBe(401);
  });

  it('login is throttled: 429', async () => {
    // Every attempt of one client counts (failures per account only slow down); a fixed window may
    // end meanwhile, so up to twice the limit.
    let last: Checked | undefined;
    for (let i = 0; i < 2 * LOGIN_LIMITS.perClient + 2 && last?.status !== 429; i++)
      last = await call('POST', '/admin/login', {
        json: { email: `nobody${i}@example.com`, password: 'guess' },
        headers: { origin: OWN, 'x-test-ip': '10.2.2.2' },
      });
    expect(last?.status).toBe(429);
  });

  it('the queue and comment actions: 200, 201, 400, 401, 403, 404, 409, 413', async () => {
    const pending = await seedComment(h, 'conf', { status: 'pending', email: 'p@example.com' });
    const other = await seedComment(h, 'conf', { status: 'approved' });
    const queue = await admin('GET', '/queue?site=conf');
    expect(queue.status).toBe(200);
    expect(queue.json.comments.length).toBeGreaterThan(0);
    expect((await admin('GET', '/queue?site=conf&status=approved&limit=1')).status).toBe(200);
    expect((await admin('GET', '/queue?site=conf&page=/p/&author=p@example.com')).status).toBe(200);
    expect((await admin('GET', '/queue')).status).toBe(400);
    expect((await admin('GET', '/queue?site=conf&cursor=nope')).status).toBe(400);
    expect((await call('GET', '/admin/queue?site=conf')).status).toBe(401);
    expect((await admin('GET', '/queue?site=held', { session: mod })).status).toBe(403);

    const bulk = await admin('POST', '/comments/bulk', {
      json: { ids: [pending, other], action: 'approve' },
    });
    expect(bulk.status).toBe(200);
    expect((await admin('POST', '/comments/bulk', { json: { ids: [], action: 'nope' } })).status).toBe(400);
    expect(
      (await admin('POST', '/comments/bulk', { json: { ids: ['zzzzzzzzzz'], action: 'spam' } })).status,
    ).toBe(404);

    // Any JSON body passes the general size limit first.
    const huge = { ids: ['x'.repeat(70_000)], action: 'approve' };
    expect((await admin('POST', '/comments/bulk', { json: huge })).status).toBe(413);

    const status = (id: string, s: string) =>
      admin('POST', `/comments/${id}/status`, { json: { status: s } });
    expect((await status(pending, 'spam')).status).toBe(200);
    expect((await status(pending, 'approved')).status).toBe(200);
    expect((await status(pending, 'gone')).status).toBe(400);
    expect((await status('zzzzzzzzzz', 'approved')).status).toBe(404);

    const patch = (id: string, body: string) => admin('PATCH', `/comments/${id}`, { json: { body } });
    expect((await patch(pending, 'edited by a moderator')).status).toBe(200);
    expect((await patch(pending, 'q'.repeat(600))).status).toBe(413);
    expect((await patch('zzzzzzzzzz', 'nobody')).status).toBe(404);
    expect((await admin('PATCH', `/comments/${pending}`, { json: { body: 'x' }, csrf: false })).status).toBe(
      403,
    );

    const reply = (id: string) => admin('POST', `/comments/${id}/reply`, { json: { body: 'thanks' } });
    const made = await reply(pending);
    expect(made.status).toBe(201);
    expect(made.json.comment.author.moderator).toBe(true);
    expect((await reply('zzzzzzzzzz')).status).toBe(404);
    expect((await status(other, 'deleted')).status).toBe(200);
    expect((await reply(other)).status).toBe(409);
    expect((await admin('POST', `/comments/${pending}/reply`, { json: {} })).status).toBe(400);

    const pin = (id: string, pinned: unknown) => admin('POST', `/comments/${id}/pin`, { json: { pinned } });
    expect((await pin(pending, true)).status).toBe(200);
    expect((await pin(pending, 'yes')).status).toBe(400);
    expect((await pin('zzzzzzzzzz', true)).status).toBe(404);
  });

  it('threads, bans, settings, log and stats: 200, 201, 400, 401, 403, 404', async () => {
    const lock = (json: unknown, session = owner) => admin('POST', '/threads/lock', { json, session });
    expect((await lock({ site: 'conf', page: '/locked/', locked: true })).status).toBe(200);
    const locked = await call('POST', '/comments', {
      json: { site: 'conf', page: '/locked/', body: 'closed?' },
      headers: { origin: ORIGIN },
    });
    expect(locked.status).toBe(403);
    expect(locked.json.error.code).toBe('thread_locked');
    expect((await lock({ site: 'conf', page: '/locked/' })).status).toBe(400);
    expect((await lock({ site: 'held', page: '/x/', locked: true }, mod)).status).toBe(403);

    // An author of their own (the other seeded comments share one address hash): the ban hides this one.
    const target = await seedComment(h, 'conf', { status: 'approved', emailHash: 'b'.repeat(32) });
    expect((await admin('GET', '/sites/conf/bans')).status).toBe(200);
    const ban = await admin('POST', '/sites/conf/bans', {
      json: { commentId: target, days: 7, reason: 'spam', hidePast: true },
    });
    expect(ban.status).toBe(201);
    expect(ban.json.hidden).toBe(1);
    expect((await admin('GET', '/sites/conf/bans')).json.bans).toHaveLength(2);
    expect((await admin('POST', '/sites/conf/bans', { json: { commentId: 'zzzzzzzzzz' } })).status).toBe(404);
    expect((await admin('POST', '/sites/conf/bans', { json: {} })).status).toBe(400);
    const hash = ban.json.bans[0].hash;
    const lifted = await admin('DELETE', '/sites/conf/bans', {
      json: { kind: 'email', hash, restore: true },
    });
    expect(lifted.status).toBe(200);
    expect(lifted.json).toEqual({ ok: true, restored: 1 });
    expect((await admin('DELETE', '/sites/conf/bans', { json: { kind: 'ip' } })).status).toBe(400);
    expect((await call('GET', '/admin/sites/conf/bans')).status).toBe(401);

    expect((await admin('GET', '/sites/conf/settings')).status).toBe(200);
    expect((await admin('GET', '/sites/ghost/settings')).status).toBe(404);
    expect((await admin('GET', '/sites/held/settings', { session: mod })).status).toBe(403);
    const put = (json: unknown, session = owner) => admin('PUT', '/sites/conf/settings', { json, session });
    const saved = await put({
      name: 'Conformance blog',
      spam: { blockedWords: ['casino'], blockedAction: 'reject', akismetKey: 'k' },
    });
    expect(saved.status).toBe(200);
    expect(saved.json.site.spam.akismetKeySet).toBe(true);
    expect(saved.json.site.spam).not.toHaveProperty('akismetKey');
    expect((await put({ origins: ['not an origin'] })).status).toBe(400);
    expect((await put({ name: 'mine now' }, mod)).status).toBe(403);
    expect((await admin('PUT', '/sites/ghost/settings', { json: { name: 'x' } })).status).toBe(404);

    const log = await admin('GET', '/sites/conf/log?limit=2');
    expect(log.status).toBe(200);
    expect(typeof log.json.nextCursor).toBe('string');
    expect((await admin('GET', `/sites/conf/log?cursor=${log.json.nextCursor}`)).status).toBe(200);
    expect((await admin('GET', '/sites/conf/log?cursor=nope')).status).toBe(400);
    expect((await admin('GET', '/sites/held/log', { session: mod })).status).toBe(403);
    expect((await admin('GET', '/sites/conf/stats?days=7')).status).toBe(200);
    expect((await admin('GET', '/sites/conf/stats?days=many')).status).toBe(400);
    expect((await admin('GET', '/sites/held/stats', { session: mod })).status).toBe(403);
  });

  it('GDPR, export and import from the admin page: 200, 400, 401, 403, 404', async () => {
    const mine = await call('POST', '/comments', {
      json: { site: 'conf', page: '/g/', body: 'mine', author: { name: 'G', email: 'gdpr@example.com' } },
      headers: { origin: ORIGIN, 'x-test-ip': '10.3.3.3' },
    });
    expect(mine.status).toBe(201);
    const exported = await admin('GET', '/sites/conf/authors/export?email=gdpr@example.com');
    expect(exported.status).toBe(200);
    expect(exported.json.comments).toHaveLength(1);
    expect((await admin('GET', '/sites/conf/authors/export')).status).toBe(400);
    expect((await admin('GET', '/sites/ghost/authors/export?email=a@example.com')).status).toBe(404);
    expect(
      (await admin('GET', '/sites/held/authors/export?email=a@example.com', { session: mod })).status,
    ).toBe(403);
    expect((await call('GET', '/admin/sites/conf/authors/export?email=a@example.com')).status).toBe(401);
    const erased = await admin('DELETE', '/sites/conf/authors?email=gdpr@example.com');
    expect(erased.status).toBe(200);
    expect(erased.json).toMatchObject({ erased: 1, complete: true });
    expect((await admin('DELETE', '/sites/conf/authors')).status).toBe(400);
    expect((await admin('DELETE', '/sites/ghost/authors?email=a@example.com')).status).toBe(404);

    const chunk = await admin('GET', '/sites/conf/export');
    expect(chunk.status).toBe(200);
    expect((await admin('GET', '/sites/conf/export', { session: mod })).status).toBe(403);
    expect((await admin('GET', '/sites/conf/export?cursor=nope')).status).toBe(400);
    expect((await admin('GET', '/sites/ghost/export')).status).toBe(404);
    const file = { 'content-type': 'application/octet-stream' };
    const imported = await admin('POST', '/sites/held/import?format=native', {
      headers: file,
      body: chunk.text,
    });
    expect(imported.status).toBe(200);
    expect(
      (await admin('POST', '/sites/held/import?format=native', { headers: file, body: '' })).status,
    ).toBe(400);
    expect(
      (await admin('POST', '/sites/conf/import?format=native', { headers: file, body: 'x', session: mod }))
        .status,
    ).toBe(403);
  });
});

describe('reader reports answer as documented', () => {
  it('reporting: 201, 400, 403, 404, 409, 429; the Reported view and dismissing: 200, 400, 401, 403, 404', async () => {
    const made = await call('POST', '/comments', {
      json: { site: 'conf', page: '/reported/', body: 'report me' },
      headers: { origin: ORIGIN },
    });
    const id = made.json.comment.id as string;
    const report = (target: string, json: unknown, ip = '10.7.7.1', origin = ORIGIN) =>
      call('POST', `/comments/${target}/report`, { json, headers: { origin, 'x-test-ip': ip } });
    expect((await report(id, { reason: 'spam', text: 'buy now' })).status).toBe(201);
    expect((await report(id, { reason: 'abuse' })).status).toBe(409);
    expect((await report(id, { reason: 'nope' })).status).toBe(400);
    expect((await report('zzzzzzzzzz', { reason: 'spam' })).status).toBe(404);
    expect((await report(id, { reason: 'spam' }, '10.7.7.2', 'https://evil.example')).status).toBe(403);
    let last: Checked | undefined;
    for (let i = 0; i < 20 && last?.status !== 429; i++)
      last = await report(id, { reason: 'spam' }, '10.7.7.3');
    expect(last?.status).toBe(429);

    const list = await admin('GET', '/sites/conf/reports');
    expect(list.status).toBe(200);
    expect(list.json.reported[0].comment.id).toBe(id);
    expect((await admin('GET', '/sites/conf/reports?cursor=nope')).status).toBe(400);
    expect((await call('GET', '/admin/sites/conf/reports')).status).toBe(401);
    expect((await admin('GET', '/sites/held/reports', { session: mod })).status).toBe(403);
    expect((await admin('DELETE', `/comments/${id}/reports`)).status).toBe(200);
    expect((await admin('DELETE', '/comments/zzzzzzzzzz/reports')).status).toBe(404);
    expect((await admin('DELETE', `/comments/${id}/reports`, { csrf: false })).status).toBe(403);
    expect((await call('DELETE', `/admin/comments/${id}/reports`, { headers: { origin: OWN } })).status).toBe(
      401,
    );
  });
});

describe('author history, notes, reasons and mail choice answer as documented', () => {
  it('history and note: 200, 400, 401, 403, 404, 409; a status with a reason; the mail choice: 200, 400, 401', async () => {
    const mine = await call('POST', '/comments', {
      json: {
        site: 'conf',
        page: '/a/',
        body: 'by an author',
        author: { name: 'Au', email: 'au@example.com' },
      },
      headers: { origin: ORIGIN, 'x-test-ip': '10.4.4.4' },
    });
    expect(mine.status).toBe(201);
    const id = mine.json.comment.id as string;
    const history = await admin('GET', `/comments/${id}/author`);
    expect(history.status).toBe(200);
    expect(history.json.total).toBe(1);
    expect((await admin('GET', '/comments/zzzzzzzzzz/author')).status).toBe(404);
    expect((await admin('GET', '/comments/no/author')).status).toBe(400);
    expect((await call('GET', `/admin/comments/${id}/author`)).status).toBe(401);
    const held = await seedComment(h, 'held');
    expect((await admin('GET', `/comments/${held}/author`, { session: mod })).status).toBe(403);
    const note = (cid: string, json: unknown, session = owner) =>
      admin('PUT', `/comments/${cid}/author/note`, { json, session });
    expect((await note(id, { text: 'kind words' })).json.note.text).toBe('kind words');
    expect((await note(id, { text: '' })).json.note).toBeNull();
    expect((await note(id, { text: 1 })).status).toBe(400);
    expect((await note(held, { text: 'x' }, mod)).status).toBe(403);
    expect((await note('zzzzzzzzzz', { text: 'x' })).status).toBe(404);
    const anonymous = await call('POST', '/comments', {
      json: { site: 'conf', page: '/a/', body: 'no address', author: { name: 'Anon' } },
      headers: { origin: ORIGIN, 'x-test-ip': '10.4.4.5' },
    });
    expect((await note(anonymous.json.comment.id, { text: 'x' })).status).toBe(409);
    const removed = await admin('POST', `/comments/${id}/status`, {
      json: {
        status: 'deleted',
        reason: { code: 'off_topic', text: 'not about the post' },
        tellAuthor: true,
      },
    });
    expect(removed.status).toBe(200);
    const log = await admin('GET', '/sites/conf/log?limit=5');
    expect(log.json.entries.find((e: { target?: string }) => e.target === id).reason.code).toBe('off_topic');
    // The review link of the decision mail: 200, 400, 409, 410.
    const d = (await h.store.comments.read(id))!.statusAt!;
    const review = (x: number) =>
      `/mail/review?token=${signLink(TEST_SECRET, { a: 'review', s: 'conf', c: id, d, x })}`;
    expect((await call('GET', review(nowSec() + 600))).status).toBe(200);
    expect((await call('GET', review(nowSec() - 1))).status).toBe(410);
    expect((await call('GET', '/mail/review?token=nope')).status).toBe(400);
    expect((await call('POST', review(nowSec() + 600))).status).toBe(200);
    expect((await call('POST', review(nowSec() + 600))).status).toBe(409);
    expect((await call('GET', review(nowSec() + 600))).status).toBe(409);
    expect((await call('POST', review(nowSec() - 1))).status).toBe(410);
    expect((await call('POST', '/mail/review?token=nope')).status).toBe(400);

    expect((await admin('GET', '/me/mail')).json.digest).toBe('each');
    expect((await admin('PUT', '/me/mail', { json: { digest: 'off' } })).status).toBe(200);
    expect((await admin('PUT', '/me/mail', { json: { digest: 'weekly' } })).status).toBe(400);
    expect((await admin('PUT', '/me/mail', { json: { digest: 'off' }, csrf: false })).status).toBe(403);
    expect((await call('GET', '/admin/me/mail')).status).toBe(401);
    expect((await admin('PUT', '/me/mail', { json: { digest: 'each' } })).status).toBe(200);
  });
});

describe('moderators’ sign-in beyond the password answers as documented', () => {
  it('links, passkeys, sessions and the passkey rule: 200, 201, 202, 400, 401, 403, 404, 409, 429', async () => {
    const open = (path: string, json?: unknown, ip = '10.3.3.3') =>
      call('POST', `/admin${path}`, { ...(json ? { json } : {}), headers: { origin: OWN, 'x-test-ip': ip } });
    expect((await open('/login/link', { email: MOD })).status).toBe(202);
    expect((await open('/login/link', { email: 'not an address' })).status).toBe(400);
    expect((await call('POST', '/admin/login/link', { json: { email: MOD } })).status).toBe(403);
    let last: Checked | undefined;
    for (let i = 0; i < 25 && last?.status !== 429; i++)
      last = await open('/login/link', { email: MOD }, '10.3.3.4');
    expect(last?.status).toBe(429);
    expect((await open('/login/link/use', { token: 'x'.repeat(43) })).status).toBe(401);
    expect((await open('/login/link/use', {})).status).toBe(400);
    const nonce = 'conformance-nonce';
    const { linkToken, tokenHash } = await import('../domain/admin-link.js');
    await h.store.adminLinks.put(tokenHash(linkToken(TEST_SECRET, nonce)), {
      email: MOD,
      nonce,
      createdAt: new Date().toISOString(),
      expiresAt: nowSec() + 600,
    });
    expect((await open('/login/link/use', { token: linkToken(TEST_SECRET, nonce) })).status).toBe(200);

    const key = softPasskey();
    const begun = await admin('POST', '/me/passkeys/options');
    expect(begun.status).toBe(200);
    expect((await call('POST', '/admin/me/passkeys/options', { headers: { origin: OWN } })).status).toBe(401);
    const registration = key.register(begun.json.options, OWN);
    const added = await admin('POST', '/me/passkeys', {
      json: { attempt: begun.json.attempt, response: registration },
    });
    expect(added.status).toBe(201);
    expect(
      (await admin('POST', '/me/passkeys', { json: { attempt: begun.json.attempt, response: registration } }))
        .status,
    ).toBe(400);
    const twice = await admin('POST', '/me/passkeys/options');
    const dup = await admin('POST', '/me/passkeys', {
      json: { attempt: twice.json.attempt, response: key.register(twice.json.options, OWN) },
    });
    expect(dup.status).toBe(409);
    expect((await admin('GET', '/me/passkeys')).status).toBe(200);
    expect((await call('GET', '/admin/me/passkeys')).status).toBe(401);
    const signin = await open('/login/passkey/options');
    expect(signin.status).toBe(200);
    expect(
      (await call('POST', '/admin/login/passkey/options', { headers: { origin: 'https://evil.example' } }))
        .status,
    ).toBe(403);
    const answer = key.answer(signin.json.options, OWN);
    expect((await open('/login/passkey', { attempt: signin.json.attempt, response: answer })).status).toBe(
      200,
    );
    expect((await open('/login/passkey', { attempt: signin.json.attempt, response: answer })).status).toBe(
      401,
    );
    expect((await open('/login/passkey', { attempt: 'x' })).status).toBe(400);
    let throttled: Checked | undefined;
    for (let i = 0; i < 2 * LOGIN_LIMITS.perClient + 2 && throttled?.status !== 429; i++)
      throttled = await open('/login/passkey/options', undefined, '10.3.3.5');
    expect(throttled?.status).toBe(429);
    expect((await open('/login/passkey', { attempt: 'abc', response: answer }, '10.3.3.5')).status).toBe(429);
    expect((await admin('DELETE', `/me/passkeys/${key.id}`)).status).toBe(200);
    expect((await admin('DELETE', `/me/passkeys/${key.id}`)).status).toBe(404);
    expect((await admin('DELETE', '/me/passkeys/not*valid')).status).toBe(400);
    expect((await admin('POST', '/login/link/use', { json: { token: 'x' } })).status).toBe(401);

    const spare = await sessionFor(h, OWNER);
    const sessions = await admin('GET', '/me/sessions', { session: spare });
    expect(sessions.status).toBe(200);
    expect((await call('GET', '/admin/me/sessions')).status).toBe(401);
    const ref = sessions.json.sessions.find((s: { current: boolean }) => s.current).ref;
    expect((await admin('DELETE', `/me/sessions/${ref}`, { csrf: false })).status).toBe(403);
    expect((await admin('DELETE', `/me/sessions/${ref}`)).status).toBe(200);
    expect((await admin('DELETE', `/me/sessions/${ref}`)).status).toBe(404);
    expect((await admin('DELETE', '/me/sessions/not*valid')).status).toBe(400);

    expect((await admin('GET', '/sites/conf/security')).json).toEqual({ requirePasskey: false });
    expect((await admin('GET', '/sites/Bad/security')).status).toBe(400);
    expect(
      (await admin('GET', '/sites/conf/security', { session: await sessionFor(h, 'nobody@example.com') }))
        .status,
    ).toBe(401);
    expect((await admin('PUT', '/sites/conf/security', { json: { requirePasskey: false } })).status).toBe(
      200,
    );
    expect((await admin('PUT', '/sites/conf/security', { json: { requirePasskey: 'yes' } })).status).toBe(
      400,
    );
    expect(
      (await admin('PUT', '/sites/conf/security', { json: { requirePasskey: true }, session: mod })).status,
    ).toBe(403);
    expect((await admin('DELETE', `/sites/conf/moderators/${MOD}/sessions`)).status).toBe(200);
    expect((await admin('DELETE', '/sites/conf/moderators/nobody@example.com/sessions')).status).toBe(404);
    expect((await admin('DELETE', '/sites/conf/moderators/not-an-address/sessions')).status).toBe(400);
    mod = await sessionFor(h, MOD);
  });
});

describe('readers’ sign-in and own routes answer as documented', () => {
  it('email links, me, my comments, export, erase and sign-out: 200, 202, 400, 401, 403, 404', async () => {
    await h.site('readers', { readers: { email: true } });
    const r = (method: string, path: string, o: Call = {}) =>
      call(method, `/reader${path}`, { ...o, headers: { origin: ORIGIN, ...o.headers } });
    const page = `${ORIGIN}/p/`;
    expect((await r('POST', '/link', { json: { site: 'readers', email: 'r@e.test', page } })).status).toBe(
      202,
    );
    expect((await r('POST', '/link', { json: { site: 'readers', email: 'nope', page } })).status).toBe(400);
    expect((await r('POST', '/link', { json: { site: 'conf', email: 'r@e.test', page } })).status).toBe(403);
    expect((await r('POST', '/link', { json: { site: 'nosuch', email: 'r@e.test', page } })).status).toBe(
      404,
    );
    const nonce = 'conformance-nonce';
    const token = readerLinkToken(TEST_SECRET, nonce);
    const at = nowSec();
    await h.store.readers.putLink(tokenHash(token), {
      site: 'readers',
      email: 'r@e.test',
      page,
      nonce,
      createdAt: new Date().toISOString(),
      expiresAt: at + 600,
    });
    const used = await r('POST', '/link/use', { json: { site: 'readers', token } });
    expect(used.status).toBe(200);
    expect((await r('POST', '/link/use', { json: { site: 'readers', token } })).status).toBe(401);
    expect((await r('POST', '/link/use', { json: { site: 'readers', token: '!' } })).status).toBe(400);
    const as = { headers: { [READER_HEADER]: used.json.token } };
    expect((await r('GET', '/me?site=readers', as)).status).toBe(200);
    expect((await r('GET', '/me?site=readers')).status).toBe(401);
    expect((await r('GET', '/me?site=nosuch', as)).status).toBe(404);
    expect((await r('GET', '/me', as)).status).toBe(400);
    expect((await r('PATCH', '/me?site=readers', { ...as, json: { name: 'R' } })).status).toBe(200);
    expect((await r('PATCH', '/me?site=readers', { ...as, json: { name: 5 } })).status).toBe(400);
    expect((await r('PATCH', '/me?site=readers', { json: { name: 'R' } })).status).toBe(401);
    expect((await r('GET', '/me?site=readers', { headers: { origin: 'https://evil.example' } })).status).toBe(
      403,
    );
    for (const [method, path] of [
      ['GET', '/me/comments'],
      ['GET', '/me/export'],
      ['DELETE', '/me/comments'],
    ] as const) {
      expect((await r(method, `${path}?site=readers`, as)).status).toBe(200);
      expect((await r(method, `${path}?site=readers`)).status).toBe(401);
      expect((await r(method, path, as)).status).toBe(400);
    }
    for (const path of ['/signout/all', '/signout']) {
      expect((await r('POST', `${path}?site=readers`)).status).toBe(401);
      expect((await r('POST', path, as)).status).toBe(400);
    }
    expect((await r('POST', '/signout?site=readers', as)).status).toBe(200);
    const again = await r('POST', '/link/use', { json: { site: 'readers', token } });
    expect(again.status).toBe(401);
    const next = await signInReader(readerEnv(h.deps), (await h.store.sites.get('readers'))!, {
      kind: 'email',
      subject: 'r@e.test',
      email: 'r@e.test',
    });
    expect(
      (await r('POST', '/signout/all?site=readers', { headers: { [READER_HEADER]: next.token } })).status,
    ).toBe(200);
  });
});

describe('readers’ GitHub sign-in and the sites’ providers answer as documented', () => {
  it('provider settings, the popup’s start and the provider’s callback', async () => {
    const gh = {
      kind: 'github',
      name: 'GitHub',
      clientId: GITHUB_CLIENT.id,
      clientSecret: GITHUB_CLIENT.secret,
    };
    expect((await admin('PUT', '/sites/oauth/reader-providers/gh', { json: gh })).status).toBe(200);
    expect(
      (await admin('PUT', '/sites/oauth/reader-providers/x', { json: { ...gh, clientSecret: undefined } }))
        .status,
    ).toBe(400);
    expect((await admin('PUT', '/sites/oauth/reader-providers/other', { json: gh })).status).toBe(200);
    expect((await admin('GET', '/sites/oauth/reader-providers')).status).toBe(200);
    expect((await admin('GET', '/sites/oauth/reader-providers', { session: mod })).status).toBe(403);
    expect((await admin('DELETE', '/sites/oauth/reader-providers/other')).status).toBe(200);
    expect((await admin('DELETE', '/sites/oauth/reader-providers/other')).status).toBe(404);

    // The browser binding cookie each start sets, brought back to the callback as a browser would.
    let cookie = '';
    const start = async (q: Record<string, string>) => {
      const res = await call(
        'GET',
        `/reader/oauth/start?${new URLSearchParams({ site: 'oauth', provider: 'gh', origin: ORIGIN, ...q })}`,
        { headers: { cookie } },
      );
      cookie = res.headers.get('set-cookie')?.split(';')[0] ?? cookie;
      return res;
    };
    const back = (url: URL | string) =>
      call('GET', `${new URL(url, OWN).pathname}${new URL(url, OWN).search}`.replace('/api/v1', ''), {
        headers: { cookie },
      });
    const begun = await start({});
    expect(begun.status).toBe(302);
    expect((await start({ origin: 'https://elsewhere.example' })).status).toBe(400);
    expect((await start({ provider: 'none' })).status).toBe(403);
    expect((await start({ site: 'nosuch' })).status).toBe(404);
    expect((await start({ provider: 'Not An Id' })).status).toBe(400);
    github.next = OCTOCAT;
    const returned = (await fetch(begun.headers.get('location')!, { redirect: 'manual' })).headers.get(
      'location',
    )!;
    expect((await back(returned)).status).toBe(200);
    expect((await back(returned)).status).toBe(400);
    // The handoff (a popup without opener): nothing yet, the session once, then nothing; a malformed secret.
    const secret = 'h'.repeat(43);
    const handoff = createHash('sha256').update(secret).digest('base64url');
    const pickup = () => call('POST', '/reader/oauth/handoff', { json: { site: 'oauth', secret } });
    const handed = await start({ handoff });
    expect((await pickup()).status).toBe(204);
    github.next = OCTOCAT;
    const viaHandoff = (await fetch(handed.headers.get('location')!, { redirect: 'manual' })).headers.get(
      'location',
    )!;
    expect((await back(viaHandoff)).status).toBe(200);
    expect((await pickup()).status).toBe(200);
    expect((await pickup()).status).toBe(204);
    expect(
      (await call('POST', '/reader/oauth/handoff', { json: { site: 'oauth', secret: 'x' } })).status,
    ).toBe(400);
    const denied = new URL((await start({})).headers.get('location')!).searchParams.get('state')!;
    expect((await back(`/api/v1/reader/oauth/callback?error=access_denied&state=${denied}`)).status).toBe(
      403,
    );
  });
});

describe('readers’ passkeys answer as documented', () => {
  it('register and sign in: 200, 400, 401, 403, 404, 429', async () => {
    await h.site('keys', { readers: { passkey: true } });
    const r = (path: string, json: unknown, headers: Record<string, string> = {}) =>
      call('POST', `/reader/passkeys${path}`, { json, headers: { origin: ORIGIN, ...headers } });
    const key = softPasskey();
    const begun = await r('/register/options', { site: 'keys', name: 'Kay' });
    expect(begun.status).toBe(200);
    const made = await r('/register', {
      site: 'keys',
      attempt: begun.json.attempt,
      response: key.register(begun.json.options, ORIGIN),
    });
    expect(made.status).toBe(200);
    expect((await r('/register/options', { site: 'keys' })).status).toBe(400);
    expect((await r('/register/options', { site: 'keys' }, { [READER_HEADER]: 'A'.repeat(43) })).status).toBe(
      401,
    );
    expect((await r('/register/options', { site: 'conf', name: 'Kay' })).status).toBe(403);
    expect((await r('/register/options', { site: 'nosuch', name: 'Kay' })).status).toBe(404);
    const replay = await r('/register', {
      site: 'keys',
      attempt: begun.json.attempt,
      response: key.register(begun.json.options, ORIGIN),
    });
    expect(replay.status).toBe(401);
    expect((await r('/register', { site: 'keys' })).status).toBe(400);
    expect((await r('/register', { site: 'nosuch', attempt: 'a', response: replay.json })).status).toBe(400);
    const login = await r('/login/options', { site: 'keys' });
    expect(login.status).toBe(200);
    const signedIn = await r('/login', {
      site: 'keys',
      attempt: login.json.attempt,
      response: key.answer(login.json.options, ORIGIN),
    });
    expect(signedIn.status).toBe(200);
    expect(
      (
        await r('/login', {
          site: 'keys',
          attempt: login.json.attempt,
          response: key.answer(login.json.options, ORIGIN),
        })
      ).status,
    ).toBe(401);
    expect((await r('/login', { site: 'keys', attempt: '!' })).status).toBe(400);
    expect((await r('/login/options', { site: 'keys' }, { origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await r('/login/options', { site: 'nosuch' })).status).toBe(404);
    expect(
      (
        await r('/login', {
          site: 'nosuch',
          attempt: login.json.attempt,
          response: key.answer(login.json.options, ORIGIN),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await r('/register', {
          site: 'conf',
          attempt: 'a',
          response: key.register(begun.json.options, ORIGIN),
        })
      ).status,
    ).toBe(403);
    // The per-client throttle, reached from one client (the harness's default address).
    let last = 0;
    for (let i = 0; i <= LOGIN_LIMITS.perClient && last !== 429; i++)
      last = (await r('/login/options', { site: 'keys' })).status;
    expect(last).toBe(429);
    for (const path of ['/register/options', '/register', '/login']) {
      const res = await r(path, {
        site: 'keys',
        name: 'Kay',
        attempt: 'a',
        response: key.answer(login.json.options, ORIGIN),
      });
      expect(res.status).toBe(429);
    }
  });
});

describe('Webmentions answer as documented', () => {
  it('receive: 202, 400, 403, 404, 413, 429; status: 200, 400, 404', async () => {
    await h.site('mentions', { remote: { webmention: true } });
    const form = (site: string, source: string, target = `${ORIGIN}/a/`) =>
      call('POST', `/webmention/${site}`, {
        body: new URLSearchParams({ source, target }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const queued = await form('mentions', 'https://alice.example/note/0');
    expect(queued.status).toBe(202);
    const status = await call('GET', new URL(queued.json.location).pathname.replace('/api/v1', ''));
    expect(status.status).toBe(200);
    expect(status.json).toEqual({ status: 'queued' });
    expect((await call('GET', '/webmention/mentions/aaaaaaaaaaaaaaaa')).status).toBe(404);
    expect((await call('GET', '/webmention/mentions/NOT-AN-ID')).status).toBe(400);
    expect((await form('mentions', 'ftp://alice.example/x')).status).toBe(400);
    expect((await form('conf', 'https://alice.example/x')).status).toBe(403);
    expect((await form('nosuch', 'https://alice.example/x')).status).toBe(404);
    expect((await form('mentions', `https://alice.example/${'x'.repeat(9000)}`)).status).toBe(413);
    let last = 0;
    for (let i = 1; i <= 25 && last !== 429; i++)
      last = (await form('mentions', `https://alice.example/note/${i}`)).status;
    expect(last).toBe(429);
  });
});

describe('pages linked to Mastodon and Bluesky answer as documented', () => {
  it('links, lists and unlinks; refuses a URL that is not a post, and an unknown link', async () => {
    const link = (method: string, url: string) =>
      admin(method, '/sites/conf/remote-links', { json: { page: '/linked/', url } });
    const linked = await link('PUT', 'https://social.example/@ann/110');
    expect(linked.status).toBe(200);
    expect(linked.json.pages).toEqual([
      expect.objectContaining({
        page: '/linked/',
        posts: [{ source: 'mastodon', url: 'https://social.example/@ann/110', by: 'moderator' }],
      }),
    ]);
    expect((await link('PUT', 'https://bsky.app/profile/ann.example/post/3kabc')).status).toBe(200);
    expect((await link('PUT', 'https://social.example/about')).status).toBe(400);
    expect((await link('PUT', 'http://social.example/@ann/110')).status).toBe(400);
    expect((await admin('GET', '/sites/conf/remote-links')).json.pages[0].posts).toHaveLength(2);
    expect((await admin('GET', '/sites/NOPE/remote-links')).status).toBe(400);
    expect((await link('DELETE', 'https://social.example/@ann/110')).status).toBe(200);
    expect((await link('DELETE', 'https://social.example/@ann/110')).status).toBe(404);
  });
});

describe('reactions answer as documented', () => {
  it('on comments and pages: 200, 400, 401, 403, 404, 410', async () => {
    await h.site('rx', { reactions: { comments: ['👍', '🎉'], page: ['❤️'] } });
    const posted = await call('POST', '/comments', {
      json: { site: 'rx', page: '/r/', body: 'react' },
      headers: { origin: ORIGIN },
    });
    const id = posted.json.comment.id as string;
    const E = encodeURIComponent;
    const on = (method: string, cid: string, emoji: string, headers: Record<string, string> = {}) =>
      call(method, `/comments/${cid}/reactions/${E(emoji)}`, { headers: { origin: ORIGIN, ...headers } });
    const page = (method: string, site: string, emoji: string) =>
      call(method, `/reactions/${E(emoji)}?site=${site}&page=/r/`, { headers: { origin: ORIGIN } });
    expect((await on('PUT', id, '👍')).json).toEqual({ emoji: '👍', reacted: true, reactions: { '👍': 1 } });
    expect((await on('DELETE', id, '👍')).json).toEqual({ emoji: '👍', reacted: false, reactions: {} });
    expect((await on('PUT', id, '❤️')).status).toBe(400);
    expect((await on('DELETE', 'NOT-AN-ID!', '👍')).status).toBe(400);
    expect((await on('PUT', id, '👍', { [READER_HEADER]: 'nobody' })).status).toBe(401);
    expect((await on('DELETE', id, '👍', { origin: 'https://evil.example' })).status).toBe(403);
    expect((await on('PUT', 'zzzzzzzzzz', '👍')).status).toBe(404);
    const gone = await call('DELETE', `/comments/${id}`, {
      headers: { origin: ORIGIN, 'x-afterword-edit-token': posted.json.editToken },
    });
    expect(gone.json).toEqual({ deleted: true, placeholder: false });
    expect((await on('PUT', id, '🎉')).status).toBe(410);
    const placeholder = (await h.store.comments.read(
      (
        await call('POST', '/comments', {
          json: { site: 'rx', page: '/r/', body: 'x' },
          headers: { origin: ORIGIN },
        })
      ).json.comment.id,
    ))!;
    await h.store.comments.setStatus(placeholder, 'deleted', new Date().toISOString(), { placeholder: true });
    expect((await on('DELETE', placeholder.id, '🎉')).status).toBe(410);
    expect((await page('PUT', 'rx', '❤️')).json.reactions).toEqual({ '❤️': 1 });
    expect((await page('DELETE', 'rx', '❤️')).json.reactions).toEqual({});
    expect((await page('PUT', 'rx', '👍')).status).toBe(400);
    expect((await page('DELETE', 'conf', '❤️')).status).toBe(403);
    expect((await page('PUT', 'nosuch', '❤️')).status).toBe(404);
    expect((await call('PUT', `/reactions/${E('❤️')}?site=rx`, { headers: { origin: ORIGIN } })).status).toBe(
      400,
    );
    await h.store.moderation.setLocked('rx', '/r/', true, new Date().toISOString());
    expect((await page('DELETE', 'rx', '❤️')).status).toBe(403);
  });
});

describe('the check itself', () => {
  it('saw every documented operation succeed, and fail where it documents client errors', () => {
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(checker.paths))
      for (const [method, op] of Object.entries(ops)) {
        const key = `${method} ${path}`;
        const statuses = [...(checker.seen.get(key) ?? [])];
        if (!statuses.some((s) => s < 400)) missing.push(`${key}: no success`);
        const errors = Object.keys(op.responses).filter((s) => /^4/.test(s));
        if (errors.length > 0 && !statuses.some((s) => s >= 400 && s < 500)) missing.push(`${key}: no error`);
      }
    expect(missing).toEqual([]);
  });

  it('rejects a body that does not fit and a status that is not documented', async () => {
    const path = '/api/v1/comments';
    const thread = (await call('GET', '/comments?site=conf&page=/a/')).json;
    expect(() => checker.validateBody('GET', path, 200, 'application/json', thread)).not.toThrow();
    const leaky = structuredClone(thread);
    leaky.comments[0].author.email = 'ann@example.com';
    expect(() => checker.validateBody('GET', path, 200, 'application/json', leaky)).toThrow(/does not fit/);
    const { composeToken: _, ...short } = thread;
    expect(() => checker.validateBody('GET', path, 200, 'application/json', short)).toThrow(/does not fit/);
    const teapot = new Response('{}', { status: 418, headers: { 'content-type': 'application/json' } });
    await expect(checker.check('GET', `${OWN}${path}`, teapot)).rejects.toThrow(/not documented/);
    const wrongError = new Response(JSON.stringify({ error: { code: 'nope', message: 'x' } }), {
      status: 404,
      headers: { 'content-type': 'application/json' },
    });
    await expect(checker.check('GET', `${OWN}${path}`, wrongError)).rejects.toThrow(/does not fit/);
  });
});
