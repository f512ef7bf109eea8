/**
 * A clock of CPU time: what this process and the named others (its DynamoDB Local) have spent since it
 * started, read from /proc. It runs at the speed of the work done, not of the wall clock, so a machine busy
 * with other work (the rest of the suite, stress-ng) does not make a simulated deadline pass sooner.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SEC = 100;

/** User plus system CPU milliseconds of a process, or 0 when it cannot be read (not Linux, gone). */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SEC;
  } catch {
    return 0;
  }
}

/** Milliseconds of CPU spent by this process and `others` since the call. */
export function cpuClock(others: number[] = []): () => number {
  const self = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const now = () => self() + others.reduce((sum, pid) => sum + processCpuMs(pid), 0);
  const start = now();
  return () => now() - start;
}
