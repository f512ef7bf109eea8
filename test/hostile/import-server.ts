/**
 * The Node server (api/src/server.ts) in a process of its own for the hostile import suite: started with
 * --expose-gc and its config as one JSON argument; tells its URL over IPC and answers `memory` after a GC.
 * `watch` starts a forced GC every 100 ms, noting the largest live heap; `peak` stops it and tells it, with the longest the event loop was held.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../../api/src/config.js';
import { startServer } from '../../api/src/server.js';
import { createDb } from '../../api/src/store/client.js';
import { createStore } from '../../api/src/store/index.js';

const given = JSON.parse(process.argv[2] ?? '{}');
const config = loadConfig({}, { ...given, port: 0, dataDir: '/nonexistent', siteCacheMs: 0 });
const store = createStore(config, createDb(config));
const server = await startServer(config, store, { staticRoot: '/nonexistent' });
const gc = (globalThis as { gc?: () => void }).gc;

let watching: NodeJS.Timeout | undefined;
let livePeak = 0;
const lag = monitorEventLoopDelay({ resolution: 10 });

process.on('message', (m) => {
  if (m === 'watch') {
    livePeak = 0;
    lag.reset();
    lag.enable();
    watching = setInterval(() => {
      gc?.();
      livePeak = Math.max(livePeak, process.memoryUsage().heapUsed);
    }, 100);
  } else if (m === 'peak') {
    clearInterval(watching);
    lag.disable();
    process.send?.({ livePeak, lagMs: lag.max / 1e6 });
  } else if (m === 'memory') {
    gc?.();
    gc?.();
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
    process.send?.({ rss, heapUsed, external, arrayBuffers });
  }
});
process.on('disconnect', () => {
  void server.close().finally(() => process.exit(0));
});
process.send?.({ url: server.url });
