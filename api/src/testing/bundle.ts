/** Loads a built Lambda bundle (api/dist/<name>.mjs) as Node itself does: a fresh instance per call, after setting its environment. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';

const DIST = resolve(import.meta.dirname, '../../dist');
let instances = 0;

/**
 * The environment is stubbed (every suite's `afterAll` in `suite-setup.ts` puts it back), and each call
 * imports the file under a new URL: suites that share a worker each get a cold start of their own.
 * Vitest leaves `dist/*.mjs` to Node (vitest.config.ts `server.deps.external`), as Lambda runs it.
 */
export async function loadBundle<T>(name: 'lambda' | 'notify', env: Record<string, string>): Promise<T> {
  const file = resolve(DIST, `${name}.mjs`);
  if (!existsSync(file)) throw new Error(`api/dist/${name}.mjs is missing: run \`npm run build\` first`);
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  return (await import(`${pathToFileURL(file).href}?instance=${++instances}`)) as T;
}
