/** `npm start`'s stack as a user runs it: healthy within 60 s, Ctrl-C stops it, data survives a restart. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freePort } from '../api/src/store/local.js';

const root = resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'afterword-start-'));
let child: ChildProcess | undefined;

afterAll(() => {
  // The stack runs in its own process group (tsx, node, DynamoDB Local's java): end all of it.
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(
  port: number,
  demoPort: number,
): Promise<{ proc: ChildProcess; ms: number; log: () => string }> {
  const t0 = Date.now();
  const env: Record<string, string> = {
    ...process.env,
    PORT: String(port),
    DEMO_PORT: String(demoPort),
    AFTERWORD_DATA_DIR: dataDir,
  } as Record<string, string>;
  delete env.DYNAMODB_ENDPOINT;
  delete env.AFTERWORD_TABLE;
  delete env.AFTERWORD_SECRET;
  const proc = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  proc.stdout?.on('data', (d) => {
    output += d;
  });
  proc.stderr?.on('data', (d) => {
    output += d;
  });
  for (;;) {
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
  return { proc, ms: Date.now() - t0, log: () => output };
}

async function stop(proc: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  proc.kill('SIGINT');
  return exited;
}

it('starts healthy, stops on Ctrl-C, and keeps a comment across a restart', {
  timeout: 180_000,
}, async () => {
  const port = await freePort();
  const demoPort = await freePort();
  const first = await start(port, demoPort);
  child = first.proc;
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
  child = second.proc;
  const list = await fetch(`http://127.0.0.1:${port}/api/v1/comments?site=demo&page=/posts/restart/`);
  const body = (await list.json()) as { comments: Array<{ id: string; html: string }> };
  expect(body.comments.map((c) => c.id)).toEqual([comment.id]);
  expect(body.comments[0]!.html).toBe('<p>still here after a restart</p>');
  expect(await stop(second.proc)).toBe(0);
  child = undefined;
});
