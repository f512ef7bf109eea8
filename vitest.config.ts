/**
 * One Vitest run for the whole repo in two projects: `unit` (suites that need neither Java nor Chromium,
 * see vitest.suites.ts; `npm run test:unit`) and `integration` (one DynamoDB Local for the run, a table per file).
 */
import { defineConfig } from 'vitest/config';
import { partitionSuites } from './vitest.suites.js';

const suites = partitionSuites(import.meta.dirname);

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', '**/dist/**', '**/cdk.out/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // The SDK warns that its releases after January 2027 need Node 22; the lockfile pins this one.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      { extends: true, test: { name: 'unit', include: suites.unit } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: suites.integration,
          globalSetup: ['api/src/testing/global-setup.ts'],
        },
      },
    ],
  },
});
