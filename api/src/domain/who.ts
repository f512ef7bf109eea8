/** What moderators see of who wrote a comment in lists: a masked email and a short plain-text excerpt. */
import { htmlToText } from './markdown.js';

/** `jane@example.com` → `j***@e***.com`: enough to tell two authors apart, never the address. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = at > 0 ? email.slice(0, at) : email;
  const domain = at > 0 ? email.slice(at + 1) : '';
  const first = (s: string) => Array.from(s)[0] ?? '';
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  return `${first(local)}***@${first(host)}***${/^\.[a-z0-9-]{1,24}$/i.test(tld) ? tld : ''}`;
}

/** The comment's rendered text on one line, cut at `max` characters (an ellipsis marks the cut). */
export function excerpt(html: string, max = 120): string {
  const text = htmlToText(html).replace(/\s+/g, ' ').trim();
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
