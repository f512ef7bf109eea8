/** Page mapping on import: host rewrites (old=new), the page rules every thread path follows, then the path map. */
import { normalizePage } from '../domain/page-path.js';
import { applyPathMap, type PathMap } from './map.js';

export interface MappedPage {
  /** The page key the thread goes to. */
  page: string;
  /** The URL to keep as the page's url (its path follows the path map). */
  url?: string;
  /** The key before the path map, and the rule that changed it (only when one did). */
  from?: string;
  rule?: string;
}

/**
 * Applies the host rewrite map, then the page rules, then the path map (on the page key); also returns
 * the URL to keep as the page's url. Undefined when no usable page comes out.
 */
export function mapPage(
  raw: string,
  rewrite: Record<string, string> = {},
  paths?: PathMap,
): MappedPage | undefined {
  let url: URL | undefined;
  let input = raw.trim();
  if (/^https?:\/\//i.test(input) || input.startsWith('//')) {
    try {
      url = new URL(input.startsWith('//') ? `https:${input}` : input);
      const to = rewrite[url.host.toLowerCase()];
      if (to) url.host = to;
      input = url.href;
    } catch {
      return undefined;
    }
  }
  const page = normalizePage(input);
  if (!page) return undefined;
  const mapped = paths ? applyPathMap(paths, page) : { page };
  if (!mapped) return undefined;
  if (mapped.page === page) return { page, ...(url ? { url: url.href } : {}) };
  if (url) {
    url.pathname = mapped.page;
    url.search = '';
    url.hash = '';
  }
  return {
    page: mapped.page,
    ...(url ? { url: url.href } : {}),
    from: page,
    ...(mapped.rule ? { rule: mapped.rule } : {}),
  };
}

/**
 * Parses `old=new` host rewrite pairs (hosts, or URLs whose hosts are taken); a string is the error.
 * A side with a path is refused: paths are mapped by `--map`.
 */
export function parseRewrites(pairs: string[]): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const [from, to, ...rest] = pair.split('=');
    const bad = `not a rewrite "old=new": "${pair.slice(0, 100)}"`;
    const host = (s: string | undefined) => {
      if (!s) return undefined;
      try {
        const u = new URL(/^[a-z]+:\/\//i.test(s) ? s : `https://${s}`);
        if (u.pathname !== '/' || u.search || u.hash) return 'path';
        return u.host.toLowerCase();
      } catch {
        return undefined;
      }
    };
    const a = host(from?.trim());
    const b = host(to?.trim());
    if (a === 'path' || b === 'path')
      return `${bad}: --rewrite maps hosts only; map paths with --map old=new (a trailing * on both sides maps a prefix)`;
    if (!a || !b || rest.length > 0) return bad;
    out[a] = b;
  }
  return out;
}
