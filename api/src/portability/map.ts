/**
 * Path maps on import: `old=new` rules on page keys, exact (`/2014/test/=/posts/test/`) or prefix (a
 * trailing `*` on both sides: `/2014/*=/posts/*`), from `--map` or a Disqus URL-mapper CSV (`old, new`).
 */
import { normalizePage } from '../domain/page-path.js';

export interface PathMap {
  /** Exact rules: page key → new key, with the rule as written. */
  exact: Map<string, { to: string; rule: string }>;
  /** Prefix rules, longest `from` first. */
  prefixes: { from: string; to: string; rule: string }[];
  /** Every rule as written, in order (a dry run names those that matched nothing). */
  rules: string[];
}

/** One rule as given; `where` names it in an error (`--map "..."`, `file.csv line 3`). */
export interface MapRule {
  from: string;
  to: string;
  where: string;
}

/** A map file's rules at most (a Disqus mapper CSV of a large blog stays far below). */
export const MAX_MAP_RULES = 100_000;

const SYNTAX = 'a rule is old=new with paths or URLs; a trailing * on both sides maps a prefix';

/** A prefix as page keys are written: segments encoded by the page rules, no trailing slash added. */
function normalizePrefix(prefix: string): string | undefined {
  // A sentinel segment tail keeps the page rules from treating the prefix as a whole page.
  const n = normalizePage(`${prefix}q`);
  const bare = n?.endsWith('/') ? n.slice(0, -1) : n;
  return bare?.endsWith('q') ? bare.slice(0, -1) : undefined;
}

/** One side of a rule: its path (a URL's host is not part of a page key), or the reason it is refused. */
function side(raw: string): { path: string; prefix: boolean } | string {
  const text = raw.trim();
  if (text === '') return 'a side is empty';
  const prefix = text.endsWith('*');
  const body = prefix ? text.slice(0, -1) : text;
  if (body.includes('*')) return `"${text}": * may only end a rule (a prefix), on both sides`;
  if (/[?#]/.test(body))
    return `"${text}": page keys keep only the path; a query or fragment cannot be mapped`;
  let path = body;
  if (/^https?:\/\//i.test(body) || body.startsWith('//')) {
    try {
      path = new URL(body.startsWith('//') ? `https:${body}` : body).pathname;
    } catch {
      return `"${text}" is not a URL`;
    }
  } else if (!body.startsWith('/')) return `"${text}" is neither a path starting with / nor a URL`;
  const out = prefix ? normalizePrefix(path) : normalizePage(path);
  return out ? { path: out, prefix } : `"${text}" is not a usable page path`;
}

/** Builds a map from rules; a string is the error. Each page is mapped once: rules do not chain. */
export function buildPathMap(rules: MapRule[]): PathMap | string {
  const map: PathMap = { exact: new Map(), prefixes: [], rules: [] };
  if (rules.length > MAX_MAP_RULES) return `more than ${MAX_MAP_RULES} map rules`;
  const prefixes = new Map<string, { to: string; rule: string }>();
  for (const { from, to, where } of rules) {
    const a = side(from);
    const b = side(to);
    if (typeof a === 'string' || typeof b === 'string') return `${where}: ${typeof a === 'string' ? a : b}`;
    if (a.prefix !== b.prefix) return `${where}: a prefix rule ends both sides with * (${SYNTAX})`;
    const rule = `${a.path}${a.prefix ? '*' : ''}=${b.path}${b.prefix ? '*' : ''}`;
    const target = a.prefix ? prefixes : map.exact;
    const before = target.get(a.path);
    if (before && before.to !== b.path)
      return `${where}: "${a.path}" is already mapped to "${before.to}" (by ${before.rule})`;
    if (!before) {
      target.set(a.path, { to: b.path, rule });
      map.rules.push(rule);
    }
  }
  map.prefixes = [...prefixes]
    .map(([from, r]) => ({ from, ...r }))
    .sort((x, y) => y.from.length - x.from.length);
  return map;
}

/** The rules of `--map old=new` values (repeatable); a string is the error. */
export function mapArgRules(pairs: string[]): MapRule[] | string {
  const rules: MapRule[] = [];
  for (const pair of pairs) {
    const where = `--map "${pair.slice(0, 200)}"`;
    const parts = pair.split('=');
    if (parts.length !== 2) return `${where}: expected exactly one = (${SYNTAX})`;
    rules.push({ from: parts[0]!, to: parts[1]!, where });
  }
  return rules;
}

/** A map from `--map` values alone (the HTTP route's `map` parameters). */
export function parseMapArgs(pairs: string[]): PathMap | string {
  const rules = mapArgRules(pairs);
  return typeof rules === 'string' ? rules : buildPathMap(rules);
}

/** Splits one CSV line into fields (double quotes, `""` inside them); undefined when a quote is unclosed. */
function csvFields(line: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return undefined;
        if (line[i] === '"' && line[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else field += line[i++];
      }
      while (line[i] === ' ' || line[i] === '\t') i++;
    } else {
      const end = line.indexOf(',', i);
      field = line.slice(i, end === -1 ? line.length : end);
      i = end === -1 ? line.length : end;
    }
    fields.push(field.trim());
    if (i >= line.length) return fields;
    if (line[i] !== ',') return undefined;
    i++;
  }
}

/**
 * The rules of a map file in the shape of Disqus's URL mapper: each line `old URL, new URL` (paths work too;
 * blank lines and lines starting with # are skipped). `name` names the file in errors.
 */
export function mapFileRules(text: string, name: string): MapRule[] | string {
  const rules: MapRule[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const where = `${name} line ${n + 1}`;
    const fields = csvFields(line);
    if (!fields) return `${where}: a quote is not closed`;
    if (fields.length !== 2 || !fields[0] || !fields[1])
      return `${where}: expected "old URL, new URL", found ${fields.filter(Boolean).length} value(s)`;
    rules.push({ from: fields[0], to: fields[1], where });
  }
  if (rules.length === 0) return `${name}: no mapping lines (each line is "old URL, new URL")`;
  return rules;
}

/** The key a page key maps to, with the rule that mapped it; undefined when the result is no usable page. */
export function applyPathMap(map: PathMap, page: string): { page: string; rule?: string } | undefined {
  const exact = map.exact.get(page);
  if (exact) return { page: exact.to, rule: exact.rule };
  for (const p of map.prefixes) {
    if (!page.startsWith(p.from)) continue;
    const to = normalizePage(p.to + page.slice(p.from.length));
    return to ? { page: to, rule: p.rule } : undefined;
  }
  return { page };
}
