/**
 * The Node server (api/src/server.ts) in a process of its own for the hostile import suite: started with
 * --expose-gc and its config as one JSON argument; tells its URL over IPC and answers `memory` after a GC.
 * `watch` starts a forced GC every 100 ms, noting the largest live heap; `peak` stops it and tells it, with the longest the event loop was held.
 */
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
let ticking: NodeJS.Timeout | undefined;
let livePeak = 0;
let heldMs = 0;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * The longest the event loop was held, as the CPU time this process spent between two 10 ms ticks (at most
 * the time between them): a loop that runs late because the machine gave the process no core is not held.
 */
function watchLoop() {
  let last = performance.now();
  let lastCpu = cpuMs();
  heldMs = 0;
  ticking = setInterval(() => {
    const now = performance.now();
    const cpu = cpuMs();
    heldMs = Math.max(heldMs, Math.min(now - last, cpu - lastCpu));
    last = now;
    lastCpu = cpu;
  }, 10);
}

process.on('message', (m) => {
  if (m === 'watch') {
    livePeak = 0;
    watchLoop();
    watching = setInterval(() => {
      gc?.();
      livePeak = Math.max(livePeak, process.memoryUsage().heapUsed);
    }, 100);
  } else if (m === 'peak') {
    clearInterval(watching);
    clearInterval(ticking);
    process.send?.({ livePeak, lagMs: heldMs });
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
