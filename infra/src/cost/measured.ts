/** Where the per-operation figures come from: the last `npm run bench` (bench-results.json), else the committed copy. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { repoPath } from '../paths.js';
import type { Measured } from './model.js';

export const BENCH_RESULTS = repoPath('bench-results.json');
export const COMMITTED = fileURLToPath(new URL('./measured.json', import.meta.url));
const OPS = ['thread', 'thread304', 'counts', 'post', 'vote'] as const;

function parse(json: unknown): Measured | undefined {
  const r = json as {
    perOperation?: Record<string, Record<string, unknown>>;
    coldStartMs?: unknown;
    coldStart?: { lambdaMs?: unknown };
  };
  const ops = r?.perOperation;
  if (!ops) return undefined;
  for (const k of OPS) {
    for (const f of ['rru', 'wru', 'lambdaMs', 'responseBytes']) {
      if (typeof ops[k]?.[f] !== 'number' || !Number.isFinite(ops[k][f])) return undefined;
    }
  }
  const cold = Number(r.coldStartMs ?? r.coldStart?.lambdaMs);
  const pick = (o: Record<string, unknown>) => ({
    rru: o.rru as number,
    wru: o.wru as number,
    lambdaMs: o.lambdaMs as number,
    responseBytes: o.responseBytes as number,
  });
  return {
    perOperation: Object.fromEntries(OPS.map((k) => [k, pick(ops[k]!)])) as Measured['perOperation'],
    coldStartMs: Number.isFinite(cold) && cold > 0 ? cold : 400,
  };
}

/** The figures and a sentence saying which file (and run date) they came from. */
export function loadMeasured(benchFile = BENCH_RESULTS): { measured: Measured; source: string } {
  if (existsSync(benchFile)) {
    try {
      const json = JSON.parse(readFileSync(benchFile, 'utf8')) as { at?: string };
      const measured = parse(json);
      if (measured) return { measured, source: `${benchFile} (npm run bench, ${json.at ?? 'undated'})` };
    } catch {
      // An unreadable or partial bench file: fall back to the committed figures.
    }
  }
  const json = JSON.parse(readFileSync(COMMITTED, 'utf8')) as { at: string };
  return {
    measured: parse(json)!,
    source: `infra/src/cost/measured.json (last bench run committed, ${json.at})`,
  };
}
