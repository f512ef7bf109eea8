/** Notifications for `npm start`: the stream poller feeding the notify handler, mail to the configured transport. */
import type { Config } from '../config.js';
import { createNotifier } from '../notify/handler.js';
import { createTransport } from '../notify/transport.js';
import type { Store } from '../store/index.js';
import { openStream } from '../store/stream.js';
import { perRecord, startStreamPoller } from './poller.js';

export interface LocalNotifications {
  /** Where mail goes, for the start banner. */
  mail: string;
  stop(): Promise<void>;
}

export async function startLocalNotifications(
  config: Config,
  store: Store,
  opts: { publicUrl: string; log?: (line: string) => void; intervalMs?: number },
): Promise<LocalNotifications> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const transport = createTransport(config, { log });
  const notifier = createNotifier({
    config: { ...config, publicUrl: config.publicUrl ?? opts.publicUrl },
    store,
    transport,
    log,
  });
  const reader = openStream(config, 'LATEST');
  // The first poll places the shard iterators, so every change from now on is seen.
  await reader.poll();
  const poller = startStreamPoller({
    reader,
    // Per record, so a delivery that failed only because storage was down is retried, never skipped.
    handle: perRecord((record) => notifier.handleRecord(record), log),
    intervalMs: opts.intervalMs,
    log,
  });
  return {
    mail: transport.describe,
    async stop() {
      await poller.stop();
      transport.close();
    },
  };
}
