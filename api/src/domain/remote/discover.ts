/**
 * A page's own links to its posts elsewhere: `rel="syndication"` and `u-syndication` (microformats2,
 * with microformats-parser) and `data-afterword-mastodon` / `data-afterword-bluesky` on the embed's script tag.
 */
import { mf2 } from 'microformats-parser';
import { parse } from 'parse5';
import type { RemotePostSource } from '../../store/remote-links.js';
import { postSource } from './links.js';

export interface FoundPost {
  source: RemotePostSource;
  url: string;
}

type Node = { nodeName: string; attrs?: Array<{ name: string; value: string }>; childNodes?: Node[] };

/** The values of the embed script tags' `data-afterword-mastodon` / `-bluesky` (space-separated URLs). */
function scriptAttributes(root: Node): FoundPost[] {
  const out: FoundPost[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeName === 'script')
      for (const a of node.attrs ?? []) {
        const source =
          a.name === 'data-afterword-mastodon'
            ? 'mastodon'
            : a.name === 'data-afterword-bluesky'
              ? 'bluesky'
              : undefined;
        if (source) for (const url of a.value.split(/\s+/).filter(Boolean)) out.push({ source, url });
      }
    stack.push(...(node.childNodes ?? []));
    const content = (node as { content?: Node }).content;
    if (content) stack.push(content);
  }
  return out;
}

/** Every u-syndication of the page's h-entries (and their children). */
function syndications(items: ReturnType<typeof mf2>['items']): string[] {
  const out: string[] = [];
  const stack = [...items];
  while (stack.length > 0) {
    const item = stack.pop()!;
    for (const v of item.properties.syndication ?? []) if (typeof v === 'string') out.push(v);
    stack.push(...(item.children ?? []));
  }
  return out;
}

/** The page's posts on Mastodon and Bluesky, each once; links to anything else are ignored (the guard judges the hosts). */
export function discoverPosts(html: string, baseUrl: string): FoundPost[] {
  const parsed = mf2(html, { baseUrl });
  const linked = [...(parsed.rels.syndication ?? []), ...syndications(parsed.items)];
  const found: FoundPost[] = [];
  for (const url of linked) {
    const source = postSource(url);
    if (source) found.push({ source, url });
  }
  for (const p of scriptAttributes(parse(html) as unknown as Node)) {
    const url = URL.canParse(p.url, baseUrl) ? new URL(p.url, baseUrl).href : undefined;
    if (url && postSource(url) === p.source) found.push({ source: p.source, url });
  }
  const seen = new Set<string>();
  return found.filter((p) => !seen.has(p.url) && seen.add(p.url));
}
