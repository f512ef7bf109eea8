/** The local stack: DynamoDB Local (unless DYNAMODB_ENDPOINT is set), the table, the demo site, the servers. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { endpointFile } from '../api/src/cli/context.js';
import type { Config } from '../api/src/config.js';
import type { Reaction } from '../api/src/contract/reactions.js';
import { ensureDemoModerator } from '../api/src/domain/auth-seed.js';
import { type LocalRefresher, startLocalRefresher } from '../api/src/domain/remote/local.js';
import { type RunningServer, startServer } from '../api/src/server.js';
import { createStore, type Store } from '../api/src/store/index.js';
import { type LocalDynamo, startLocalDynamo } from '../api/src/store/local.js';
import { type LocalNotifications, startLocalNotifications } from '../api/src/stream/local-notify.js';
import { type LocalPublisher, startLocalPublisher } from '../api/src/stream/local-publish.js';
import { type DemoServer, startDemoServer } from '../demo-site/server.js';

export interface Stack {
  config: Config;
  store: Store;
  api: RunningServer;
  demo: DemoServer;
  dynamo?: LocalDynamo;
  /** Owner of the demo site, for the admin page (password generated once into the data dir). */
  demoModerator: { email: string; password: string };
  /** Mail and webhooks fed from the table's stream (mail goes to `notify.mail`). */
  notify: LocalNotifications;
  /** Thread files fed from the same stream, served by the API server at `/files/...`. */
  publish: LocalPublisher;
  /** Replies from Mastodon and Bluesky for the linked pages, on a timer as on AWS. */
  refresh: LocalRefresher;
  stop(): Promise<void>;
}

export const DEMO_SITE = 'demo';
/** The reactions the demo site offers on comments, in the palette's order (contract/reactions.ts). */
export const DEMO_REACTIONS: Reaction[] = ['👍', '❤️', '😂', '🎉', '🤔'];

/** Demo blog origins the seeded `demo` site allows. */
export function demoOrigins(demoPort: number): string[] {
  return [`http://localhost:${demoPort}`, `http://127.0.0.1:${demoPort}`];
}

export async function startStack(config: Config, log: (line: string) => void = () => {}): Promise<Stack> {
  let dynamo: LocalDynamo | undefined;
  let cfg = config;
  if (!cfg.dynamodbEndpoint) {
    const dir = join(cfg.dataDir, 'dynamodb');
    mkdirSync(dir, { recursive: true });
    // Not the ports this stack is about to listen on (0 = the system picks, no clash).
    dynamo = await startLocalDynamo({ dataDir: dir, avoidPorts: [cfg.port, cfg.demoPort] });
    cfg = { ...cfg, dynamodbEndpoint: dynamo.endpoint };
    writeFileSync(endpointFile(cfg.dataDir), `${dynamo.endpoint}\n`);
    log(`DynamoDB Local (data in ${dir}) at ${dynamo.endpoint}`);
  }
  const store = createStore(cfg);
  const { created } = await store.ensureTable();
  if (created) log(`created table ${cfg.table}`);
  // Data from a version before the listed/hidden ranges: its hidden comments move to their range.
  const moved = created ? 0 : await store.ranges.moveHiddenOutOfListed();
  if (moved) log(`moved ${moved} hidden comments to their pages' hidden range`);
  // Data from a version before the private record: markdown and addresses move off the page's items.
  const split = created ? 0 : await store.privateRecords.movePrivateToRecords();
  if (split) log(`moved the private fields of ${split} comments to their records`);
  // Data from a version before the top index: voted comments get its keys (ensureTable added the index).
  const ranked = created ? 0 : await store.topKeys.fixTopKeys();
  if (ranked) log(`set the top index keys of ${ranked} voted comments`);
  // Posts a stopped server left between their writes (store/post-write.ts) are finished.
  const posts = created ? 0 : await store.posts.finishPosts(Date.now());
  if (posts) log(`finished ${posts} posts left between their writes`);
  // Listens now (the demo site needs its URL) but answers the API only once seeding is done.
  const api = await startServer(cfg, store, { host: '127.0.0.1', waitForReady: true });
  const apiUrl = `http://localhost:${new URL(api.url).port}`;
  const demo = await startDemoServer({ port: cfg.demoPort, apiUrl, countSite: DEMO_SITE });
  const origins = demoOrigins(Number(new URL(demo.url).port));
  const site = await store.sites.get(DEMO_SITE);
  // Readers of the demo may sign in (email link, passkey) or stay anonymous, and react to comments and posts.
  const readers = { email: true, passkey: true, editsAnytime: true };
  const reactions = { comments: DEMO_REACTIONS, page: ['👍', '❤️', '🎉'] as Reaction[] };
  if (!site) {
    await store.sites.put(
      DEMO_SITE,
      { name: 'Afterword demo blog', origins, moderation: 'none', readers, reactions },
      'create',
    );
    log(`created site "${DEMO_SITE}" for ${origins.join(', ')}`);
  } else if (origins.some((o) => !site.origins.includes(o)) || !site.readers || !site.reactions) {
    await store.sites.put(
      DEMO_SITE,
      {
        origins: [...new Set([...site.origins, ...origins])],
        readers: site.readers ?? readers,
        reactions: site.reactions ?? reactions,
      },
      'update',
    );
  }
  const demoModerator = await ensureDemoModerator(store, cfg.dataDir, DEMO_SITE);
  const notify = await startLocalNotifications(cfg, store, { publicUrl: apiUrl, log });
  const publish = await startLocalPublisher(cfg, store, { log });
  log(`thread files in ${publish.files}, served at ${apiUrl}/files/`);
  const refresh = startLocalRefresher(cfg, store, { log });
  api.markReady();
  return {
    config: cfg,
    store,
    api,
    demo,
    dynamo,
    demoModerator,
    notify,
    publish,
    refresh,
    async stop() {
      await refresh.stop();
      await publish.stop();
      await notify.stop();
      await demo.close();
      await api.close();
      store.close();
      if (dynamo) {
        await dynamo.stop();
        rmSync(endpointFile(cfg.dataDir), { force: true });
      }
    },
  };
}
