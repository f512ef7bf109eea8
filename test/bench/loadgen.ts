/** A small load generator: N concurrent loops calling one operation, bounded by a count and a time. */

export interface LoadOptions {
  connections: number;
  /** Stop after this many requests in all. */
  maxRequests: number;
  /** Stop after this long (ms), warm-up excluded. */
  maxMs: number;
  /** Run this long first without measuring (ms). */
  warmupMs?: number;
}

export interface LoadResult {
  connections: number;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  /** Status (or error name) → how many. */
  outcomes: Record<string, number>;
}

/** One call: resolves to a status-like outcome (e.g. "200"); throws count as errors. */
export type Operation = () => Promise<string>;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function median(values: number[]): number {
  const s = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function loops(op: Operation, opts: LoadOptions, until: number, record: boolean) {
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  let started = 0;
  let errors = 0;
  async function loop() {
    while (performance.now() < until && started < opts.maxRequests) {
      started++;
      const t0 = performance.now();
      let outcome: string;
      try {
        outcome = await op();
      } catch (err) {
        errors++;
        outcome = (err as Error).name || 'error';
      }
      if (record) {
        latencies.push(performance.now() - t0);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
    }
  }
  await Promise.all(Array.from({ length: opts.connections }, loop));
  return { latencies, outcomes, errors };
}

/** Runs the loops and reports throughput and latency percentiles (ms) of the measured part. */
export async function runLoad(op: Operation, opts: LoadOptions): Promise<LoadResult> {
  if (opts.warmupMs)
    await loops(
      op,
      { ...opts, maxRequests: Number.POSITIVE_INFINITY },
      performance.now() + opts.warmupMs,
      false,
    );
  const t0 = performance.now();
  const { latencies, outcomes, errors } = await loops(op, opts, t0 + opts.maxMs, true);
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    connections: opts.connections,
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    outcomes,
  };
}
