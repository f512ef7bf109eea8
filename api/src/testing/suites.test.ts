/** The unit/integration split: a suite that needs Java or Chromium, directly or through a helper, is never a unit suite. */
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { needsOf, partitionSuites } from '../../../vitest.suites.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const at = (p: string) => resolve(ROOT, p);

it('tells the suites apart by what they use', () => {
  expect(needsOf(at('api/src/domain/markdown.test.ts'))).toEqual({ java: false, chromium: false });
  // A table of its own, the CLI on the run's DynamoDB Local, the whole stack in a child process.
  expect(needsOf(at('api/src/routes/comments.test.ts')).java).toBe(true);
  expect(needsOf(at('api/src/cli/site.test.ts')).java).toBe(true);
  expect(needsOf(at('scripts/start.test.ts')).java).toBe(true);
  // Through a helper only: the e2e suites get the stack and the browser from test/support.
  expect(needsOf(at('test/e2e/widget.test.ts'))).toEqual({ java: true, chromium: true });
});

it('puts every suite in exactly one project, and no storage or browser suite among the unit suites', () => {
  const { unit, integration } = partitionSuites(ROOT);
  expect(unit.length).toBeGreaterThan(10);
  expect(unit.filter((f) => integration.includes(f))).toEqual([]);
  expect(unit).toContain('api/src/testing/suites.test.ts');
  for (const f of ['api/src/blns.test.ts', 'api/src/concurrency.test.ts', 'test/hostile/browser.test.ts'])
    expect(integration).toContain(f);
  for (const f of unit) expect(needsOf(at(f)), f).toEqual({ java: false, chromium: false });
});
