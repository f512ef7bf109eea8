/** The bench's printed table and its budget verdicts (DESIGN.md section 6). */

import { BUDGET_BYTES } from '../../widget/src/budgets.js';
import type { ColdStartResult } from './coldstart.js';
import type { OpCost } from './ops.js';
import type { PublishResult } from './publish.js';
import type { WidgetResult } from './widget.js';

/** The cold GET before the split, in multiples of its run's `node -e 0` (382 ms against 29 ms). */
const COLD_GET_BEFORE = 13.06;

export interface LoadSummary {
  rps: number;
  p50: number;
  p99: number;
  outcomes?: Record<string, number>;
}

export interface PairSummary {
  api: LoadSummary;
  raw: LoadSummary;
  ratio: number;
}

export interface BenchResults {
  at: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; loadavg: string };
  widget: WidgetResult;
  /** Publish latency on the `npm start` stack (absent in results of a bench before it). */
  publish?: PublishResult;
  /** When `--only publish` last refreshed `publish` and `widget`. */
  publishAt?: string;
  perOperation: Record<string, OpCost>;
  throughput: Record<string, Record<string, PairSummary>>;
  scaling: { p50Ms10: number; p50Ms10000: number; ratio: number };
  coldStart: ColdStartResult;
}

export interface Verdict {
  what: string;
  budget: string;
  measured: string;
  ok: boolean | undefined;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const round2 = (n: number) => Math.round(n * 100) / 100;

export function verdicts(r: BenchResults): Verdict[] {
  const fv = r.widget.firstView;
  const pub = r.publish;
  const t10 = r.throughput.thread?.c10;
  const ops = r.perOperation;
  return [
    {
      what: 'widget JS+CSS for a first view (gzip)',
      budget: `<= ${BUDGET_BYTES / 1024} KB`,
      measured: fv ? kb(fv.bytes.gzip) : 'not measured (widget not built)',
      ok: fv ? fv.bytes.gzip <= BUDGET_BYTES : undefined,
    },
    {
      what: 'first view of 30 comments: requests (reaching the API; third-party)',
      budget: '2 (0; 0)',
      measured: fv ? `${fv.requests} (${fv.apiRequests ?? 'not counted'}; ${fv.thirdParty})` : 'not measured',
      ok: fv ? fv.requests <= 2 && fv.apiRequests === 0 && fv.thirdParty === 0 : undefined,
    },
    {
      what: `publish latency, POST answered to file shows it (${pub?.posts ?? 50} posts), p50 / p99`,
      budget: '<= 1.5 s / <= 5 s',
      measured: pub
        ? `${(pub.p50Ms / 1000).toFixed(2)} s / ${(pub.p99Ms / 1000).toFixed(2)} s`
        : 'not measured',
      ok: pub ? pub.p50Ms <= 1500 && pub.p99Ms <= 5000 : undefined,
    },
    {
      what: 'GET thread (30) at 10 connections vs raw Query',
      budget: '>= 0.5x',
      measured: t10 ? `${t10.ratio}x (${t10.api.rps} vs ${t10.raw.rps} req/s)` : 'n/a',
      ok: t10 ? t10.ratio >= 0.5 : undefined,
    },
    {
      what: 'conditional GET (304)',
      budget: 'one small read, no comment reads',
      measured: `${ops.thread304?.commands.join('+')} = ${ops.thread304?.rru} RRU`,
      ok: ops.thread304?.status === 304 && ops.thread304.commands.join() === 'GetItem',
    },
    {
      what: `Lambda cold start vs the SDK-only floor (${r.coldStart.node})`,
      budget: '<= 1.25x',
      measured: `${r.coldStart.ratioToFloor.toFixed(2)}x (${r.coldStart.lambdaMs.toFixed(0)} vs ${r.coldStart.floorMs.toFixed(0)} ms)`,
      ok: r.coldStart.ratioToFloor <= 1.25,
    },
    {
      // DESIGN §6 asks 2.5x, under what Node needs to import the SDK alone (the floor above is ~4x);
      // issue 15 set 5.5x beside the floor's 1.25x.
      what: 'Lambda cold start vs node -e 0 (DESIGN: 2.5x)',
      budget: '<= 5.5x',
      measured: `${r.coldStart.ratio.toFixed(2)}x (${r.coldStart.lambdaMs.toFixed(0)} vs ${r.coldStart.bareMs.toFixed(0)} ms; CPU ${r.coldStart.cpuRatio.toFixed(1)}x)`,
      ok: r.coldStart.ratio <= 5.5,
    },
    {
      // The cold GET before the split: 382 ms against node -e 0's 29 ms in its run, 13.06x (issue 15: 13-16x).
      // Measured against the same run's node -e 0, as the machine's speed differs from day to day.
      what: 'cold POST (first write after a cold start) vs cold GET',
      budget: `not slower than the cold GET before the split: <= ${COLD_GET_BEFORE}x node -e 0 (382 vs 29 ms)`,
      measured: `${(r.coldStart.postMs / r.coldStart.bareMs).toFixed(2)}x (${r.coldStart.postMs.toFixed(0)} vs ${r.coldStart.bareMs.toFixed(0)} ms; status ${r.coldStart.postStatus}; first invoke ${r.coldStart.postFirstInvokeMs.toFixed(0)} ms; GET ${r.coldStart.lambdaMs.toFixed(0)} ms)`,
      ok: r.coldStart.postStatus === 201 && r.coldStart.postMs / r.coldStart.bareMs <= COLD_GET_BEFORE,
    },
    {
      what: 'thread page RRU',
      budget: '<= 3',
      measured: String(ops.thread?.rru),
      ok: (ops.thread?.rru ?? 99) <= 3,
    },
    {
      what: 'counts for 20 pages: DynamoDB requests',
      budget: '1',
      measured: `${ops.counts?.dynamoCalls} (${ops.counts?.commands.join('+')})`,
      ok: ops.counts?.dynamoCalls === 1,
    },
    {
      // store/top.ts: the index entries and the page's comments by key, never the whole thread.
      what: 'sort=top page (30) of the 10,000-comment thread: RRU',
      budget: '<= 20 (was up to 5,000 items, ~370 RRU)',
      measured: ops.top ? `${ops.top.rru} (${ops.top.commands.join('+')})` : 'not measured',
      ok: ops.top ? ops.top.rru <= 20 : undefined,
    },
    {
      what: 'post WRU',
      budget: '<= 6',
      measured: `${ops.post?.wru} (table ${round2((ops.post?.wru ?? 0) - (ops.post?.indexWru ?? 0))}, indexes ${ops.post?.indexWru})`,
      ok: (ops.post?.wru ?? 99) <= 6,
    },
  ];
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(rows[0]!),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

/** Markdown tables (also pasted into the README's Benchmarks section). */
export function renderReport(r: BenchResults): string {
  const out: string[] = [];
  out.push(
    `Machine: ${r.machine.cpus} CPU (${r.machine.cpuModel}), ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, load ${r.machine.loadavg}\n`,
  );
  out.push(
    table([
      ['budget', 'target', 'measured', 'verdict'],
      ...verdicts(r).map((v) => [
        v.what,
        v.budget,
        v.measured,
        v.ok === undefined ? 'skipped' : v.ok ? 'ok' : 'MISSED',
      ]),
    ]),
  );
  const rows = [
    [
      'operation',
      'conns',
      'API req/s',
      'p50 ms',
      'p99 ms',
      'raw DynamoDB req/s',
      'raw p50 ms',
      'ratio',
      'API answers',
    ],
  ];
  for (const [name, byConn] of Object.entries(r.throughput)) {
    for (const [c, s] of Object.entries(byConn)) {
      rows.push([
        name,
        c.slice(1),
        String(s.api.rps),
        s.api.p50.toFixed(2),
        s.api.p99.toFixed(2),
        String(s.raw.rps),
        s.raw.p50.toFixed(2),
        `${s.ratio}x`,
        Object.entries(s.api.outcomes ?? {})
          .map(([k, n]) => `${k}: ${n}`)
          .join(' '),
      ]);
    }
  }
  out.push(`\n${table(rows)}`);
  out.push(
    `\n${table([
      ['per operation', 'RRU', 'WRU', 'DynamoDB calls', 'handler ms', 'response bytes'],
      ...Object.entries(r.perOperation).map(([k, o]) => [
        k,
        String(o.rru),
        String(o.wru),
        o.commands.join('+'),
        o.lambdaMs.toFixed(2),
        String(o.responseBytes),
      ]),
    ])}`,
  );
  const cs = r.coldStart;
  out.push(
    `\nCold start (${cs.node}, median of ${cs.runs} interleaved): node -e 0 ${cs.bareMs.toFixed(0)} ms; SDK-only floor (import ${cs.floorImportMs.toFixed(0)} ms, two reads ${cs.floorFirstInvokeMs.toFixed(0)} ms) ${cs.floorMs.toFixed(0)} ms; import + first GET ${cs.lambdaMs.toFixed(0)} ms (import ${cs.importMs.toFixed(0)} ms, first invoke ${cs.firstInvokeMs.toFixed(0)} ms; initial chunk ${kb(cs.bundleBytes)}) = ${cs.ratio.toFixed(2)}x node -e 0, ${cs.ratioToFloor.toFixed(2)}x the floor; import + first POST ${cs.postMs.toFixed(0)} ms (first invoke ${cs.postFirstInvokeMs.toFixed(0)} ms); CPU time ${cs.lambdaCpuMs.toFixed(0)} vs ${cs.bareCpuMs.toFixed(0)} ms = ${cs.cpuRatio.toFixed(2)}x`,
  );
  out.push(
    `Scaling: first page p50 ${r.scaling.p50Ms10} ms on 10 comments, ${r.scaling.p50Ms10000} ms on 10,000 = ${r.scaling.ratio}x`,
  );
  const w = r.widget;
  if (w.skipped) out.push(`Widget: ${w.skipped}`);
  if (Object.keys(w.files).length > 0) {
    out.push(
      `\n${table([
        ['widget file', 'raw', 'gzip', 'brotli'],
        ...Object.entries(w.files).map(([f, s]) => [f, String(s.raw), String(s.gzip), String(s.brotli)]),
        ...(w.firstView
          ? [
              [
                'first view (JS+CSS)',
                String(w.firstView.bytes.raw),
                String(w.firstView.bytes.gzip),
                String(w.firstView.bytes.brotli),
              ],
            ]
          : []),
      ])}`,
    );
  }
  if (w.firstView) {
    out.push(`First view requests (${w.firstView.requests}): ${w.firstView.requestList.join(', ')}`);
    if (w.firstView.apiRequestList)
      out.push(
        `Reaching the API server (${w.firstView.apiRequests}): ${w.firstView.apiRequestList.join(', ') || 'none'}`,
      );
  }
  const si = w.firstViewSignIn;
  if (w.firstView && si) {
    const same = (a: string[], b: string[]) =>
      JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
    const path = (r: string) => r.replace(/^(\S+ )https?:\/\/[^/]+/, '$1');
    out.push(
      `With reader sign-in offered, a reader who never signs in: ${si.bytes.gzip} B gzip JS+CSS (${si.bytes.gzip - w.firstView.bytes.gzip >= 0 ? '+' : ''}${si.bytes.gzip - w.firstView.bytes.gzip}), ${si.requests} requests (${si.requests - w.firstView.requests >= 0 ? '+' : ''}${si.requests - w.firstView.requests}); same assets: ${same(si.assets, w.firstView.assets)}; same requests: ${same(si.requestList.map(path), w.firstView.requestList.map(path))}; reaching the API server: ${si.apiRequests ?? '?'}`,
    );
  }
  if (r.publish)
    out.push(
      `Publish latency over ${r.publish.posts} posts on the npm start stack (file checked every ${r.publish.checkEveryMs} ms): p50 ${r.publish.p50Ms} ms, p99 ${r.publish.p99Ms} ms, max ${r.publish.maxMs} ms`,
    );
  return out.join('\n');
}

export function printReport(r: BenchResults): void {
  console.log(renderReport(r));
}
