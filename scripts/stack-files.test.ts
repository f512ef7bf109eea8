/** The `npm start` stack publishes thread files: a comment posted to its API shows in the file its server serves. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../api/src/config.js';
import { type ThreadFile, threadFile } from '../api/src/contract/files.js';
import { httpCaller } from '../api/src/testing/clients.js';
import { postComment } from '../api/src/testing/comments.js';
import { runEndpoint } from '../api/src/testing/harness.js';
import { DEMO_SITE, demoOrigins, type Stack, startStack } from './stack.js';

let stack: Stack;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'afterword-stack-files-'));
  const config = loadConfig(
    {},
    {
      port: 0,
      demoPort: 0,
      dataDir,
      dynamodbEndpoint: runEndpoint(),
      table: `files_${Math.random().toString(36).slice(2, 10)}`,
      secret: 'stack-files-secret-0123456789',
      siteCacheMs: 0,
    },
  );
  stack = await startStack(config);
});
afterAll(async () => {
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('a comment posted to the stack shows in its thread file under the data dir, served at /files/', async () => {
  expect(stack.publish.files).toBe(join(dataDir, 'files-out'));
  const origin = demoOrigins(Number(new URL(stack.demo.url).port))[0]!;
  const call = httpCaller(stack.api.url);
  const res = await postComment(
    call,
    { site: DEMO_SITE, page: '/posts/files/', body: 'Published', author: { name: 'Stack' } },
    { origin },
  );
  expect(res.status).toBe(201);
  const url = `${stack.api.url}/${threadFile(DEMO_SITE, '/posts/files/')!.json}`;
  const end = Date.now() + 10_000;
  let thread: ThreadFile | undefined;
  while (!thread?.comments.some((c) => c.id === res.json.comment.id)) {
    if (Date.now() > end) throw new Error(`the file did not show the comment: ${JSON.stringify(thread)}`);
    await new Promise((r) => setTimeout(r, 100));
    const got = await fetch(url);
    thread = got.ok ? ((await got.json()) as ThreadFile) : undefined;
  }
  expect(thread.page.page).toBe('/posts/files/');
});
