/** The refresher in `npm start`: the same bounded run as the Lambda's, on a timer (one run at a time). */
import type { Config } from '../../config.js';
import type { Store } from '../../store/index.js';
import { type RefreshResult, refreshDue, remoteEnv } from './refresh.js';

export interface LocalRefresher {
  /** One run now (after the one under way, if any); what it did. */
  runNow(): Promise<RefreshResult>;
  stop(): Promise<void>;
}

export function startLocalRefresher(
  config: Config,
  store: Store,
  opts: { everyMs?: number; log?: (line: string) => void } = {},
): LocalRefresher {
  const env = remoteEnv(config, store, () => new Date());
  let running: Promise<RefreshResult> | undefined;
  const run = async (): Promise<RefreshResult> => {
    await running?.catch(() => undefined);
    running = refreshDue(env, { limit: 25 });
    try {
      const result = await running;
      if (result.pages > 0)
        opts.log?.(
          `remote replies: ${result.pages} pages, ${result.created} new, ${result.updated} edited, ${result.removed} removed`,
        );
      return result;
    } finally {
      running = undefined;
    }
  };
  // A minute between runs: each page is taken when its decayed time comes (10 minutes at the soonest).
  const timer = setInterval(() => {
    if (!running) run().catch((err: unknown) => opts.log?.(`remote replies: ${(err as Error).message}`));
  }, opts.everyMs ?? 60_000);
  timer.unref();
  return {
    runNow: run,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
