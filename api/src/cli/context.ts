/** What every CLI command gets: config, a store on the right DynamoDB, output helpers. */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

type Env = Record<string, string | undefined>;

/** File where `npm start` records the endpoint of the DynamoDB Local it runs. */
export const endpointFile = (dataDir: string) => join(dataDir, 'dynamodb-endpoint');

/** The repository root: the first folder above this module whose package.json lists workspaces. */
function projectRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      if (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).workspaces) return dir;
    } catch {
      // no package.json here, or not JSON: look further up
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The data directory: AFTERWORD_DATA_DIR if set, else the `.data` of the repository root (where `npm start`
 * keeps it), whichever folder the CLI is called from.
 */
export function cliDataDir(env: Env): string | undefined {
  if (env.AFTERWORD_DATA_DIR) return env.AFTERWORD_DATA_DIR;
  const root = projectRoot(import.meta.dirname);
  return root && join(root, '.data');
}

/**
 * Picks storage: `DYNAMODB_ENDPOINT` if set; `--aws` for real DynamoDB; else the DynamoDB Local that
 * `npm start` is running on the data directory; else a DynamoDB Local of our own on it.
 */
export async function openContext(opts: { aws: boolean; env?: Env }): Promise<CliContext> {
  let config = configOf(opts.env ?? process.env);
  let local: LocalDynamo | undefined;
  if (!config.dynamodbEndpoint && !opts.aws) {
    const file = endpointFile(config.dataDir);
    const running = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
    if (running && (await isDynamo(running))) {
      config = { ...config, dynamodbEndpoint: running };
    } else {
      const dir = join(config.dataDir, 'dynamodb');
      mkdirSync(dir, { recursive: true });
      local = await startLocalDynamo({ dataDir: dir });
      config = { ...config, dynamodbEndpoint: local.endpoint };
    }
  }
  const ctx = contextOn(config, () => local?.stop());
  if (config.dynamodbEndpoint) await ctx.store.ensureTable();
  return ctx;
}

/** A context for a command that needs no storage: the config, and a store that is never connected. */
export function storelessContext(env: Env = process.env): CliContext {
  return contextOn(configOf(env));
}

/** The config, on the data directory the CLI finds. */
function configOf(env: Env): Config {
  const dataDir = cliDataDir(env);
  return loadConfig(dataDir ? { ...env, AFTERWORD_DATA_DIR: dataDir } : env);
}

function contextOn(config: Config, stop: () => Promise<void> | undefined = () => undefined): CliContext {
  const store = createStore(config);
  return {
    config,
    store,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    async close() {
      store.close();
      await stop();
    },
  };
}

/** Whether a DynamoDB (Local) answers there: it stamps even a refused request with a request id. */
async function isDynamo(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
    await res.body?.cancel();
    return res.headers.has('x-amzn-requestid');
  } catch {
    return false;
  }
}
