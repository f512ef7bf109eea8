/** The API bundle's esbuild metafile (api/dist/meta.json): which output files an entry loads before it runs, and their bytes. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Meta {
  outputs: Record<
    string,
    {
      bytes: number;
      imports: { path: string; kind: string; external?: boolean }[];
      inputs: Record<string, unknown>;
    }
  >;
}

export function readMeta(dist: string): Meta {
  const file = join(dist, 'meta.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return JSON.parse(readFileSync(file, 'utf8')) as Meta;
}

/** The output files loaded with `entry` (`dist/lambda.mjs`) before it runs: its static imports, transitively. */
export function initialFiles(m: Meta, entry: string): string[] {
  const seen = new Set<string>();
  const pending = [entry];
  for (let f = pending.pop(); f !== undefined; f = pending.pop()) {
    if (seen.has(f)) continue;
    seen.add(f);
    for (const i of m.outputs[f]?.imports ?? [])
      if (i.kind === 'import-statement' && !i.external) pending.push(i.path);
  }
  return [...seen];
}

/** Bytes of the API entry's initial chunk: `dist/lambda.mjs` and what it imports statically. */
export function initialChunkBytes(dist: string, entry = 'dist/lambda.mjs'): number {
  const m = readMeta(dist);
  return initialFiles(m, entry).reduce((n, f) => n + m.outputs[f]!.bytes, 0);
}
