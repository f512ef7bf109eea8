/** What every CLI command gets: config, a store on the right DynamoDB, output helpers. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, loadConfig } from '../config.js';
import { createStore, type Store } from '../store/index.js';
import { type LocalDynamo, startLocalDynamo } from '../store/local.js';

export interface CliContext {
  config: Config;
  store: Store;
  out: (line: string) => void;
  err: (line: string) => void;
  close(): Promise<void>;
}

/** File where `npm start` records the endpoint of the DynamoDB Local it runs. */
export const endpointFile = (dataDir: string) => join(dataDir, 'dynamodb-endpoint');

/**
 * Picks storage: `DYNAMODB_ENDPOINT` if set; `--aws` for real DynamoDB; else the DynamoDB Local that
 * `npm start` is running; else a DynamoDB Local of our own on the data directory.
 */
export async function openContext(opts: {
  aws: boolean;
  env?: Record<string, string | undefined>;
}): Promise<CliContext> {
  const env = opts.env ?? process.env;
  let config = loadConfig(env, opts.aws ? {} : {});
  let local: LocalDynamo | undefined;
  if (!config.dynamodbEndpoint && !opts.aws) {
    const file = endpointFile(config.dataDir);
    const running = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
    if (running && (await reachable(running))) {
      config = { ...config, dynamodbEndpoint: running };
    } else {
      local = await startLocalDynamo({ dataDir: join(config.dataDir, 'dynamodb') });
      config = { ...config, dynamodbEndpoint: local.endpoint };
    }
  }
  const store = createStore(config);
  if (config.dynamodbEndpoint) await store.ensureTable();
  return {
    config,
    store,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    async close() {
      store.close();
      await local?.stop();
    },
  };
}

async function reachable(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
    return res.status > 0;
  } catch {
    return false;
  }
}
