/** One Vitest run for the whole repo: DynamoDB Local is started once (global setup), a table per file. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{api,widget,infra,test,scripts}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/cdk.out/**'],
    globalSetup: ['api/src/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // The SDK warns that its releases after January 2027 need Node 22; the lockfile pins this one.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
