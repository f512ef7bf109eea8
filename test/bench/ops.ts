/** Per-operation cost: DynamoDB units, DynamoDB calls, in-process handler time and response size, one request at a time. */
import type { App } from '../../api/src/app.js';
import type { CapacityCall, CapacityRecorder } from './capacity.js';
import { round } from './capacity.js';
import { median } from './loadgen.js';

export interface OpCost {
  rru: number;
  wru: number;
  /** Of `wru`, the units the secondary indexes took. */
  indexWru: number;
  /** DynamoDB requests per operation and their kinds. */
  dynamoCalls: number;
  commands: string[];
  /** Median in-process handler time (app.request), ms. */
  lambdaMs: number;
  responseBytes: number;
  status: number;
}

export interface OpSample {
  status: number;
  bytes: number;
  ms: number;
  rru: number;
  wru: number;
  indexWru: number;
  calls: CapacityCall[];
}

/** Runs `make(i)` `n` times (after 3 warm-ups) and returns the medians, plus the calls of the last run. */
export async function measureOp(
  app: App,
  rec: CapacityRecorder,
  n: number,
  make: (i: number) => { path: string; init?: RequestInit },
): Promise<{ cost: OpCost; last: OpSample }> {
  const samples: OpSample[] = [];
  for (let i = 0; i < n + 3; i++) {
    const { path, init } = make(i);
    rec.reset();
    const t0 = performance.now();
    const res = await app.request(path, init);
    const body = await res.arrayBuffer();
    const ms = performance.now() - t0;
    const t = rec.totals();
    if (i >= 3)
      samples.push({
        status: res.status,
        bytes: body.byteLength,
        ms,
        rru: t.rru,
        wru: t.wru,
        indexWru: t.indexWru,
        calls: [...rec.calls],
      });
  }
  const last = samples[samples.length - 1]!;
  return {
    cost: {
      rru: median(samples.map((s) => s.rru)),
      wru: median(samples.map((s) => s.wru)),
      indexWru: median(samples.map((s) => s.indexWru)),
      dynamoCalls: median(samples.map((s) => s.calls.length)),
      commands: last.calls.map((c) => c.command),
      lambdaMs: round(median(samples.map((s) => s.ms))),
      responseBytes: median(samples.map((s) => s.bytes)),
      status: last.status,
    },
    last,
  };
}
