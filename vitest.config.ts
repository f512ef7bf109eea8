/**
 * The repo's suites in two projects: `unit` (suites that need neither Java nor Chromium, see vitest.suites.ts;
 * `npm run test:unit`) and `integration` (a DynamoDB Local per worker, a table per file). One run, both
 * projects side by side, the longest suites first.
 */

import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { partitionSuites } from './vitest.suites.js';

const suites = partitionSuites(import.meta.dirname);

/**
 * The longest suites (tens of seconds each: floods, imports of thousands of comments, load runs, browsers),
 * longest first: started first, they run beside the many short ones instead of after them.
 */
export const LONGEST = [
  'test/load/writers.test.ts',
  'api/src/blns.test.ts',
  'api/src/portability/concurrent-import.test.ts',
  'test/hostile/import.test.ts',
  'api/src/concurrency.test.ts',
  'api/src/hardening.test.ts',
  'test/faults/import-crash.test.ts',
  'api/src/portability/roundtrip.test.ts',
  'test/faults/deadline.test.ts',
  'api/src/store/flood.test.ts',
  'api/src/store/top-capacity.test.ts',
  'test/e2e/widget-look.test.ts',
  'test/e2e/admin.test.ts',
  'test/hostile/browser.test.ts',
  'api/src/routes/admin.test.ts',
  'scripts/start.test.ts',
  'api/src/stream/poller.test.ts',
  'api/src/store/ranges.test.ts',
  'test/e2e/widget.test.ts',
  'test/faults/storage-outage.test.ts',
];

/** The base order (projects, then file size or the last run's durations), with `LONGEST` moved to the front. */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const at = LONGEST.findIndex((l) => f.moduleId.replaceAll('\\', '/').endsWith(`/${l}`));
      return at < 0 ? LONGEST.length : at;
    };
    return (await super.sort(files))
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', '**/dist/**', '**/cdk.out/**'],
    // Bounds for a hang, not for speed (that is `npm run bench`): a loaded machine (stress-ng beside the
    // run) stretches seeding hooks and storage-heavy cases several times over.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    // Workers are reused from suite to suite (each suite's imports are not paid again); every suite puts back
    // what it stubbed (suite-setup.ts) and works on a table of its own.
    isolate: false,
    setupFiles: ['api/src/testing/suite-setup.ts'],
    sequence: { sequencer: LongestFirst },
    // The built bundles are loaded by Node itself, as Lambda loads them (api/src/testing/bundle.ts).
    server: { deps: { external: [/\/api\/dist\/[^/]+\.mjs/] } },
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
