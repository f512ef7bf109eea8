/**
 * Decisions with reasons, through a real SMTP server on loopback: a removed comment's author (confirmed
 * address) gets the reason and a single-use review link that puts the comment back in the queue and tells
 * the moderators; an unconfirmed author, or a removal not to be told, gets nothing.
 */
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addModerator, adminCall, sessionFor, type TestSession } from '../routes/admin.testkit.js';
import { postComment } from '../testing/comments.js';
import type { Harness } from '../testing/harness.js';
import { type SmtpCatcher, startMailHarness } from './testing.js';

const ORIGIN = 'https://blog.example';
const PUBLIC = 'https://comments.blog.example';
let stack: Awaited<ReturnType<typeof startMailHarness>>;
let h: Harness;
let smtp: SmtpCatcher;
let owner: TestSession;

beforeAll(async () => {
  stack = await startMailHarness({ publicUrl: PUBLIC });
  ({ h, smtp } = stack);
  await h.site('blog', { origins: [ORIGIN], name: 'The Blog', moderation: 'none' });
  await addModerator(h, 'mod@blog.example', [['blog', 'owner']]);
  await addModerator(h, 'daily@blog.example', [['blog', 'moderator']]);
  await h.store.moderators.setDigest('daily@blog.example', 'daily');
  owner = await sessionFor(h, 'mod@blog.example');
});

afterAll(() => stack?.close());

const flush = () => stack.flush();

function link(mail: ParsedMail, label: string): string {
  const line = (mail.text ?? '').split('\n').find((l) => l.startsWith(`${label}: `));
  if (!line) throw new Error(`no "${label}" link in:\n${mail.text}`);
  return line.slice(label.length + 2).replace(PUBLIC, '');
}

async function post(body: string, email: string, notify = true): Promise<string> {
  const res = await postComment(
    h.call,
    { site: 'blog', page: '/posts/one/', title: 'Post one', body, author: { name: 'Ann', email }, notify },
    { origin: ORIGIN },
  );
  expect(res.status, res.text).toBeLessThan(300);
  return res.json.comment.id as string;
}

/** An author who confirmed their address through the verification mail. */
async function confirmed(email: string): Promise<void> {
  await post('hello', email);
  await flush();
  const verify = link(smtp.to(email).at(-1)!, 'Confirm reply notifications');
  expect((await h.app.request(verify, { method: 'POST' })).status).toBe(200);
}

const remove = (id: string, body: Record<string, unknown>) =>
  adminCall(h, 'POST', `/comments/${id}/status`, { session: owner, body, origin: PUBLIC });

describe('telling the author of a decision', () => {
  it('mails the reason and a review link; the link returns the comment to the queue, once, and tells moderators', async () => {
    await confirmed('ann@example.com');
    const id = await post('You are all fools', 'ann@example.com');
    await flush();
    const before = smtp.mails.length;
    const res = await remove(id, {
      status: 'deleted',
      reason: { code: 'abuse', text: 'Insults other readers.' },
      tellAuthor: true,
    });
    expect(res.status).toBe(200);
    await flush();
    const mails = smtp.to('ann@example.com').slice(-1);
    expect(smtp.mails.length).toBe(before + 1);
    const mail = mails[0]!;
    expect(mail.subject).toBe('[The Blog] Your comment on "/posts/one/" was removed');
    expect(mail.text).toContain('Reason: Abusive or harassing: Insults other readers.');
    expect(mail.text).toContain('You are all fools');
    expect(mail.html).toContain('Insults other readers.');
    expect(`${mail.text}${mail.html}`).not.toContain('mod@blog.example');
    const review = link(mail, 'Ask for a review');
    expect(review).toMatch(/^\/api\/v1\/mail\/review\?token=[\w.-]+$/);

    // GET only shows the reason and a button (mail scanners prefetch links).
    const page = await h.app.request(review);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Insults other readers.');
    expect(html).toContain('<form method="post"');
    expect((await h.store.comments.read(id))?.status).toBe('deleted');

    const done = await h.app.request(review, { method: 'POST' });
    expect(done.status).toBe(200);
    expect((await h.store.comments.read(id))?.status).toBe('pending');
    const queue = await adminCall(h, 'GET', '/queue?site=blog&status=pending', {
      session: owner,
      origin: PUBLIC,
    });
    expect(queue.json.comments.map((c: { id: string }) => c.id)).toContain(id);
    const { entries } = await h.store.audit.list('blog', 5);
    expect(entries[0]).toMatchObject({
      action: 'review-requested',
      target: id,
      detail: expect.stringMatching(/^from deleted/),
    });

    // The moderator who takes each mail hears of it, with the reason; the one on a daily digest does not.
    await flush();
    const told = smtp.to('mod@blog.example').at(-1)!;
    expect(told.subject).toContain('Review asked for a removed comment on "/posts/one/"');
    expect(told.text).toContain('It was removed for: Abusive or harassing: Insults other readers.');
    expect(told.text).toMatch(/^Approve: https:/m);
    expect(smtp.to('daily@blog.example')).toHaveLength(0);

    // The link works once.
    const again = await h.app.request(review, { method: 'POST' });
    expect(again.status).toBe(409);
    expect((await h.store.comments.read(id))?.status).toBe('pending');
  });

  it('a rejected held comment says "not published"; a link outlived by a new decision changes nothing', async () => {
    await confirmed('bo@example.com');
    await h.store.sites.put('blog', { moderation: 'all' }, 'update');
    const id = await post('Buy cheap watches', 'bo@example.com');
    expect((await h.store.comments.read(id))?.status).toBe('pending');
    await h.store.sites.put('blog', { moderation: 'none' }, 'update');
    await remove(id, { status: 'spam', reason: { code: 'spam' }, tellAuthor: true });
    await flush();
    const mail = smtp.to('bo@example.com').at(-1)!;
    expect(mail.subject).toContain('was not published');
    expect(mail.text).toContain('did not publish your comment');
    expect(mail.text).toContain('Reason: Spam or advertising\n');
    const review = link(mail, 'Ask for a review');
    // The moderators look again and approve it: the link is spent.
    await remove(id, { status: 'approved' });
    expect((await h.app.request(review)).status).toBe(409);
    expect((await h.app.request(review, { method: 'POST' })).status).toBe(409);
    expect((await h.store.comments.read(id))?.status).toBe('approved');
    // A forged or cut token is a bad link.
    expect((await h.app.request(`${review}x`, { method: 'POST' })).status).toBe(400);
  });

  it('mails nobody when the address is not confirmed, or when the moderator chose not to tell', async () => {
    const unconfirmed = await post('never confirmed', 'cy@example.com', false);
    await confirmed('dee@example.com');
    const quiet = await post('told nothing', 'dee@example.com');
    await flush();
    const before = smtp.mails.length;
    await remove(unconfirmed, { status: 'deleted', reason: { code: 'off_topic' }, tellAuthor: true });
    await remove(quiet, { status: 'deleted', reason: { code: 'off_topic' } });
    await flush();
    expect(smtp.mails.length).toBe(before);
  });
});
