/** Page mapping on import: host rewrites (old=new), then the page rules every thread path follows. */
import { normalizePage } from '../domain/page-path.js';

/** Applies the host rewrite map, then the page rules; also returns the URL to keep as the page's url. */
export function mapPage(
  raw: string,
  rewrite: Record<string, string> = {},
): { page: string; url?: string } | undefined {
  let url: string | undefined;
  let input = raw.trim();
  if (/^https?:\/\//i.test(input) || input.startsWith('//')) {
    try {
      const u = new URL(input.startsWith('//') ? `https:${input}` : input);
      const to = rewrite[u.host.toLowerCase()];
      if (to) u.host = to;
      url = u.href;
      input = u.href;
    } catch {
      return undefined;
    }
  }
  const page = normalizePage(input);
  return page ? { page, ...(url ? { url } : {}) } : undefined;
}

/** Parses `old=new` rewrite pairs (hosts, or URLs whose hosts are taken); a string is the error. */
export function parseRewrites(pairs: string[]): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const [from, to, ...rest] = pair.split('=');
    const host = (s: string | undefined) => {
      if (!s) return undefined;
      try {
        return new URL(/^[a-z]+:\/\//i.test(s) ? s : `https://${s}`).host.toLowerCase();
      } catch {
        return undefined;
      }
    };
    const a = host(from?.trim());
    const b = host(to?.trim());
    if (!a || !b || rest.length > 0) return `not a rewrite "old=new": "${pair.slice(0, 100)}"`;
    out[a] = b;
  }
  return out;
}
