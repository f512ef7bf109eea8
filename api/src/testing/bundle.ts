/** Loads a built Lambda bundle (api/dist/<name>.mjs) as Node itself does: a fresh instance per call, after setting its environment. */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';

const DIST = resolve(import.meta.dirname, '../../dist');

/**
 * The environment is stubbed (every suite's `afterAll` in `suite-setup.ts` puts it back), and each call
 * imports the file under a new URL (random: this module may be evaluated again for a later suite in the same
 * worker, while Node's own cache keeps every URL it imported): suites that share a worker each get a cold start.
 * Vitest leaves `dist/*.mjs` to Node (vitest.config.ts `server.deps.external`), as Lambda runs it.
 */
export async function loadBundle<T>(name: 'lambda' | 'notify', env: Record<string, string>): Promise<T> {
  const file = resolve(DIST, `${name}.mjs`);
  if (!existsSync(file)) throw new Error(`api/dist/${name}.mjs is missing: run \`npm run build\` first`);
  // As Lambda starts it: only the environment given. What an earlier suite in this worker left (an
  // AFTERWORD_SECRET makes the entry skip SSM) is stubbed away, and put back with the rest after the suite.
  for (const key of Object.keys(process.env))
    if (/^(AFTERWORD_|AWS_(?!SDK_)|DYNAMODB_|MAIL_|SMTP_)/.test(key) && !(key in env))
      vi.stubEnv(key, undefined);
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  return (await import(`${pathToFileURL(file).href}?instance=${randomUUID()}`)) as T;
}
