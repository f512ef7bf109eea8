/**
 * The deploy-time key generator: runs its inline source against a stand-in SSM client and a real HTTP
 * callback; the edge key it returns must be the API's own `edgeKey()` of the stored value.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeKey } from '../../../api/src/domain/tokens.js';
import { SECRET_HANDLER_SOURCE } from './secret.js';

type Put = { Name: string; Type: string; Value: string; Overwrite: boolean };
type Get = { Name: string; WithDecryption: boolean };
type Call = { command: 'Put'; input: Put } | { command: 'Get'; input: Get };
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
function load(send: (call: Call) => Promise<unknown>) {
  const mod = { exports: {} as { handler?: (e: unknown, c: unknown) => Promise<void> } };
  const ssm = {
    SSMClient: class {
      send = (cmd: Call) => send(cmd);
    },
    PutParameterCommand: class {
      readonly command = 'Put';
      constructor(readonly input: Put) {}
    },
    GetParameterCommand: class {
      readonly command = 'Get';
      constructor(readonly input: Get) {}
    },
  };
  const require = (id: string) => (id === 'node:crypto' ? { createHmac, randomBytes } : ssm);
  runInNewContext(SECRET_HANDLER_SOURCE, { require, exports: mod.exports, module: mod, fetch, String, JSON });
  return mod.exports.handler!;
}

/** A stand-in Parameter Store: PutParameter without Overwrite, GetParameter; every call recorded. */
function store(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  const calls: Call[] = [];
  const send = async (call: Call) => {
    calls.push(call);
    if (call.command === 'Get') {
      const value = values.get(call.input.Name);
      if (value === undefined) throw Object.assign(new Error('not found'), { name: 'ParameterNotFound' });
      return { Parameter: { Name: call.input.Name, Value: value } };
    }
    if (values.has(call.input.Name)) {
      throw Object.assign(new Error('exists'), { name: 'ParameterAlreadyExists' });
    }
    values.set(call.input.Name, call.input.Value);
    return {};
  };
  return { values, calls, send };
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
  it('creates a random SecureString once, reports success and returns its edge key, masked', async () => {
    const ssm = store();
    await load(ssm.send)(event('Create'), ctx);
    const puts = ssm.calls.filter((c) => c.command === 'Put').map((c) => c.input as Put);
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ Name: '/Afterword/secret', Type: 'SecureString', Overwrite: false });
    expect(puts[0]!.Value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(responses.at(-1)).toMatchObject({
      method: 'PUT',
      Status: 'SUCCESS',
      PhysicalResourceId: '/Afterword/secret',
      NoEcho: true,
      Data: { EdgeKey: edgeKey(puts[0]!.Value) },
    });
    expect(edgeKey(puts[0]!.Value)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps an existing key (redeploy after destroy) and returns the edge key of that one', async () => {
    const ssm = store({ '/Afterword/secret': 'kept-key' });
    await load(ssm.send)(event('Create'), ctx);
    expect(ssm.values.get('/Afterword/secret')).toBe('kept-key');
    expect(ssm.calls.at(-1)).toEqual({
      command: 'Get',
      input: { Name: '/Afterword/secret', WithDecryption: true },
    });
    expect(responses.at(-1)).toMatchObject({
      Status: 'SUCCESS',
      NoEcho: true,
      Data: { EdgeKey: edgeKey('kept-key') },
    });
  });

  it('on Update reads the key (decrypted) and returns its edge key, writing nothing', async () => {
    const ssm = store({ '/Afterword/secret': 'deployed-key' });
    await load(ssm.send)(event('Update', '/Afterword/secret', '/Afterword/secret'), ctx);
    expect(ssm.calls).toEqual([
      { command: 'Get', input: { Name: '/Afterword/secret', WithDecryption: true } },
    ]);
    expect(responses.at(-1)).toMatchObject({
      Status: 'SUCCESS',
      NoEcho: true,
      Data: { EdgeKey: edgeKey('deployed-key') },
    });
    expect(edgeKey('deployed-key')).not.toBe(edgeKey('kept-key'));
  });

  it('on a rename creates the key under the new name', async () => {
    const ssm = store({ '/Old/secret': 'old-key' });
    await load(ssm.send)(event('Update', '/New/secret', '/Old/secret'), ctx);
    const value = ssm.values.get('/New/secret')!;
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ssm.values.get('/Old/secret')).toBe('old-key');
    expect(responses.at(-1)).toMatchObject({ Status: 'SUCCESS', Data: { EdgeKey: edgeKey(value) } });
  });

  it('never deletes the key', async () => {
    const ssm = store({ '/Afterword/secret': 'kept-key' });
    await load(ssm.send)(event('Delete'), ctx);
    expect(ssm.calls).toHaveLength(0);
    expect(responses.at(-1)).toMatchObject({ Status: 'SUCCESS', Data: {} });
  });

  it('reports other failures instead of hanging the stack', async () => {
    await load(async () => Promise.reject(new Error('AccessDenied')))(event('Create'), ctx);
    expect(responses.at(-1)).toMatchObject({ Status: 'FAILED', Data: {} });
    expect(String(responses.at(-1)!.Reason)).toContain('AccessDenied');
    await load(store().send)(event('Update', '/Afterword/secret', '/Afterword/secret'), ctx);
    expect(responses.at(-1)).toMatchObject({ Status: 'FAILED' });
    expect(String(responses.at(-1)!.Reason)).toContain('not found');
  });
});
