/** The `afterword` process as a user starts it: which DynamoDB it finds, what it prints, what it leaves behind. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness, runEndpoint } from '../testing/harness.js';
import { endpointFile } from './context.js';

const API = resolve(import.meta.dirname, '../..');
const BIN = join(API, 'bin/afterword.mjs');
/** Makes the process look like Node 20 to the SDK, which then warns unless told not to (on any real Node). */
const AS_NODE_20 = `data:text/javascript,Object.defineProperty(process,'version',{value:'v20.20.2'})`;

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs a Node process with only the environment given (not vitest's, which silences the SDK warning). */
function run(args: string[], opts: { cwd: string; env: Record<string, string> }): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', AS_NODE_20, ...args], {
      cwd: opts.cwd,
      env: { PATH: process.env.PATH ?? '', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const res: Run = { code: null, out: '', err: '' };
    child.stdout.on('data', (d) => {
      res.out += d;
    });
    child.stderr.on('data', (d) => {
      res.err += d;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ ...res, code }));
  });
}

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'aw-cli-'));
  dirs.push(dir);
  return dir;
};

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

it('the SDK warns a Node 20 process, so the CLI calls below would show it if they let it through', async () => {
  const sdk = `const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb'); new DynamoDBClient({});`;
  const res = await run(['--input-type=module', '-e', sdk], { cwd: API, env: {} });
  expect(res.err).toContain('NodeVersionSupportWarning');
});

it('finds the running stack through its data directory, from any folder; prints no warning, leaves nothing', async () => {
  const data = tempDir();
  const cwd = tempDir();
  const tmp = tempDir();
  writeFileSync(endpointFile(data), `${runEndpoint()}\n`);
  writeFileSync(join(data, 'secret'), 'stack-secret-0123456789abcdef\n');
  const res = await run([BIN, 'site', 'add', 'moved', '--origin', 'https://moved.example.org'], {
    cwd,
    env: { AFTERWORD_DATA_DIR: data, AFTERWORD_TABLE: h.config.table, TMPDIR: tmp, HOME: tmp },
  });
  expect(res).toMatchObject({ code: 0, err: '' });
  expect(res.out).toContain('moved');
  // The site is on the stack's DynamoDB Local, in the table the stack's config names.
  expect((await h.store.sites.get('moved'))?.origins).toEqual(['https://moved.example.org']);
  expect(readdirSync(cwd)).toEqual([]);
  expect(readdirSync(tmp)).toEqual([]);
  expect(readdirSync(data).sort()).toEqual(['dynamodb-endpoint', 'secret']);
});

it('without AFTERWORD_DATA_DIR uses the repository’s .data, where `npm start` keeps it, from any folder', async () => {
  const cwd = tempDir();
  const res = await run([BIN, 'help'], { cwd, env: { TMPDIR: cwd, HOME: cwd } });
  expect(res).toMatchObject({ code: 0, err: '' });
  expect(res.out).toContain(`Data directory (AFTERWORD_DATA_DIR): ${resolve(API, '..', '.data')}\n`);
  expect(readdirSync(cwd)).toEqual([]);
});

it('on a data directory of its own with no stack running, starts DynamoDB Local there for the call', async () => {
  const data = join(tempDir(), 'fresh');
  const cwd = tempDir();
  const res = await run([BIN, 'site', 'add', 'own', '--origin', 'https://own.example.org'], {
    cwd,
    env: { AFTERWORD_DATA_DIR: data, HOME: cwd },
  });
  expect(res).toMatchObject({ code: 0, err: '' });
  expect(res.out).toContain('own');
  expect(readdirSync(data).sort()).toEqual(['dynamodb', 'secret']);
  expect(readdirSync(join(data, 'dynamodb')).some((f) => f.endsWith('.db'))).toBe(true);
  expect(existsSync(endpointFile(data))).toBe(false);
  expect(readdirSync(cwd)).toEqual([]);
}, 60_000);
