/** An Isso SQLite file imported through the Lambda bundle: sql.js's WASM ships beside it. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadBundle } from '../testing/bundle.js';
import { lambdaCaller } from '../testing/clients.js';
import { createHarness, type Harness, TEST_SECRET } from '../testing/harness.js';
import { issoDatabase } from './fixtures.testkit.js';

const DIST = resolve(import.meta.dirname, '../../dist');
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await h.site('isso', { moderation: 'none' });
});
afterAll(() => h.drop());

it('imports Isso’s SQLite database through api/dist/lambda.mjs', async () => {
  expect(existsSync(join(DIST, 'sql-wasm.wasm'))).toBe(true);
  const file = await issoDatabase();
  const { handler } = await loadBundle<{ handler: Parameters<typeof lambdaCaller>[0] }>('lambda', {
    DYNAMODB_ENDPOINT: h.config.dynamodbEndpoint!,
    AFTERWORD_TABLE: h.config.table,
    AFTERWORD_SECRET: TEST_SECRET,
    AWS_REGION: 'us-east-1',
  });
  const call = lambdaCaller(handler);
  const { token } = await h.store.tokens.create(
    TEST_SECRET,
    'isso',
    'import',
    'test',
    new Date().toISOString(),
  );
  const res = await call('POST', '/api/v1/sites/isso/import?format=isso', {
    rawBody: file,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
  });
  expect(res.status, res.text).toBe(200);
  expect(res.json.complete).toBe(true);
  expect(res.json.imported).toBeGreaterThan(0);
});
