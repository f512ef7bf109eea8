/** Faults: export and import pages through the Lambda entry stop before the remaining time runs out, with a cursor. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundle } from '../../api/src/testing/bundle.js';
import { lambdaCaller } from '../../api/src/testing/clients.js';
import { cpuClock } from '../../api/src/testing/cpu-clock.js';
import { createHarness, type Harness, runDynamoPid, TEST_SECRET } from '../../api/src/testing/harness.js';
import { seedLongThread } from '../bench/seed.js';

const PAGES = ['/deadline/a/', '/deadline/b/', '/deadline/c/'];
const PER_PAGE = 400;
/** Time the simulated Lambda has for each invocation beyond the routes' reserves (export 3 s, import 5 s). */
const SLACK_MS = 250;

type Handler = Parameters<typeof lambdaCaller>[0];
let h: Harness;
let handler: Handler;
let exportToken: string;
let importToken: string;

/**
 * Invokes the bundle with a context whose remaining time really runs down; reports what was left at the end.
 * Its clock is the CPU this process and its DynamoDB Local spend (cpu-clock.ts): the call is charged for the
 * work it makes, not for how busy the machine running the test is (the whole suite, stress-ng beside it).
 */
async function invoke(
  method: string,
  path: string,
  budgetMs: number,
  opts: { body?: string; token: string; costPerLookMs: number },
) {
  let event: unknown;
  await lambdaCaller(async (e) => {
    event = e;
    return { statusCode: 200 };
  })(method, path, { rawBody: opts.body, headers: { authorization: `Bearer ${opts.token}` } });
  // The remaining time runs down with the work done and, so that a fast machine also runs out, by a
  // fixed cost for every look at it (the routes look once per batch or record).
  const pid = runDynamoPid();
  const spent = cpuClock(pid ? [pid] : []);
  let looks = 0;
  const remaining = () => budgetMs - spent() - looks * opts.costPerLookMs;
  const res = await handler(event, {
    getRemainingTimeInMillis: () => {
      const left = remaining();
      looks++;
      return left;
    },
    awsRequestId: 'deadline',
  });
  const text = res.body
    ? res.isBase64Encoded
      ? Buffer.from(res.body, 'base64').toString('utf8')
      : res.body
    : '';
  return { status: res.statusCode, json: JSON.parse(text), leftMs: remaining() };
}

beforeAll(async () => {
  h = await createHarness();
  await h.site('deadline', { moderation: 'none' });
  await h.site('target', { moderation: 'none' });
  for (const page of PAGES) await seedLongThread(h.app, h.store, h.db, 'deadline', page, PER_PAGE);
  const now = new Date().toISOString();
  exportToken = (await h.store.tokens.create(TEST_SECRET, 'deadline', 'export', 'faults', now)).token;
  importToken = (await h.store.tokens.create(TEST_SECRET, 'target', 'import', 'faults', now)).token;
  ({ handler } = await loadBundle<{ handler: Handler }>('lambda', {
    DYNAMODB_ENDPOINT: h.config.dynamodbEndpoint!,
    AFTERWORD_TABLE: h.config.table,
    AFTERWORD_SECRET: TEST_SECRET,
    AWS_REGION: 'us-east-1',
  }));
}, 120_000);

afterAll(async () => {
  await h?.drop();
});

describe('long operations under a Lambda deadline', { timeout: 120_000 }, () => {
  const file = { format: '', version: 0, site: {}, pages: [] as unknown[], comments: [] as { id: string }[] };

  it('export stops early with a cursor and hands out every comment exactly once across calls', async () => {
    let cursor: string | null = null;
    let calls = 0;
    let partial = 0;
    do {
      const q: string = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
      const res = await invoke('GET', `/api/v1/sites/deadline/export${q}`, 3000 + SLACK_MS, {
        token: exportToken,
        costPerLookMs: 1,
      });
      expect(res.status, JSON.stringify(res.json).slice(0, 300)).toBe(200);
      expect(res.leftMs, 'answered before the Lambda would be stopped').toBeGreaterThan(0);
      Object.assign(file, { format: res.json.format, version: res.json.version, site: res.json.site });
      file.pages.push(...res.json.pages);
      file.comments.push(...res.json.comments);
      if (res.json.nextCursor) partial++;
      cursor = res.json.nextCursor;
      calls++;
    } while (cursor && calls < 200);
    expect(partial, 'at least one call stopped early').toBeGreaterThan(0);
    const ids = file.comments.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(PAGES.length * PER_PAGE);
  });

  it('import stops before the deadline; sending the file again goes on and adds nothing twice', async () => {
    const body = JSON.stringify(file);
    let complete = false;
    let calls = 0;
    let stoppedEarly = 0;
    let imported = 0;
    let skip = 0;
    while (!complete && calls < 60) {
      const res = await invoke(
        'POST',
        `/api/v1/sites/target/import?format=native&skip=${skip}`,
        5000 + SLACK_MS,
        {
          body,
          token: importToken,
          costPerLookMs: 1,
        },
      );
      expect(res.status, JSON.stringify(res.json).slice(0, 300)).toBe(200);
      expect(res.leftMs, 'answered before the Lambda would be stopped').toBeGreaterThan(0);
      complete = res.json.complete;
      if (!complete) {
        stoppedEarly++;
        expect(res.json.nextSkip).toBeGreaterThan(skip);
        skip = res.json.nextSkip;
      }
      imported += res.json.imported;
      calls++;
    }
    expect(complete).toBe(true);
    expect(stoppedEarly, 'at least one call stopped early').toBeGreaterThan(0);
    expect(imported).toBe(PAGES.length * PER_PAGE);
    const counts = await h.app.request(
      `/api/v1/counts?site=target&${PAGES.map((p) => `page=${encodeURIComponent(p)}`).join('&')}`,
    );
    const json = (await counts.json()) as { counts: Record<string, number> };
    for (const p of PAGES) expect(json.counts[p]).toBe(PER_PAGE);
  });
});
