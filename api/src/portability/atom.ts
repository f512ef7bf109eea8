/** Atom 1.0 (RFC 4287) for recent approved comments; every content comes from the sanitized html. */
import { escapeXml as esc } from '../domain/escape.js';
import { htmlToText, sanitize } from '../domain/markdown.js';
import type { CommentItem } from '../store/items.js';
import type { StoredComment } from '../store/private.js';

export interface FeedInfo {
  /** Stable IRI of the feed. */
  id: string;
  title: string;
  /** This feed's own URL. */
  self: string;
  /** The page or site the feed is about, when known. */
  alternate?: string;
}

export interface FeedEntry {
  comment: StoredComment;
  pageTitle?: string;
  /** Where the comment can be read (page URL + fragment), when the page URL is known. */
  link?: string;
}

export function atomFeed(info: FeedInfo, entries: FeedEntry[], fallbackUpdated: string): string {
  const times = entries.map((e) => e.comment.editedAt ?? e.comment.createdAt).sort();
  const updated = times.at(-1) ?? fallbackUpdated;
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${esc(info.id)}</id>`,
    `<title>${esc(info.title)}</title>`,
    `<updated>${esc(updated)}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${esc(info.self)}"/>`,
    ...(info.alternate ? [`<link rel="alternate" type="text/html" href="${esc(info.alternate)}"/>`] : []),
    '<generator>Afterword</generator>',
  ];
  for (const { comment: c, pageTitle, link } of entries) {
    const html = sanitize(c.html);
    const text = htmlToText(html).replace(/\s+/g, ' ').trim();
    const title = `${c.authorName || 'Anonymous'}${pageTitle ? ` on ${pageTitle}` : ''}: ${text.length > 80 ? `${text.slice(0, 79)}…` : text}`;
    out.push(
      '<entry>',
      `<id>urn:afterword:comment:${esc(c.id)}</id>`,
      `<title>${esc(title)}</title>`,
      `<published>${esc(c.createdAt)}</published>`,
      `<updated>${esc(c.editedAt ?? c.createdAt)}</updated>`,
      `<author><name>${esc(c.authorName || 'Anonymous')}</name></author>`,
      ...(link ? [`<link rel="alternate" type="text/html" href="${esc(link)}"/>`] : []),
      `<content type="html">${esc(html)}</content>`,
      '</entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}
