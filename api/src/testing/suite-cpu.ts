/**
 * An opt-in ledger of what each suite costs in CPU, for finding where a full run's time goes (the machine's
 * cores are saturated in a full run, so wall times say little): with `AFTERWORD_SUITE_CPU=<file>` set, every
 * suite appends one JSON line: its file, its wall time, the CPU of its worker (with the children it started
 * and reaped: browsers, servers) and of the worker's DynamoDB Local. Off by default; nothing is written.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { processCpuMs } from './cpu-clock.js';

/** User + system CPU ms of this process and of the children it has reaped (/proc/self/stat cutime, cstime). */
function selfAndReapedMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** Starts measuring a suite; the returned function writes its line (when a ledger file is set). */
export function startSuiteCpu(file: string | undefined, suite: string, dynamoPid?: number): () => void {
  if (!file) return () => {};
  const wall = performance.now();
  const self = selfAndReapedMs();
  const java = dynamoPid ? processCpuMs(dynamoPid) : 0;
  return () => {
    const line = {
      suite,
      wallMs: Math.round(performance.now() - wall),
      workerCpuMs: Math.round(selfAndReapedMs() - self),
      dynamoCpuMs: dynamoPid ? Math.round(processCpuMs(dynamoPid) - java) : 0,
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  };
}
