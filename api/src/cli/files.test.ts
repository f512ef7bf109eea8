/** `afterword files url`: the thread files' URLs a build fetches, found without any storage; the README's shell one-liner agrees. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { encodePageKey } from '../contract/files.js';
import { main } from './main.js';

let out = '';
let err = '';
let data = '';

beforeEach(() => {
  out = '';
  err = '';
  data = mkdtempSync(join(tmpdir(), 'aw-files-'));
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  // No endpoint and an empty data directory: a command that looked for storage would start DynamoDB Local.
  vi.stubEnv('DYNAMODB_ENDPOINT', '');
  vi.stubEnv('AFTERWORD_DATA_DIR', data);
  vi.stubEnv('AFTERWORD_SECRET', 'files-secret-0123456789abcdef');
  vi.stubEnv('AFTERWORD_PUBLIC_URL', '');
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  rmSync(data, { recursive: true, force: true });
});

it('prints the fragment’s URL (the JSON file’s with --json) for a page path or URL, normalised as threads are', async () => {
  expect(await main(['files', 'url', '--site', 'blog', '--page', '/posts/hello'])).toBe(0);
  expect(out).toBe('http://localhost:8787/files/v1/blog/t/L3Bvc3RzL2hlbGxvLw.html\n');
  out = '';
  const page = 'https://blog.example.com/posts/hello/index.html?utm=x#c1';
  expect(
    await main([
      'files',
      'url',
      '--site',
      'blog',
      '--page',
      page,
      '--api',
      'https://comments.example.com/',
      '--json',
    ]),
  ).toBe(0);
  expect(out).toBe('https://comments.example.com/files/v1/blog/t/L3Bvc3RzL2hlbGxvLw.json\n');
  // It needed no storage: nothing started or written in the data directory.
  expect(readdirSync(data)).toEqual([]);
  expect(err).toBe('');
});

it('refuses what has no files: a missing site or page, a key too long for a file name', async () => {
  expect(await main(['files', 'url', '--page', '/a/'])).toBe(2);
  expect(await main(['files', 'url', '--site', 'blog'])).toBe(2);
  expect(await main(['files', 'list', '--site', 'blog', '--page', '/a/'])).toBe(2);
  expect(await main(['files', 'url', '--site', 'blog', '--page', '/a/', '--api', 'ftp://x'])).toBe(2);
  expect(await main(['files', 'url', '--site', 'blog', '--page', `/${'x'.repeat(400)}/`])).toBe(1);
  expect(err).toContain('too long to have files');
});

it('agrees with the README’s shell one-liner for the page key', () => {
  const readme = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');
  const line = /^key=\$\((.+)\)$/m.exec(readme)?.[1];
  expect(line).toBeDefined();
  for (const page of [
    '/posts/hello/',
    '/caf%C3%A9/',
    '/about.html',
    '/ä/😀/',
    `/${'long-path/'.repeat(30)}`,
  ]) {
    const key = execFileSync('bash', ['-c', line!], { env: { PAGE: page, PATH: process.env.PATH } });
    expect(key.toString()).toBe(encodePageKey(page));
  }
});
