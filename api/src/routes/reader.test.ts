/**
 * Readers' email sign-in and what a session gives, on DynamoDB Local with mail through a real SMTP server:
 * the link works once, expires, only on its own site, only back to the site's own pages; a session of one
 * site is nothing on another; a signed-in reader's comments carry their name and a verified badge, stay
 * theirs to edit past the window (when the site allows), and can be listed, exported and erased.
 */
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READER_HEADER, READER_LINK_FRAGMENT } from '../contract/reader-names.js';
import { LINK_LIMITS } from '../domain/admin-link.js';
import { tokenHash } from '../domain/reader.js';
import { type SmtpCatcher, startMailHarness } from '../notify/testing.js';
import { ORIGIN, postComment, readThread } from '../testing/comments.js';
import type { Harness } from '../testing/harness.js';

let mail: Awaited<ReturnType<typeof startMailHarness>>;
let h: Harness;
let smtp: SmtpCatcher;
let ip = 0;
const freshIp = () => `10.1.${Math.floor(++ip / 250)}.${ip % 250}`;
const OTHER = 'https://other.example';

beforeAll(async () => {
  mail = await startMailHarness();
  ({ h, smtp } = mail);
  const readers = { email: true, editsAnytime: true };
  await h.site('alpha', { readers, editWindowSec: 60 });
  await h.site('beta', { readers, origins: [OTHER] });
  await h.site('closed');
});

afterAll(() => mail?.close());

const call = (method: string, path: string, body?: unknown, session?: string, origin = ORIGIN) =>
  h.call(method, `/api/v1/reader${path}`, {
    ...(body === undefined ? {} : { body }),
    headers: { origin, ...(session ? { [READER_HEADER]: session } : {}) },
    ip: freshIp(),
  });

const linkOf = (m: ParsedMail) => /^Sign in: (\S+)$/m.exec(m.text ?? '')?.[1] ?? '';

/** Asks for a link for `email` on `site` and hands back the token the mail carries. */
async function mailedToken(email: string, site = 'alpha', origin = ORIGIN): Promise<string> {
  const to = email.toLowerCase();
  const before = smtp.to(to).length;
  const res = await call('POST', '/link', { site, email, page: `${origin}/posts/hello/` }, undefined, origin);
  expect(res.status, JSON.stringify(res.json)).toBe(202);
  await mail.flush();
  const mails = smtp.to(to);
  expect(mails).toHaveLength(before + 1);
  const url = linkOf(mails.at(-1)!);
  expect(url.startsWith(`${origin}/posts/hello/${READER_LINK_FRAGMENT}`)).toBe(true);
  return url.slice(url.indexOf(READER_LINK_FRAGMENT) + READER_LINK_FRAGMENT.length);
}

async function signIn(email: string, site = 'alpha', origin = ORIGIN): Promise<string> {
  const res = await call(
    'POST',
    '/link/use',
    { site, token: await mailedToken(email, site, origin) },
    undefined,
    origin,
  );
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json.token;
}

describe('email link sign-in', () => {
  it('signs in once with the mailed link; the table holds no working token', async () => {
    const scan = async () =>
      JSON.stringify(
        await h.db.doc.send(
          new (await import('@aws-sdk/lib-dynamodb')).ScanCommand({ TableName: h.db.table }),
        ),
      );
    const token = await mailedToken('Reader@Mail.test');
    expect(await scan()).not.toContain(token);
    const first = await call('POST', '/link/use', { site: 'alpha', token });
    expect(first.status).toBe(200);
    // Scanned once the session exists: neither the link's token nor the session's is stored as it is.
    const after = await scan();
    expect(after).toContain(`RSESSION#${tokenHash(first.json.token)}`);
    expect(after).not.toContain(token);
    expect(after).not.toContain(first.json.token);
    expect(first.json.reader).toMatchObject({
      name: 'reader',
      email: 'reader@mail.test',
      methods: ['email'],
    });
    const me = await call('GET', '/me?site=alpha', undefined, first.json.token);
    expect(me.status).toBe(200);
    expect(me.json.reader.email).toBe('reader@mail.test');
    const again = await call('POST', '/link/use', { site: 'alpha', token });
    expect(again.status).toBe(401);
    expect(again.json.error.code).toBe('signin_link_invalid');
  });

  it('refuses a link after 15 minutes', async () => {
    const token = await mailedToken('late@mail.test');
    h.advance(15 * 60 * 1000 + 1000);
    const res = await call('POST', '/link/use', { site: 'alpha', token });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('signin_link_invalid');
  });

  it('refuses a link of one site on another', async () => {
    const token = await mailedToken('two@mail.test', 'alpha');
    const res = await call('POST', '/link/use', { site: 'beta', token }, undefined, OTHER);
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('signin_link_invalid');
  });

  it('never leads anywhere but a page of the site: no open redirect', async () => {
    for (const page of [
      'https://evil.example/x',
      'javascript:alert(1)//blog.example',
      '//evil.example/',
      'nonsense',
      // Look-alikes of the site's origin that are other origins: credentials, a longer host, another
      // scheme or port, backslashes a URL parser reads as slashes.
      `${ORIGIN}@evil.example/`,
      `${ORIGIN}.evil.example/`,
      'http://blog.example/',
      `${ORIGIN}:8443/`,
      'https:\\\\evil.example\\',
    ]) {
      const res = await call('POST', '/link', { site: 'alpha', email: 'r@mail.test', page });
      expect(res.status, page).toBe(403);
      expect(res.json.error.code).toBe('origin_not_allowed');
    }
    // A page of another site's origin, asked from this site's page, is refused too.
    const res = await call('POST', '/link', { site: 'alpha', email: 'r@mail.test', page: `${OTHER}/p/` });
    expect(res.status).toBe(403);
  });

  it('is off unless the site offers it, and throttled per client', async () => {
    const off = await call('POST', '/link', { site: 'closed', email: 'r@mail.test', page: `${ORIGIN}/p/` });
    expect(off.status).toBe(403);
    expect(off.json.error.code).toBe('signin_method_off');
    const at = '10.9.9.9';
    const ask = () =>
      h.call('POST', '/api/v1/reader/link', {
        body: { site: 'alpha', email: `t${Math.random()}@mail.test`, page: `${ORIGIN}/p/` },
        headers: { origin: ORIGIN },
        ip: at,
      });
    for (let i = 0; i < LINK_LIMITS.perClient; i++) expect((await ask()).status).toBe(202);
    const over = await ask();
    expect(over.status).toBe(429);
    expect(over.headers['retry-after']).toBeTruthy();
  });
});

describe('a reader session', () => {
  it('is refused on another site, and after sign-out (here, then everywhere)', async () => {
    const session = await signIn('home@mail.test');
    const elsewhere = await call('GET', '/me?site=beta', undefined, session, OTHER);
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.json.error.code).toBe('reader_session_invalid');
    const post = await postComment(
      h.call,
      { site: 'beta', body: 'from alpha' },
      { origin: OTHER, headers: { [READER_HEADER]: session } },
    );
    expect(post.status).toBe(401);

    const other = await signIn('home@mail.test');
    expect((await call('POST', '/signout?site=alpha', undefined, session)).status).toBe(200);
    expect((await call('GET', '/me?site=alpha', undefined, session)).status).toBe(401);
    expect((await call('GET', '/me?site=alpha', undefined, other)).status).toBe(200);
    const third = await signIn('home@mail.test');
    expect((await call('POST', '/signout/all?site=alpha', undefined, third)).status).toBe(200);
    expect((await call('GET', '/me?site=alpha', undefined, other)).status).toBe(401);
    expect((await call('GET', '/me?site=alpha', undefined, third)).status).toBe(401);
  });

  it('posts with the reader’s name and a verified badge, edits past the window, and erases', async () => {
    const session = await signIn('writer@mail.test');
    const as = { headers: { [READER_HEADER]: session } };
    const renamed = await call('PATCH', '/me?site=alpha', { name: 'Wren Writer' }, session);
    expect(renamed.json.reader.name).toBe('Wren Writer');
    // The name and address in the form do not matter: the account's are used.
    const posted = await postComment(
      h.call,
      { site: 'alpha', page: '/mine/', body: 'Signed', author: { name: 'Someone Else', email: 'x@y.test' } },
      as,
    );
    expect(posted.status, JSON.stringify(posted.json)).toBe(201);
    expect(posted.json.comment.author).toMatchObject({ name: 'Wren Writer', verified: true });
    const id = posted.json.comment.id;
    const anon = await postComment(h.call, { site: 'alpha', page: '/mine/', body: 'Anonymous one' });
    expect(anon.json.comment.author.verified).toBeUndefined();
    const thread = await readThread(h.call, 'alpha', '/mine/');
    expect(thread.json.comments.find((c: { id: string }) => c.id === id).author.verified).toBe(true);
    expect(thread.json.settings.readers).toEqual({ email: true, editsAnytime: true });

    h.advance(120 * 1000);
    // Past the 60 s window: the session edits; an edit token alone no longer does.
    const byToken = await h.call('PATCH', `/api/v1/comments/${anon.json.comment.id}`, {
      body: { body: 'late' },
      headers: { origin: ORIGIN, 'x-afterword-edit-token': anon.json.editToken },
    });
    expect(byToken.json.error.code).toBe('edit_window_closed');
    const edited = await h.call('PATCH', `/api/v1/comments/${id}`, {
      body: { body: 'Signed, and edited later' },
      headers: { origin: ORIGIN, ...as.headers },
    });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    // Another reader's session is no key to it.
    const stranger = await signIn('stranger@mail.test');
    const theirs = await h.call('DELETE', `/api/v1/comments/${id}`, {
      headers: { origin: ORIGIN, [READER_HEADER]: stranger },
    });
    expect(theirs.status).toBe(403);

    const mine = await call('GET', '/me/comments?site=alpha', undefined, session);
    expect(mine.json.comments.map((c: { id: string }) => c.id)).toEqual([id]);
    const exported = await call('GET', '/me/export?site=alpha', undefined, session);
    expect(exported.headers['content-disposition']).toContain('attachment');
    expect(exported.json.comments[0]).toMatchObject({ id, body: 'Signed, and edited later' });

    const counts = async () =>
      (await h.call('GET', '/api/v1/counts?site=alpha&page=/mine/', { headers: { origin: ORIGIN } })).json
        .counts['/mine/'];
    expect(await counts()).toBe(2);
    const erased = await call('DELETE', '/me/comments?site=alpha', undefined, session);
    expect(erased.json).toEqual({ erased: 1 });
    expect(await counts()).toBe(1);
    expect((await call('GET', '/me/comments?site=alpha', undefined, session)).json.comments).toEqual([]);
  });

  it('deletes their own comment past the window where the site allows it; elsewhere the window holds for them', async () => {
    await h.site('windowed', { readers: { email: true }, editWindowSec: 60 });
    const post = async (site: string, session: string) => {
      const res = await postComment(
        h.call,
        { site, page: '/late/', body: `Mine on ${site}` },
        { headers: { [READER_HEADER]: session } },
      );
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      return res.json.comment.id as string;
    };
    const change = (method: string, id: string, session: string) =>
      h.call(method, `/api/v1/comments/${id}`, {
        ...(method === 'PATCH' ? { body: { body: 'changed late' } } : {}),
        headers: { origin: ORIGIN, [READER_HEADER]: session },
      });
    const anytime = await signIn('late-deleter@mail.test', 'alpha');
    const windowed = await signIn('late-deleter@mail.test', 'windowed');
    const a = await post('alpha', anytime);
    const w = await post('windowed', windowed);
    h.advance(120 * 1000);
    for (const method of ['PATCH', 'DELETE']) {
      const refused = await change(method, w, windowed);
      expect(refused.status, method).toBe(403);
      expect(refused.json.error.code).toBe('edit_window_closed');
    }
    expect((await h.store.comments.read(w))?.status).toBe('approved');
    const deleted = await change('DELETE', a, anytime);
    expect(deleted.status, JSON.stringify(deleted.json)).toBe(200);
    expect((await h.store.comments.read(a))?.status).toBe('deleted');
    const thread = await readThread(h.call, 'alpha', '/late/');
    expect(thread.json.comments.some((c: { id: string }) => c.id === a)).toBe(false);
  });

  it('gets reply mail without a second confirmation: the link verified the address', async () => {
    const session = await signIn('replies@mail.test');
    const posted = await postComment(
      h.call,
      { site: 'alpha', page: '/talk/', body: 'Tell me', notify: true },
      { headers: { [READER_HEADER]: session } },
    );
    expect(posted.status).toBe(201);
    await postComment(h.call, {
      site: 'alpha',
      page: '/talk/',
      body: 'Told',
      parentId: posted.json.comment.id,
    });
    await mail.flush();
    const subjects = smtp.to('replies@mail.test').map((m) => m.subject ?? '');
    expect(subjects.some((s) => s.includes('replied to your comment'))).toBe(true);
    expect(subjects.some((s) => s.startsWith('Confirm reply notifications'))).toBe(false);
  });

  it('is needed to comment when the site requires it', async () => {
    await h.site('members', { readers: { email: true, required: true } });
    const res = await postComment(h.call, { site: 'members', body: 'anon' });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('signin_required');
  });
});
