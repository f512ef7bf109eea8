/**
 * Reading a Webmention source: whether its HTML links to the target (any `href` or `src`, resolved
 * against the page, the same page of the same origin), and what its microformats2 h-entry says about the
 * target (a reply, a like, a repost, or a mere mention), with microformats-parser.
 */
import { mf2 } from 'microformats-parser';
import { parse } from 'parse5';
import sanitizeHtml from 'sanitize-html';
import { SANITIZE_OPTIONS } from '../markdown.js';
import { normalizePage } from '../page-path.js';

type Property = string | { value?: unknown; html?: string; properties?: Record<string, Property[]> };
interface Item {
  type?: string[];
  properties: Record<string, Property[]>;
  children?: Item[];
}

export interface SourceEntry {
  kind: 'reply' | 'like' | 'repost' | 'mention';
  /** The reply's content: HTML (sanitized by the comment service) and its text. */
  html?: string;
  text?: string;
  author: { name?: string; url?: string };
  /** The entry's own permalink (`u-url`). */
  url?: string;
  published?: string;
  updated?: string;
}

interface DomNode {
  nodeName: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: DomNode[];
  content?: DomNode;
}

/** The same page: one origin, one normalized path (`/post` and `/post/` are one thread, as everywhere). */
export function samePage(href: string, base: string, target: URL): boolean {
  try {
    const url = new URL(href, base);
    return url.origin === target.origin && normalizePage(url.href) === normalizePage(target.href);
  } catch {
    return false;
  }
}

/** True when an element of `html` links to `target` (`href` of a, area, link; `src` of media and frames). */
export function linksTo(html: string, base: string, target: URL): boolean {
  const stack: DomNode[] = [parse(html) as unknown as DomNode];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const a of node.attrs ?? [])
      if ((a.name === 'href' || a.name === 'src') && samePage(a.value, base, target)) return true;
    if (node.content) stack.push(node.content);
    for (const child of node.childNodes ?? []) stack.push(child);
  }
  return false;
}

/**
 * A blog's markup reduced to the comments' allowlist before the one sanitizer sees it: tags it does not
 * allow are dropped with their text kept (that sanitizer would show them escaped), `b`/`i` become
 * `strong`/`em`; scripts and styles go with their content.
 */
export function contentHtml(html: string): string {
  return sanitizeHtml(html, {
    ...SANITIZE_OPTIONS,
    disallowedTagsMode: 'discard',
    transformTags: { ...SANITIZE_OPTIONS.transformTags, b: 'strong', i: 'em' },
  }).trim();
}

const first = (item: Item | undefined, name: string): Property | undefined => item?.properties[name]?.[0];

/** A property as a plain string: its own text, an embedded item's `value`, a link's URL. */
function str(p: Property | undefined): string | undefined {
  if (p === undefined) return undefined;
  if (typeof p === 'string') return p.trim() || undefined;
  return typeof p.value === 'string' ? p.value.trim() || undefined : undefined;
}

/** The URLs a property names: strings, or h-cite items by their `url` (else their value). */
function urlsOf(item: Item, name: string): string[] {
  return (item.properties[name] ?? []).flatMap((p) => {
    if (typeof p === 'string') return [p];
    const cited = p.properties?.url?.map(str).filter((u): u is string => !!u) ?? [];
    const own = str(p);
    return cited.length > 0 ? cited : own ? [own] : [];
  });
}

function entries(items: Item[]): Item[] {
  return items.flatMap((i) => [...(i.type?.includes('h-entry') ? [i] : []), ...entries(i.children ?? [])]);
}

function authorOf(entry: Item, top: Item[]): SourceEntry['author'] {
  const a =
    first(entry, 'author') ??
    first(
      top.find((i) => i.type?.includes('h-card')),
      'name',
    );
  if (a === undefined) return {};
  if (typeof a === 'string') return /^https?:\/\//.test(a) ? { url: a } : { name: a };
  const card = { type: [], properties: a.properties ?? {} } as Item;
  const name = str(first(card, 'name')) ?? str(a);
  const url = str(first(card, 'url'));
  return { ...(name ? { name } : {}), ...(url ? { url } : {}) };
}

/**
 * What the source's h-entry says of the target: the first entry replying to, liking or reposting it
 * (in that order of kinds), else a mention. `base` is the URL the source answered from.
 */
export function readEntry(html: string, base: string, target: URL): SourceEntry {
  const doc = mf2(html, { baseUrl: base });
  const top = doc.items as unknown as Item[];
  const all = entries(top);
  const names = { reply: 'in-reply-to', like: 'like-of', repost: 'repost-of' } as const;
  for (const kind of ['reply', 'like', 'repost'] as const) {
    const entry = all.find((e) => urlsOf(e, names[kind]).some((u) => samePage(u, base, target)));
    if (!entry) continue;
    const content = first(entry, 'content');
    const raw = typeof content === 'object' && typeof content.html === 'string' ? content.html : undefined;
    const html = raw === undefined ? undefined : contentHtml(raw);
    const text = str(content) ?? str(first(entry, 'summary')) ?? str(first(entry, 'name'));
    return {
      kind,
      ...(html ? { html } : {}),
      ...(text ? { text } : {}),
      author: authorOf(entry, top),
      ...optional('url', str(first(entry, 'url'))),
      ...optional('published', str(first(entry, 'published'))),
      ...optional('updated', str(first(entry, 'updated'))),
    };
  }
  return { kind: 'mention', author: {} };
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value ? { [key]: value } : {}) as Partial<Record<K, string>>;
