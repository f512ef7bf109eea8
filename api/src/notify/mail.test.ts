/** Mail content: hostile comments and names come out as sanitized HTML and plain text, never as markup. */
import { expect, it } from 'vitest';
import { renderMarkdown } from '../domain/markdown.js';
import type { CommentItem } from '../store/items.js';
import { digestMail, moderatorMail, replyMail, verificationMail } from './mail.js';

const ctx = { baseUrl: 'https://c.example', secret: 'mail-secret-0123456789', nowSec: 1_000_000 };
const page = {
  site: 'b',
  siteName: 'Blog <b>',
  page: '/p/',
  title: 'Title "quoted"',
  url: 'javascript:alert(1)',
};

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '![pixel](https://tracker.example/p.gif)',
  '<iframe src="https://evil.example"></iframe>',
  '<a href="https://x.example" style="color:red" onclick="steal()">x</a>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
];

const comment = (body: string, name = 'Mallory'): CommentItem => ({
  type: 'comment',
  pk: 'p',
  sk: 's',
  id: 'c1',
  site: 'b',
  page: '/p/',
  parentId: 'c0',
  depth: 1,
  body,
  html: renderMarkdown(body),
  authorName: name,
  authorEmail: 'mallory@example.com',
  avatar: '000000000000',
  status: 'approved',
  score: 0,
  up: 0,
  down: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const TAGS = new Set(
  'html head meta title body p br hr strong em del s code pre blockquote ul ol li a h3 h4 h5 h6 small'.split(
    ' ',
  ),
);

/** Every real tag (not escaped text) is allowed, with no event handler, style or source attribute. */
function expectSafeMarkup(html: string) {
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    const name = /^<([a-z0-9]+)/i.exec(tag)![1]!.toLowerCase();
    expect(TAGS.has(name), tag).toBe(true);
    expect(tag, tag).not.toMatch(/\s(on\w+|style|src|srcset|background)=/i);
    const href = /\shref="([^"]*)"/.exec(tag)?.[1];
    if (href !== undefined) expect(href, tag).toMatch(/^(https?:|mailto:)/);
  }
}

it('never lets markup, scripts, remote images or unsafe links through', () => {
  for (const body of HOSTILE) {
    const c = comment(body, 'Eve <script>x</script>\r\nBcc: victim@example.com');
    for (const mail of [
      replyMail(ctx, 'r@example.com', 'h', page, c),
      moderatorMail(ctx, 'm@example.com', 'mh', page, c),
      digestMail(ctx, 'm@example.com', 'mh', { id: 'b', name: 'Blog' }, [{ page, comment: c }]),
    ]) {
      expectSafeMarkup(mail.html);
      expect(mail.subject).not.toMatch(/[\r\n]/);
    }
  }
});

it('shows the commenter address to moderators only, never in reply mail', () => {
  const c = comment('hello');
  expect(moderatorMail(ctx, 'm@example.com', 'mh', page, c).text).toContain('mallory@example.com');
  const reply = replyMail(ctx, 'r@example.com', 'h', page, c);
  expect(`${reply.text}${reply.html}${reply.subject}`).not.toContain('mallory@example.com');
  const verify = verificationMail(ctx, 'r@example.com', 'h', page);
  expect(verify.text).not.toContain('javascript:');
  expect(verify.html).toContain('Blog &lt;b&gt;');
});

it('tells moderators why a held comment waits: its flags, as the admin page says them', () => {
  const c: CommentItem = {
    ...comment('hello'),
    status: 'pending',
    spamReasons: ['domain_rule', 'external_check:INSULT:0.93'],
  };
  const mail = moderatorMail(ctx, 'm@example.com', 'mh', page, c);
  const why =
    "Why it waits: A rule holds comments from the author's email domain; The external content check labelled it: insult (93%).";
  expect(mail.text).toContain(why);
  expect(mail.html).toContain('insult (93%)');
  const digest = digestMail(ctx, 'm@example.com', 'mh', { id: 'b', name: 'Blog' }, [{ page, comment: c }]);
  expect(digest.text).toContain('insult (93%)');
  expect(moderatorMail(ctx, 'm@example.com', 'mh', page, comment('plain')).text).not.toContain(
    'Why it waits',
  );
  const reported: CommentItem = { ...c, spamReasons: ['reports'] };
  expect(moderatorMail(ctx, 'm@example.com', 'mh', page, reported).text).toContain('was held again');
  expect(mail.text).toContain('A new comment');
});
