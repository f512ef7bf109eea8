/** Two `afterword import` processes of one Disqus file started together: counts exact, nothing twice. */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness, runEndpoint } from '../testing/harness.js';
import { disqusFile } from './disqus.testkit.js';

const PAGES = 8;
const PER_PAGE = 60;
const BIN = join(import.meta.dirname, '../../bin/afterword.mjs');

/** The file on disk: two processes read it at once. */
function disqusOnDisk(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aw-race-'));
  const file = join(dir, 'disqus.xml');
  writeFileSync(file, disqusFile({ pages: PAGES, perPage: PER_PAGE }));
  return file;
}

function cli(h: Harness, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        PATH: process.env.PATH,
        DYNAMODB_ENDPOINT: runEndpoint(),
        AFTERWORD_TABLE: h.config.table,
        AFTERWORD_SECRET: h.config.secret,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('close', (code) => resolve({ code, out }));
  });
}

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.site('race');
});
afterAll(() => h.drop());

it('two imports of one file at once leave every page count equal to its listed comments', async () => {
  const file = disqusOnDisk();
  const args = ['import', file, '--site', 'race', '--format', 'disqus', '--quiet'];
  const [a, b] = await Promise.all([cli(h, args), cli(h, args)]);
  expect(a.code, a.out).toBe(0);
  expect(b.code, b.out).toBe(0);
  const imported = [a, b].map((r) => Number(/imported (\d+) comments/.exec(r.out)?.[1]));
  // Between them the two runs wrote every comment exactly once.
  expect(imported[0]! + imported[1]!).toBe(PAGES * PER_PAGE);
  const seen = new Set<string>();
  for (let t = 0; t < PAGES; t++) {
    const page = `/posts/${t}/`;
    const listed = await h.store.threads.all('race', page, true);
    const meta = (await h.store.threads.list('race', page, 'oldest', 1)).page;
    expect(listed).toHaveLength(PER_PAGE);
    expect(meta?.count).toBe(PER_PAGE);
    expect(meta?.total).toBe(PER_PAGE);
    for (const c of listed) {
      expect(seen.has(c.id)).toBe(false);
      seen.add(c.id);
    }
    expect(listed.filter((c) => c.parentId !== null)).toHaveLength(PER_PAGE / 3);
  }
  // A third run finds everything there and adds nothing.
  const again = await cli(h, args);
  expect(again.out).toMatch(/imported 0 comments into race \(480 already there/);
}, 180_000);
