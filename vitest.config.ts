/**
 * The repo's suites in three projects: `unit` (suites that need neither Java nor Chromium, see
 * vitest.suites.ts; `npm run test:unit`), `integration` (one DynamoDB Local for the run, a table per file)
 * and `heavy` (the storage-heavy acceptance suites, run after the others one file at a time).
 */
import { defineConfig } from 'vitest/config';
import { partitionSuites } from './vitest.suites.js';

const suites = partitionSuites(import.meta.dirname);

/**
 * Acceptance suites that load storage hard (20,000-comment floods, thousands of imported comments,
 * crafted import files, a killed emulator): `npm test` runs them after the others, one file at a time,
 * so they neither starve the other suites on the shared DynamoDB Local nor one another.
 */
export const HEAVY = [
  'api/src/store/flood.test.ts',
  'test/hostile/import.test.ts',
  'test/faults/import-crash.test.ts',
  'api/src/portability/concurrent-import.test.ts',
  'api/src/portability/roundtrip.test.ts',
];

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', '**/dist/**', '**/cdk.out/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The built bundles are loaded by Node itself, as Lambda loads them (api/src/testing/bundle.ts).
    server: { deps: { external: [/\/api\/dist\/[^/]+\.mjs/] } },
    maxWorkers: 2,
    // The SDK warns that its releases after January 2027 need Node 22; the lockfile pins this one.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      { extends: true, test: { name: 'unit', include: suites.unit } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: suites.integration.filter((f) => !HEAVY.includes(f)),
          globalSetup: ['api/src/testing/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'heavy',
          include: suites.integration.filter((f) => HEAVY.includes(f)),
          globalSetup: ['api/src/testing/global-setup.ts'],
        },
      },
    ],
  },
});
