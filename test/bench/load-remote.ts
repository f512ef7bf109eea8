/** Parent side of the load generator: forks load-child.ts once and runs jobs in it, one at a time. */
import { type ChildProcess, fork } from 'node:child_process';
import type { Job } from './load-child.js';
import type { LoadResult } from './loadgen.js';

export interface LoadGenerator {
  run(job: Job): Promise<LoadResult>;
  close(): void;
}

export function startLoadGenerator(): LoadGenerator {
  const child: ChildProcess = fork(new URL('./load-child.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx', '--no-warnings'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    run(job) {
      return new Promise((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`load generator exited (${code})`));
        child.once('exit', onExit);
        child.once('message', (m: { ok: boolean; result?: LoadResult; error?: string }) => {
          child.off('exit', onExit);
          if (m.ok && m.result) resolve(m.result);
          else reject(new Error(m.error ?? 'load generator failed'));
        });
        child.send(job);
      });
    },
    close() {
      child.disconnect();
    },
  };
}
