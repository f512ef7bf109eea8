/** The API Lambda's initial chunk (its entry and what that imports statically) stays small: what a thread read needs, nothing more. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Bytes of the entry and its static imports, minified (issue 15: 1.48 MB before the split). */
export const INITIAL_BUDGET_BYTES = 400 * 1000;
const DIST = resolve(import.meta.dirname, '../dist');

interface Meta {
  outputs: Record<
    string,
    {
      bytes: number;
      imports: { path: string; kind: string; external?: boolean }[];
      inputs: Record<string, unknown>;
    }
  >;
}

function meta(): Meta {
  const file = resolve(DIST, 'meta.json');
  if (!existsSync(file)) throw new Error('api/dist/meta.json is missing: run `npm run build` first');
  return JSON.parse(readFileSync(file, 'utf8')) as Meta;
}

/** The output files loaded with `entry` before it runs: its static imports, transitively. */
function initial(m: Meta, entry: string): string[] {
  const seen = new Set<string>();
  const todo = [entry];
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    if (seen.has(f)) continue;
    seen.add(f);
    for (const i of m.outputs[f]?.imports ?? [])
      if (i.kind === 'import-statement' && !i.external) todo.push(i.path);
  }
  return [...seen];
}

describe('the API bundle', () => {
  const m = meta();
  const files = initial(m, 'dist/lambda.mjs');
  const inputs = files.flatMap((f) => Object.keys(m.outputs[f]!.inputs));

  it(`loads at most ${INITIAL_BUDGET_BYTES} bytes before its first request`, () => {
    const bytes = files.reduce((n, f) => n + m.outputs[f]!.bytes, 0);
    console.log(`api/dist/lambda.mjs initial chunk: ${bytes} bytes in ${files.length} files`);
    expect(bytes).toBeGreaterThan(100_000);
    expect(bytes).toBeLessThanOrEqual(INITIAL_BUDGET_BYTES);
  });

  it('leaves the markdown renderer, the schemas, the OpenAPI builder, SSM and the importers to later chunks', () => {
    // ArkType's config module is there on purpose: lambda.ts sets jitless before any schema loads.
    for (const lazy of [
      'node_modules/markdown-it/',
      'node_modules/sanitize-html/',
      'node_modules/arktype/out/',
      'node_modules/hono-openapi/',
      'node_modules/@aws-sdk/client-ssm/',
      'node_modules/sql.js/',
      'src/contract/requests.ts',
      'src/portability/',
      'src/routes/admin.ts',
      'src/routes/comments.ts',
    ])
      expect(
        inputs.filter((i) => i.includes(lazy) && !i.endsWith('arktype/out/config.js')),
        lazy,
      ).toEqual([]);
    // What a thread read does need is there.
    expect(inputs.some((i) => i.endsWith('src/routes/thread.ts'))).toBe(true);
    expect(inputs.some((i) => i.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
  });
});
