/** Splits the built widget into fingerprinted files (cached for a year) and entry files (revalidated). */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Same rule as the local server (api/src/server.ts): a hash of 8+ characters before .js/.css; never embed.js. */
export function isFingerprinted(path: string): boolean {
  return /[.-][A-Za-z0-9_-]{8,}\.(js|css)$/.test(path) && !path.endsWith('embed.js');
}

export const LONG_CACHE = 'public, max-age=31536000, immutable';
/**
 * How long the edge keeps embed.js and the admin page: a day, as every deploy invalidates them (edge.ts),
 * so the edge asks S3 for them about once a day per regional cache.
 */
export const ENTRY_EDGE_TTL_SECONDS = 86_400;
/** embed.js and the admin page keep one URL, so browsers revalidate them after 5 minutes; the edge after a day. */
export const ENTRY_CACHE = `public, max-age=300, s-maxage=${ENTRY_EDGE_TTL_SECONDS}`;

/** Every file under `dir`, as POSIX paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export function splitWidgetFiles(dir: string): { fingerprinted: string[]; entries: string[] } {
  const files = listFiles(dir);
  return {
    fingerprinted: files.filter(isFingerprinted),
    entries: files.filter((f) => !isFingerprinted(f)),
  };
}

/** CloudFront paths to invalidate after a deploy: each top-level entry file, each directory with entries as a prefix. */
export function invalidationPaths(entries: string[]): string[] {
  const paths = entries.map((f) => (f.includes('/') ? `/${f.split('/')[0]}*` : `/${f}`));
  return [...new Set(paths)].sort();
}
