/** Thread files for `npm start`: the stream poller feeding the same publisher as the Lambda, to the local folder. */
import type { Config } from '../config.js';
import { createFileStore } from '../publish/files.js';
import { createPublisher } from '../publish/handler.js';
import type { Store } from '../store/index.js';
import { openStream } from '../store/stream.js';
import { startStreamPoller } from './poller.js';

export interface LocalPublisher {
  /** Where the files go, for the start banner. */
  files: string;
  stop(): Promise<void>;
}

export async function startLocalPublisher(
  config: Config,
  store: Store,
  opts: { log?: (line: string) => void; intervalMs?: number } = {},
): Promise<LocalPublisher> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const files = createFileStore(config);
  const publisher = createPublisher({ store, files, log });
  const reader = openStream(config, 'LATEST');
  // The first poll places the shard iterators, so every change from now on is published.
  await reader.poll();
  const poller = startStreamPoller({
    reader,
    handle: (records) => publisher.handleBatch(records),
    intervalMs: opts.intervalMs,
    log,
  });
  return { files: files.describe, stop: () => poller.stop() };
}
