/** Lambda entry of the remote-replies refresher (issue 18): an EventBridge schedule runs one bounded refresh of the due pages. */
import type { Context } from 'aws-lambda';
import { loadConfig } from './config.js';
import { type RefreshResult, refreshDue, remoteEnv } from './domain/remote/refresh.js';
import type { RemoteEnv } from './domain/remote/sync.js';
import { resolveSecret } from './secret.js';
import { createStore } from './store/index.js';

/** Pages per run: a run every 10 minutes keeps up with a few hundred linked pages in their first day. */
export const PAGES_PER_RUN = 25;

let ready: Promise<RemoteEnv> | undefined;

async function init(): Promise<RemoteEnv> {
  const config = loadConfig(process.env, { secret: await resolveSecret(process.env) });
  return remoteEnv(config, createStore(config), () => new Date());
}

/** Any event runs one refresh (the schedule's, or a manual invoke); it stops while time is left. */
export async function handler(
  _event: unknown,
  context?: Pick<Context, 'getRemainingTimeInMillis'>,
): Promise<RefreshResult> {
  ready ??= init().catch((err) => {
    ready = undefined;
    throw err;
  });
  const env = await ready;
  const result = await refreshDue(env, {
    limit: PAGES_PER_RUN,
    ...(context ? { remainingMs: () => context.getRemainingTimeInMillis() } : {}),
  });
  console.log(JSON.stringify({ refresh: result }));
  return result;
}
