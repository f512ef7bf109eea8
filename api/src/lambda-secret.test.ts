/**
 * The Lambda entry starts while it is imported, its key read from SSM Parameter Store (faked at its HTTP
 * boundary: the JSON protocol of GetParameter); a start that failed is tried again by the next request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadBundle } from './testing/bundle.js';
import { lambdaCaller } from './testing/clients.js';
import { createHarness, type Harness } from './testing/harness.js';

let h: Harness;
let ssm: Server;
/** What the fake SSM answers: a failure until `up`, then the parameter. */
const state = { up: false, asked: [] as { target: string; name: string }[] };

beforeAll(async () => {
  h = await createHarness();
  ssm = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      state.asked.push({ target: String(req.headers['x-amz-target']), name: JSON.parse(body).Name });
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (!state.up) {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'ParameterNotFound', message: 'not yet' }));
        return;
      }
      res.end(
        JSON.stringify({
          Parameter: { Name: '/afterword/key', Type: 'SecureString', Value: 'k'.repeat(48) },
        }),
      );
    });
  });
  await new Promise<void>((r) => ssm.listen(0, '127.0.0.1', r));
});

afterAll(async () => {
  ssm?.close();
  await h?.drop();
});

it('reads its key from SSM while imported, and after a failed start starts again on the next request', async () => {
  const { port } = ssm.address() as AddressInfo;
  const { handler } = await loadBundle<{ handler: Parameters<typeof lambdaCaller>[0] }>('lambda', {
    DYNAMODB_ENDPOINT: h.config.dynamodbEndpoint!,
    AFTERWORD_TABLE: h.config.table,
    AFTERWORD_SECRET_PARAMETER: '/afterword/key',
    AWS_ENDPOINT_URL_SSM: `http://127.0.0.1:${port}`,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
  // Asked during the import, before any request (the poll's bound is for a loaded machine, not for speed).
  await expect.poll(() => state.asked.length, { timeout: 15_000 }).toBe(1);
  expect(state.asked[0]).toEqual({ target: 'AmazonSSM.GetParameter', name: '/afterword/key' });
  const call = lambdaCaller(handler);
  await expect(call('GET', '/api/v1/health')).rejects.toThrow(/not yet/);
  state.up = true;
  const res = await call('GET', '/api/v1/health');
  expect(res.status).toBe(200);
  // The failed start was not kept: SSM was asked again.
  expect(state.asked.length).toBeGreaterThanOrEqual(2);
});
