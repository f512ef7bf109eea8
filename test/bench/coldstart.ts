/** Cold start: fresh Node processes importing the Lambda bundle and serving one request, against `node -e 0`. */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { lambdaCaller } from '../../api/src/testing/clients.js';
import { median } from './loadgen.js';

export interface ColdStartResult {
  runs: number;
  bareMs: number;
  lambdaMs: number;
  ratio: number;
  /** Inside the fresh process: import of the bundle, and the first invocation. */
  importMs: number;
  firstInvokeMs: number;
  bundleBytes: number;
  status: number;
  /** CPU time (user + system) of the whole process, less sensitive to a busy machine than wall time. */
  bareCpuMs: number;
  lambdaCpuMs: number;
  cpuRatio: number;
}

/** The HTTP API 2.0 event `lambdaCaller` would send for this request. */
export async function eventFor(method: string, path: string): Promise<unknown> {
  let captured: unknown;
  await lambdaCaller(async (event) => {
    captured = event;
    return { statusCode: 200 };
  })(method, path, { headers: { origin: 'http://127.0.0.1' } });
  return captured;
}

function timed(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; out: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      if (code === 0) resolve({ ms, out });
      else reject(new Error(`exit ${code}: ${err.slice(-1000)}`));
    });
  });
}

const CHILD = `
const t0 = performance.now();
const m = await import(process.argv[1]);
const t1 = performance.now();
const r = await m.handler(JSON.parse(process.argv[2]), { getRemainingTimeInMillis: () => 10000, awsRequestId: 'cold' });
const t2 = performance.now();
const u = process.cpuUsage();
process.stdout.write(JSON.stringify({ status: r.statusCode, importMs: t1 - t0, invokeMs: t2 - t1, cpuMs: (u.user + u.system) / 1000 }));
process.exit(0);
`;

export async function measureColdStart(opts: {
  bundle: string;
  bundleBytes: number;
  env: Record<string, string>;
  event: unknown;
  runs: number;
}): Promise<ColdStartResult> {
  // Only what the entry reads: a fresh process, nothing inherited.
  const env = { ...opts.env };
  const bare: number[] = [];
  const lambda: number[] = [];
  const imports: number[] = [];
  const invokes: number[] = [];
  const bareCpu: number[] = [];
  const lambdaCpu: number[] = [];
  const bareArgs = ['-e', 'const u=process.cpuUsage();process.stdout.write(String((u.user+u.system)/1000))'];
  let status = 0;
  const args = [
    '--no-warnings',
    '--input-type=module',
    '-e',
    CHILD,
    pathToFileURL(opts.bundle).href,
    JSON.stringify(opts.event),
  ];
  // Interleaved so machine noise hits both sides alike; one unmeasured run of each warms the file cache.
  await timed(['-e', '0'], env);
  await timed(args, env);
  for (let i = 0; i < opts.runs; i++) {
    bare.push((await timed(['-e', '0'], env)).ms);
    bareCpu.push(Number((await timed(bareArgs, env)).out));
    const run = await timed(args, env);
    lambda.push(run.ms);
    const parsed = JSON.parse(run.out) as {
      status: number;
      importMs: number;
      invokeMs: number;
      cpuMs: number;
    };
    lambdaCpu.push(parsed.cpuMs);
    status = parsed.status;
    imports.push(parsed.importMs);
    invokes.push(parsed.invokeMs);
  }
  const bareMs = median(bare);
  const lambdaMs = median(lambda);
  return {
    runs: opts.runs,
    bareMs,
    lambdaMs,
    ratio: lambdaMs / bareMs,
    importMs: median(imports),
    firstInvokeMs: median(invokes),
    bundleBytes: opts.bundleBytes,
    status,
    bareCpuMs: median(bareCpu),
    lambdaCpuMs: median(lambdaCpu),
    cpuRatio: median(lambdaCpu) / median(bareCpu),
  };
}
