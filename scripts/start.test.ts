/** `npm start`'s stack as a user runs it: ready when healthy, healthy within 60 s, Ctrl-C stops it, data survives a restart. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { freePort } from '../api/src/store/local.js';

const root = resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'afterword-start-'));
const freshDir = mkdtempSync(join(tmpdir(), 'afterword-start-fresh-'));
/** Every stack a test started: one a failed test left running is ended after it. */
const children = new Set<ChildProcess>();

afterEach(() => {
  // A stack runs in its own process group (tsx, node, DynamoDB Local's java): end all of it.
  for (const child of children) {
    if (child.pid && child.exitCode === null && child.signalCode === null)
      process.kill(-child.pid, 'SIGKILL');
  }
  children.clear();
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(freshDir, { recursive: true, force: true });
});

/** Runs `npm start` (as tsx does) on these ports and data dir; `log()` is everything it printed so far. */
function spawnStack(port: number, demoPort: number, dir: string): { proc: ChildProcess; log: () => string } {
  const env: Record<string, string> = {
    ...process.env,
    PORT: String(port),
    DEMO_PORT: String(demoPort),
    AFTERWORD_DATA_DIR: dir,
  } as Record<string, string>;
  delete env.DYNAMODB_ENDPOINT;
  delete env.AFTERWORD_TABLE;
  delete env.AFTERWORD_SECRET;
  // As `npm start` runs it: one Node process with tsx's loader (no tsx parent relaying signals).
  const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(proc);
  let output = '';
  proc.stdout?.on('data', (d) => {
    output += d;
  });
  proc.stderr?.on('data', (d) => {
    output += d;
  });
  return { proc, log: () => output };
}

async function start(
  port: number,
  demoPort: number,
): Promise<{ proc: ChildProcess; ms: number; log: () => string }> {
  const t0 = Date.now();
  const { proc, log } = spawnStack(port, demoPort, dataDir);
  for (;;) {
    const output = log();
    if (proc.exitCode !== null) throw new Error(`npm start exited: ${output}`);
    if (Date.now() - t0 > 60_000) throw new Error(`not healthy within 60 s: ${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (res.status === 200 && output.includes('Afterword is running')) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { proc, ms: Date.now() - t0, log };
}

async function stop(proc: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  proc.kill('SIGINT');
  return exited;
}

it('answers health 200 only when ready: the first 200 already takes a comment and a moderator login', {
  timeout: 120_000,
}, async () => {
  const port = await freePort();
  const demoPort = await freePort([port]);
  const api = `http://127.0.0.1:${port}`;
  const { proc, log } = spawnStack(port, demoPort, freshDir);
  const t0 = Date.now();
  const seen: number[] = [];
  // Poll as tightly as a deploy script would; the instant health says 200, write.
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`npm start exited: ${log()}`);
    if (Date.now() - t0 > 60_000) throw new Error(`not healthy within 60 s: ${log()}`);
    const status = await fetch(`${api}/api/v1/health`).then(
      (r) => r.status,
      () => 0,
    );
    seen.push(status);
    if (status === 200) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const origin = `http://localhost:${demoPort}`;
  const posted = await fetch(`${api}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({
      site: 'demo',
      page: '/posts/ready/',
      body: 'written the instant health said 200',
    }),
  });
  expect(posted.status, await posted.clone().text()).toBe(201);
  expect(posted.headers.get('access-control-allow-origin')).toBe(origin);
  const password = readFileSync(join(freshDir, 'demo-moderator-password'), 'utf8').trim();
  const login = await fetch(`${api}/api/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: api },
    body: JSON.stringify({ email: 'demo@localhost', password }),
  });
  expect(login.status, await login.clone().text()).toBe(200);
  const { sites } = (await login.json()) as { sites: Array<{ site: string; role: string }> };
  expect(sites).toContainEqual(expect.objectContaining({ site: 'demo', role: 'owner' }));
  // Listening before it was ready (seeding needs the server's URL), health said so: 503, never 200.
  const answered = seen.filter((s) => s !== 0);
  expect(answered.slice(0, -1).length).toBeGreaterThan(0);
  expect(new Set(answered.slice(0, -1))).toEqual(new Set([503]));
  expect(await stop(proc)).toBe(0);
});

it('starts healthy, stops on Ctrl-C, and keeps a comment across a restart', {
  timeout: 180_000,
}, async () => {
  const port = await freePort();
  const demoPort = await freePort([port]);
  const first = await start(port, demoPort);
  expect(first.ms).toBeLessThan(60_000);
  expect(first.log()).toContain(`http://localhost:${demoPort}/`);
  const origin = `http://localhost:${demoPort}`;
  const demo = await fetch(`${origin}/`);
  expect(demo.status).toBe(200);
  const posted = await fetch(`http://127.0.0.1:${port}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ site: 'demo', page: '/posts/restart/', body: 'still here after a restart' }),
  });
  expect(posted.status).toBe(201);
  expect(posted.headers.get('access-control-allow-origin')).toBe(origin);
  const { comment } = (await posted.json()) as { comment: { id: string } };
  expect(await stop(first.proc)).toBe(0);

  const second = await start(port, demoPort);
  const list = await fetch(`http://127.0.0.1:${port}/api/v1/comments?site=demo&page=/posts/restart/`);
  const body = (await list.json()) as { comments: Array<{ id: string; html: string }> };
  expect(body.comments.map((c) => c.id)).toEqual([comment.id]);
  expect(body.comments[0]!.html).toBe('<p>still here after a restart</p>');
  expect(await stop(second.proc)).toBe(0);
});
