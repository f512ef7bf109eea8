/** An HTTP import under a Lambda deadline on slow storage: it stops early enough that finishing what it read still fits. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { disqusFile } from '../portability/disqus.testkit.js';
import { createHarness, type Harness } from '../testing/harness.js';

/** Each import transaction takes this long more: storage as slow as a loaded machine makes it. */
const WRITE_DELAY_MS = 3500;
/** The time the simulated Lambda has for the call. */
const BUDGET_MS = 18_000;

let h: Harness;
let token: string;

beforeAll(async () => {
  h = await createHarness();
  await h.site('slow', { moderation: 'none' });
  token = (await h.store.tokens.create(h.config.secret, 'slow', 'import', 'slow', new Date().toISOString()))
    .token;
  const write = h.store.imports.write;
  h.store.imports.write = async (...args) => {
    slow.begin();
    await new Promise((r) => setTimeout(r, WRITE_DELAY_MS));
    slow.end();
    return write(...args);
  };
});

/**
 * The simulated Lambda's clock runs while at least one slow write is waiting: the call is charged for the
 * slow storage it meets, not for how busy the machine running the test is (the whole suite, stress-ng).
 */
const slow = {
  active: 0,
  since: 0,
  spent: 0,
  begin() {
    if (this.active++ === 0) this.since = performance.now();
  },
  end() {
    if (--this.active === 0) this.spent += performance.now() - this.since;
  },
  elapsed() {
    return this.spent + (this.active > 0 ? performance.now() - this.since : 0);
  },
};
afterAll(() => h?.drop());

it('answers before the deadline however slow a write is, having imported something, with where to go on', {
  timeout: 60_000,
}, async () => {
  const app = createApp({ ...h.deps, remainingMs: () => BUDGET_MS - slow.elapsed() });
  const body = disqusFile({ pages: 3, perPage: 200 });
  const res = await app.request('/api/v1/sites/slow/import?format=disqus', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body,
  });
  const leftMs = BUDGET_MS - slow.elapsed();
  const json = (await res.json()) as { complete: boolean; imported: number; nextSkip: number | null };
  expect(res.status).toBe(200);
  expect(leftMs, 'answered before the Lambda would be stopped').toBeGreaterThan(0);
  expect(json.complete).toBe(false);
  expect(json.imported).toBeGreaterThan(0);
  expect(json.nextSkip).toBeGreaterThan(0);
});
