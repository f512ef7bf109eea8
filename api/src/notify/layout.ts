/** Mail layout: one builder for every notification's text part, sanitized HTML part and list headers. */
import { escapeHtml as esc } from '../domain/escape.js';
import { htmlToText, isSafeUrl, sanitize } from '../domain/markdown.js';
import type { CommentItem } from '../store/items.js';

export interface OutMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface PageRef {
  site: string;
  siteName: string;
  page: string;
  title?: string;
  /** What the first poster's browser called the page: for moderators only, marked as claimed. */
  claimedTitle?: string;
  url?: string;
}

/** One line, no control characters, bounded: safe in a subject. */
export const line = (s: string, max = 120) =>
  s
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);

export const pageName = (p: PageRef) => line(p.title || p.page, 100);
/** The page's public URL when it is a plain http(s) URL. */
export const pageHref = (p: PageRef) =>
  p.url && isSafeUrl(p.url) && /^https?:/i.test(p.url.trim()) ? p.url.trim() : undefined;

export interface Link {
  label: string;
  url: string;
}

export interface Block {
  heading?: string;
  comment?: CommentItem;
  actions: Link[];
}

export interface Parts {
  subject: string;
  intro: string[];
  blocks: Block[];
  footer: string;
  unsubscribe: Link[];
  /** Target of the one-click List-Unsubscribe POST (RFC 8058). */
  oneClick: string;
}

const author = (c: CommentItem) => line(c.authorName || 'Anonymous', 80);

function blockText(b: Block): string[] {
  const body = b.comment ? htmlToText(sanitize(b.comment.html)) : '';
  return [
    ...(b.heading ? ['', b.heading] : []),
    ...(b.comment ? ['', `${author(b.comment)} wrote:`, '', body] : []),
    ...(b.actions.length ? ['', ...b.actions.map((a) => `${a.label}: ${a.url}`)] : []),
  ];
}

export function build(to: string, p: Parts): OutMail {
  const text = [
    ...p.intro,
    ...p.blocks.flatMap(blockText),
    '',
    '--',
    p.footer,
    ...p.unsubscribe.map((a) => `${a.label}: ${a.url}`),
  ].join('\n');
  const link = (a: Link) => `<a href="${esc(a.url)}">${esc(a.label)}</a>`;
  const html = [
    '<!doctype html><html><head><meta charset="utf-8"><title>',
    esc(p.subject),
    '</title></head><body>',
    ...p.intro.map((t) => `<p>${esc(t)}</p>`),
    ...p.blocks.flatMap((b) => [
      ...(b.heading ? [`<h3>${esc(b.heading)}</h3>`] : []),
      ...(b.comment
        ? [
            `<p><strong>${esc(author(b.comment))}</strong> wrote:</p>`,
            `<blockquote>${sanitize(b.comment.html)}</blockquote>`,
          ]
        : []),
      ...(b.actions.length ? [`<p>${b.actions.map(link).join(' &middot; ')}</p>`] : []),
    ]),
    `<hr><p><small>${esc(p.footer)}<br>${p.unsubscribe.map(link).join(' &middot; ')}</small></p>`,
    '</body></html>',
  ].join('');
  return {
    to,
    subject: line(p.subject, 200),
    text,
    html,
    headers: {
      'List-Unsubscribe': `<${p.oneClick}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    },
  };
}
