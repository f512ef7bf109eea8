/** The path-map flags of `afterword import` (`--map`, `--map-file`, `--dry-run`) and the dry run's report. */
import { readFileSync } from 'node:fs';
import { buildPathMap, type MapRule, mapArgRules, mapFileRules, type PathMap } from '../portability/map.js';
import type { MappingResult } from '../portability/preview.js';
import { UsageError } from './command.js';
import type { CliContext } from './context.js';

export const MAP_OPTIONS = {
  map: { type: 'string', multiple: true },
  'map-file': { type: 'string' },
  'dry-run': { type: 'boolean' },
} as const;

export const MAP_USAGE = [
  "                 [--map '/2014/*=/posts/*']...   page paths, after --rewrite: exact, or a prefix (* on both sides)",
  '                 [--map-file urls.csv]   lines "old URL, new URL" (the Disqus URL mapper shape)',
  '                 [--dry-run]   prints old -> new for every page with its comment count; writes nothing',
];

/** The path map the flags give (undefined when none); a malformed rule or an unreadable file is a UsageError. */
export function readPathMap(values: { map?: string[]; 'map-file'?: string }): PathMap | undefined {
  const rules: MapRule[] = [];
  const fromArgs = mapArgRules(values.map ?? []);
  if (typeof fromArgs === 'string') throw new UsageError(fromArgs);
  rules.push(...fromArgs);
  const file = values['map-file'];
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new UsageError(`cannot read the map file ${file}`);
    }
    const fromFile = mapFileRules(text, file);
    if (typeof fromFile === 'string') throw new UsageError(fromFile);
    rules.push(...fromFile);
  }
  if (rules.length === 0) return undefined;
  const map = buildPathMap(rules);
  if (typeof map === 'string') throw new UsageError(map);
  return map;
}

const comments = (n: number) => `${n} comment${n === 1 ? '' : 's'}`;

/** One line per page (old -> new, or unchanged), then the rules that matched nothing. */
export function printDryRun(ctx: CliContext, mapping: MappingResult): void {
  let moved = 0;
  for (const p of mapping.pages) {
    if (p.from !== p.to) moved++;
    ctx.out(
      p.from === p.to
        ? `  ${p.from}  (unchanged, ${comments(p.comments)})`
        : `  ${p.from} -> ${p.to}  (${comments(p.comments)}; ${p.rule})`,
    );
  }
  for (const rule of mapping.unusedRules) ctx.err(`  rule ${rule} matched no page`);
  ctx.out(`dry run: ${mapping.pages.length} pages, ${moved} mapped; nothing was written`);
}
