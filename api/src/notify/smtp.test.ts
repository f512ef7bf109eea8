/** Acceptance 1: reply mail with double opt-in, moderator mail and unsubscribe, through a real SMTP server on loopback. */
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postComment } from '../testing/comments.js';
import type { Harness } from '../testing/harness.js';
import { type SmtpCatcher, startMailHarness } from './testing.js';

const ORIGIN = 'https://blog.example';
const PUBLIC = 'https://comments.blog.example';
let mail: Awaited<ReturnType<typeof startMailHarness>>;
let h: Harness;
let smtp: SmtpCatcher;

beforeAll(async () => {
  mail = await startMailHarness({ publicUrl: PUBLIC });
  ({ h, smtp } = mail);
  await h.site('blog', { origins: [ORIGIN], name: 'The Blog' });
  await h.site('held', { origins: [ORIGIN], moderation: 'all', name: 'Held Blog' });
});

afterAll(() => mail?.close());

async function post(body: Record<string, unknown>, site = 'blog') {
  const res = await postComment(
    h.call,
    { site, page: '/posts/one/', title: 'Post one', url: 'https://blog.example/posts/one/', ...body },
    { origin: ORIGIN },
  );
  expect(res.status, res.text).toBeLessThan(300);
  return res.json.comment.id as string;
}

/** Runs the stream into the notifier; every record must succeed. */
const flush = () => mail.flush();

function link(mail: ParsedMail, label: string): string {
  const line = (mail.text ?? '').split('\n').find((l) => l.startsWith(`${label}: `));
  if (!line) throw new Error(`no "${label}" link in:\n${mail.text}`);
  return line.slice(label.length + 2);
}

const local = (url: string) => url.replace(PUBLIC, '');

/** The raw header block, unfolded (RFC 5322: a CRLF followed by white space is removed). */
const headerText = (mail: ParsedMail) =>
  mail.headerLines.map((l) => l.line.replace(/\r?\n(?=[ \t])/g, '')).join('\n');

function expectListHeaders(mail: ParsedMail) {
  const raw = headerText(mail);
  expect(raw).toMatch(
    /^List-Unsubscribe: <https:\/\/comments\.blog\.example\/api\/v1\/subscriptions\/unsubscribe\?token=[\w.-]+>$/m,
  );
  expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
  expect(mail.text).toBeTruthy();
  expect(mail.html).toBeTruthy();
  expect(mail.html).not.toMatch(/<img|<script|src=/i);
}

describe('reply mail with double opt-in', () => {
  let first: string;

  it('sends one verification mail to a new address that asks for replies', async () => {
    first = await post({
      body: 'First!',
      author: { name: 'Alice', email: 'alice@example.com' },
      notify: true,
    });
    await flush();
    const mails = smtp.to('alice@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Confirm reply notifications');
    expect(mails[0]!.from?.text).toContain('afterword@localhost');
    // It reaches whatever address was typed in: nothing the poster chose (title, page link) travels.
    expect(`${mails[0]!.text}${mails[0]!.html}`).not.toContain('Post one');
    expect(String(mails[0]!.html)).not.toContain('href="https://blog.example/posts/one/"');
    expectListHeaders(mails[0]!);
    // Ticking "notify" again sends no second verification mail.
    await post({ body: 'Me again', author: { name: 'Alice', email: 'alice@example.com' }, notify: true });
    await flush();
    expect(smtp.to('alice@example.com')).toHaveLength(1);
  });

  it('sends an address that never confirmed one more verification mail only after 30 days', async () => {
    const late = { name: 'Lou', email: 'late@example.com' };
    await post({ page: '/posts/late/', body: 'one', author: late, notify: true });
    await post({ page: '/posts/late/', body: 'two', author: late, notify: true });
    await flush();
    expect(smtp.to('late@example.com')).toHaveLength(1);
    h.advance(29 * 86400 * 1000);
    await post({ page: '/posts/late/', body: 'three', author: late, notify: true });
    await flush();
    expect(smtp.to('late@example.com')).toHaveLength(1);
    h.advance(2 * 86400 * 1000);
    await post({ page: '/posts/late/', body: 'four', author: late, notify: true });
    await flush();
    expect(smtp.to('late@example.com')).toHaveLength(2);
    h.advance(-31 * 86400 * 1000);
  });

  it('sends no reply mail before the address is verified', async () => {
    const before = smtp.mails.length;
    await post({ parentId: first, body: 'A reply too early', author: { name: 'Bob' } });
    await flush();
    expect(smtp.mails.length).toBe(before);
  });

  it('verifies on POST only (a GET just shows the page) and then mails approved replies', async () => {
    const verify = local(link(smtp.to('alice@example.com')[0]!, 'Confirm reply notifications'));
    const page = await h.app.request(verify);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    await post({ parentId: first, body: 'Still too early', author: { name: 'Bob' } });
    await flush();
    expect(smtp.to('alice@example.com')).toHaveLength(1);

    const done = await h.app.request(verify, { method: 'POST' });
    expect(done.status).toBe(200);
    await post({
      parentId: first,
      body: 'Hi **Alice** <script>alert(1)</script> ![t](https://tracker.example/p.png)',
      author: { name: 'Carol', email: 'carol@example.com' },
    });
    await flush();
    const mails = smtp.to('alice@example.com');
    expect(mails).toHaveLength(2);
    const reply = mails[1]!;
    // A poster's claimed title never names the page in mail: its path does.
    expect(reply.subject).toBe('Carol replied to your comment on "/posts/one/"');
    expectListHeaders(reply);
    expect(reply.html).toContain('<strong>Alice</strong>');
    expect(reply.html).toContain('&lt;script&gt;');
    expect(reply.text).toContain('Hi Alice <script>alert(1)</script>');
    expect(reply.text).toContain('https://blog.example/posts/one/');
    // Other readers' addresses never appear.
    expect(`${reply.text}${reply.html}`).not.toContain('carol@example.com');
  });

  it('stops after a per-thread unsubscribe, and the one-click POST stops everything', async () => {
    const other = await post({
      page: '/posts/two/',
      body: 'On another post',
      author: { name: 'Alice', email: 'alice@example.com' },
      notify: true,
    });
    await flush();
    const reply = smtp.to('alice@example.com')[1]!;
    const thread = await h.app.request(local(link(reply, 'Stop mail about this thread')), { method: 'POST' });
    expect(thread.status).toBe(200);
    await post({ parentId: first, body: 'Muted thread', author: { name: 'Dan' } });
    await flush();
    expect(smtp.to('alice@example.com')).toHaveLength(2);
    await post({ page: '/posts/two/', parentId: other, body: 'Other thread', author: { name: 'Dan' } });
    await flush();
    expect(smtp.to('alice@example.com')).toHaveLength(3);

    // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the List-Unsubscribe URL.
    const header = /^List-Unsubscribe: <([^>]+)>$/m.exec(headerText(smtp.to('alice@example.com')[2]!))![1]!;
    const res = await h.app.request(local(header), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    await post({
      page: '/posts/two/',
      parentId: other,
      body: 'After unsubscribing',
      author: { name: 'Dan' },
    });
    await flush();
    expect(smtp.to('alice@example.com')).toHaveLength(3);
  });
});

describe('moderator mail', () => {
  it('mails moderators who chose each-time, with single-use approve and delete links', async () => {
    await h.store.moderators.upsert('mod@example.com', { name: 'Mo', digest: 'each' });
    await h.store.moderators.grant('mod@example.com', 'held', 'moderator');
    await h.store.moderators.upsert('daily@example.com', { name: 'Di', digest: 'daily' });
    await h.store.moderators.grant('daily@example.com', 'held', 'owner');
    const id = await post(
      { body: 'Please approve me', author: { name: 'Eve', email: 'eve@example.com' } },
      'held',
    );
    await flush();
    const mails = smtp.to('mod@example.com');
    expect(mails).toHaveLength(1);
    expect(smtp.to('daily@example.com')).toHaveLength(0);
    const mail = mails[0]!;
    expect(mail.subject).toBe('[Held Blog] A comment waits for moderation on "/posts/one/"');
    expect(mail.text).toContain('The poster\'s browser calls the page "Post one" (claimed, not checked).');
    expect(mail.text).toContain('Please approve me');
    expect(mail.text).toContain('eve@example.com');
    expectListHeaders(mail);

    const approve = local(link(mail, 'Approve'));
    expect((await h.app.request(approve)).status).toBe(200);
    expect((await h.store.comments.read(id))?.status).toBe('pending');
    const done = await h.app.request(approve, { method: 'POST' });
    expect(done.status).toBe(200);
    expect((await h.store.comments.read(id))?.status).toBe('approved');
    expect((await h.app.request(approve, { method: 'POST' })).status).toBe(409);
    expect((await h.app.request(local(link(mail, 'Delete')), { method: 'POST' })).status).toBe(409);
    await flush();

    // "Stop moderation mail" turns this moderator's mail off.
    expect((await h.app.request(local(link(mail, 'Stop moderation mail')), { method: 'POST' })).status).toBe(
      200,
    );
    await post({ body: 'Another one', author: { name: 'Eve' } }, 'held');
    await flush();
    expect(smtp.to('mod@example.com')).toHaveLength(1);
  });

  it('refuses forged, tampered and expired links without changing anything', async () => {
    const mail = smtp.to('mod@example.com')[0]!;
    const approve = local(link(mail, 'Approve'));
    const tampered = approve.replace(/token=(\w)/, (_m, ch) => `token=${ch === 'a' ? 'b' : 'a'}`);
    expect((await h.app.request(tampered, { method: 'POST' })).status).toBe(400);
    expect((await h.app.request('/api/v1/mail/moderate?token=nonsense', { method: 'POST' })).status).toBe(
      400,
    );
    h.advance(8 * 86400 * 1000);
    expect((await h.app.request(approve)).status).toBe(410);
    h.advance(-8 * 86400 * 1000);
  });
});
