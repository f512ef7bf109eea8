/**
 * Lazy chunk `recent.js`: fills every `[data-afterword-recent]` element with a list of the site's most recent comments
 * (author, an excerpt as plain text, a link to the comment, its page's title, its date), from the site file that
 * `counts.js` reads (one read for both).
 */
import type { RecentComment, SiteFile } from '../../api/src/contract/files.js';
import type { Options } from './api.js';
import { siteData } from './counts.js';

/** Comments a box shows without `data-count` (the site file holds SITE_RECENT_CAP at most, so no box shows more). */
export const DEFAULT_COUNT = 5;
/** Characters of an excerpt without `data-length`. */
export const DEFAULT_LENGTH = 120;

/** A positive whole number from an attribute, else `fallback`. */
export function option(raw: string | undefined, fallback: number): number {
  const n = Number.parseInt(raw ?? '', 10);
  return n > 0 ? n : fallback;
}

/** `text` with its white space collapsed, cut to at most `length` characters (ellipsis included), at a word end when one is near. */
export function excerpt(text: string, length: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  if (chars.length <= length) return chars.join('');
  const cut = chars.slice(0, length - 1).join('');
  // A word end: where the cut falls on a space, else the last space before it.
  const space = chars[length - 1] === ' ' ? cut.length : cut.lastIndexOf(' ');
  return `${space >= cut.length * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** The comment's own place: its page's URL (else its key, a path on this site) and `#comment-<id>`. */
export function commentLink(r: RecentComment): string {
  return `${(r.url ?? r.page).split('#')[0]}#comment-${r.comment.id}`;
}

/** What a comment's (sanitized) HTML reads as: parsed inert (nothing in it runs or loads), its blocks kept apart. */
function plainText(html: string): string {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  for (const el of body.querySelectorAll('p,li,br,pre,blockquote,h1,h2,h3,h4,h5,h6')) el.after(' ');
  return body.textContent ?? '';
}

function add<K extends keyof HTMLElementTagNameMap>(
  parent: Element,
  tag: K,
  className: string,
  text: string,
): HTMLElementTagNameMap[K] {
  const el = parent.appendChild(document.createElement(tag));
  el.className = `afterword-recent-${className}`;
  el.textContent = text;
  return el;
}

/** Dates in the page's language; in the browser's when the page names none it knows. */
function dates(lang?: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
  } catch {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
  }
}

/** Replaces `el`'s content with a list of the file's most recent comments (`data-count`, `data-length`); every text is text. */
export function render(el: HTMLElement, file: SiteFile, lang?: string): void {
  const shown = file.recent.slice(0, option(el.dataset.count, DEFAULT_COUNT));
  if (shown.length === 0) return; // The page's own content (say, "No comments yet") stays.
  const length = option(el.dataset.length, DEFAULT_LENGTH);
  const date = dates(lang);
  const list = document.createElement('ul');
  list.className = 'afterword-recent';
  for (const r of shown) {
    const li = add(list, 'li', 'item', '');
    add(li, 'span', 'author', r.comment.author.name);
    li.append(' ');
    add(li, 'a', 'page', r.title || r.page).href = commentLink(r);
    li.append(' ');
    const time = add(li, 'time', 'time', date.format(new Date(r.comment.createdAt)));
    time.dateTime = r.comment.createdAt;
    add(li, 'p', 'text', excerpt(plainText(r.comment.html), length));
  }
  el.replaceChildren(list);
}

export async function recent(o: Pick<Options, 'api' | 'site' | 'lang'>): Promise<void> {
  const els = [...document.querySelectorAll<HTMLElement>('[data-afterword-recent]')];
  if (els.length === 0) return;
  const file = await siteData(o);
  if (!file) return;
  const lang = o.lang || document.documentElement.lang || undefined;
  for (const el of els) render(el, file, lang);
}
