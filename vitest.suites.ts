/** Which suites need DynamoDB Local (Java) or Chromium, decided by what each suite and its test helpers use. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOTS = ['api', 'widget', 'infra', 'test', 'scripts'];
const SKIP = new Set(['node_modules', 'dist', 'cdk.out', '.data', 'test-artifacts']);

/**
 * What makes a suite need Java: a table on the run's DynamoDB Local (the harness, the CLI capture, the
 * worker's endpoint), its own DynamoDB Local, or the whole local stack (`scripts/start.ts` runs one).
 * Chromium: playwright (the browser is launched through it).
 */
const NEEDS_JAVA = /\bcreateHarness\(|\bcaptureCli\(|\brunEndpoint\(|\bstartLocalDynamo\(|scripts\/start\.ts/;
const NEEDS_CHROMIUM = /from\s+['"]playwright(-core)?['"]|import\(\s*['"]playwright(-core)?['"]/;

/** Test helpers are followed through their imports; the code under test is not (it only defines these). */
const HELPER = /(^|\/)(testing|support)(\/|\.tsx?$)|\.(testkit|support)\.tsx?$/;
const IMPORT =
  /^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

export interface Needs {
  java: boolean;
  chromium: boolean;
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec).replace(/\.js$/, '');
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p));
}

/** The needs of one suite: its own source and every test helper it imports, transitively. */
export function needsOf(file: string): Needs {
  const needs: Needs = { java: false, chromium: false };
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const src = readFileSync(path, 'utf8');
    needs.java ||= NEEDS_JAVA.test(src);
    needs.chromium ||= NEEDS_CHROMIUM.test(src);
    for (const m of src.matchAll(IMPORT)) {
      const target = resolveImport(path, (m[1] ?? m[2])!);
      if (target && HELPER.test(target.replaceAll('\\', '/'))) visit(target);
    }
  };
  visit(resolve(file));
  return needs;
}

function walk(dir: string, out: string[]) {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
}

/** Every suite of the repo, split into those that need neither Java nor Chromium (`unit`) and the rest. */
export function partitionSuites(root: string): { unit: string[]; integration: string[] } {
  const files: string[] = [];
  for (const r of ROOTS) walk(join(root, r), files);
  const unit: string[] = [];
  const integration: string[] = [];
  for (const f of files.sort()) {
    const { java, chromium } = needsOf(f);
    (java || chromium ? integration : unit).push(relative(root, f).replaceAll('\\', '/'));
  }
  return { unit, integration };
}
