/** The deploy-time key generator: runs its inline source against a stand-in SSM client and a real HTTP callback. */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_HANDLER_SOURCE } from './secret.js';

type Put = { Name: string; Type: string; Value: string; Overwrite: boolean };
let server: Server;
let url: string;
const responses: Record<string, unknown>[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      responses.push({ method: req.method, ...JSON.parse(body) });
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cfn-response`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

/** Loads the inline CommonJS handler with SSM (the AWS boundary) replaced by `send`. */
function load(send: (put: Put) => Promise<unknown>) {
  const mod = { exports: {} as { handler?: (e: unknown, c: unknown) => Promise<void> } };
  const ssm = {
    SSMClient: class {
      send = (cmd: { input: Put }) => send(cmd.input);
    },
    PutParameterCommand: class {
      constructor(readonly input: Put) {}
    },
  };
  const require = (id: string) => (id === 'node:crypto' ? { randomBytes } : ssm);
  runInNewContext(SECRET_HANDLER_SOURCE, { require, exports: mod.exports, module: mod, fetch, String, JSON });
  return mod.exports.handler!;
}

const event = (type: string, name = '/Afterword/secret', old?: string) => ({
  RequestType: type,
  ResponseURL: url,
  StackId: 'stack',
  RequestId: `req-${responses.length}`,
  LogicalResourceId: 'Secret',
  ResourceProperties: { Name: name },
  ...(old ? { OldResourceProperties: { Name: old } } : {}),
});
const ctx = { logStreamName: 'stream' };

describe('deploy-time key generator', () => {
  it('creates a random SecureString once and reports success to CloudFormation', async () => {
    const puts: Put[] = [];
    await load(async (p) => puts.push(p))(event('Create'), ctx);
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ Name: '/Afterword/secret', Type: 'SecureString', Overwrite: false });
    expect(puts[0]!.Value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(responses.at(-1)).toMatchObject({
      method: 'PUT',
      Status: 'SUCCESS',
      PhysicalResourceId: '/Afterword/secret',
    });
  });

  it('keeps an existing key (redeploy after destroy) and never deletes it', async () => {
    const exists = Object.assign(new Error('exists'), { name: 'ParameterAlreadyExists' });
    await load(async () => Promise.reject(exists))(event('Create'), ctx);
    expect(responses.at(-1)).toMatchObject({ Status: 'SUCCESS' });
    const puts: Put[] = [];
    await load(async (p) => puts.push(p))(event('Delete'), ctx);
    await load(async (p) => puts.push(p))(event('Update', '/Afterword/secret', '/Afterword/secret'), ctx);
    expect(puts).toHaveLength(0);
    expect(responses.at(-1)).toMatchObject({ Status: 'SUCCESS' });
  });

  it('reports other failures instead of hanging the stack', async () => {
    await load(async () => Promise.reject(new Error('AccessDenied')))(event('Create'), ctx);
    expect(responses.at(-1)).toMatchObject({ Status: 'FAILED' });
    expect(String(responses.at(-1)!.Reason)).toContain('AccessDenied');
  });
});
