/**
 * The demo blog's one page layout, as a static site generator would apply it: a page file that opens
 * with a `<!--page ... -->` block of `key: value` lines (`script:` may repeat; `lang:` and `dir:` for the page's
 * language, English and left to right unless told) is its main content,
 * wrapped in layout.template.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LAYOUT = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'layout.template'), 'utf8');
const FOOTER =
  'A demo blog for Afterword. Comments are served from <a href="{{API_URL}}/api/v1/health">{{API_URL}}</a>.';
const EMBED = '<script src="{{API_URL}}/embed.js" data-site="demo" async></script>';

/** The whole page for a page file; other HTML is returned as it is. */
export function applyLayout(file: string): string {
  const m = /^<!--page\n([\s\S]*?)\n-->\n/.exec(file);
  if (!m) return file;
  const meta = new Map<string, string>();
  const scripts: string[] = [];
  for (const line of m[1]!.split('\n')) {
    const at = line.indexOf(':');
    if (at <= 0) continue;
    const [key, value] = [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    if (key === 'script') scripts.push(value);
    else meta.set(key, value);
  }
  const title = meta.get('title');
  const fill: Record<string, string> = {
    LANG: meta.get('lang') ?? 'en',
    DIR: meta.has('dir') ? ` dir="${meta.get('dir')}"` : '',
    HTML_CLASS: meta.has('class') ? ` class="${meta.get('class')}"` : '',
    TITLE: title ? `${title} · Field Notes` : 'Field Notes',
    CANONICAL: meta.has('canonical') ? `  <link rel="canonical" href="${meta.get('canonical')}">\n` : '',
    MAIN: file.slice(m[0].length).trimEnd(),
    FOOTER: meta.get('footer') ?? FOOTER,
    SCRIPTS: `  ${(scripts.length > 0 ? scripts : [EMBED]).join('\n  ')}`,
  };
  return LAYOUT.replace(
    /\{\{(LANG|DIR|HTML_CLASS|TITLE|CANONICAL|MAIN|FOOTER|SCRIPTS)\}\}/g,
    (_, k: string) => fill[k]!,
  );
}
