/** The CPU clock moves with work done, not with time waited. */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { cpuClock, processCpuMs } from './cpu-clock.js';

it('does not move while the process waits, moves while it computes', async () => {
  const clock = cpuClock();
  await sleep(300);
  expect(clock()).toBeLessThan(100);
  const before = clock();
  // A fixed amount of work (about 100 ms of CPU here), however long a busy machine makes it take.
  let x = 0;
  for (let i = 0; i < 5e7; i++) x += i % 7;
  expect(x).toBeGreaterThan(0);
  expect(clock() - before).toBeGreaterThan(30);
});

it('counts the CPU of another process, and 0 for one that does not exist', async () => {
  const child = spawn(process.execPath, ['-e', 'const t=Date.now()+3000;while(Date.now()<t);']);
  try {
    await new Promise((r) => child.once('spawn', r));
    const clock = cpuClock([child.pid!]);
    await sleep(1000);
    // This process slept: what the clock shows is the child's busy loop.
    expect(clock()).toBeGreaterThan(100);
  } finally {
    child.kill();
  }
  expect(processCpuMs(2 ** 30)).toBe(0);
});
