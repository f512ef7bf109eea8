/** `afterword import` and `afterword export` against DynamoDB Local: progress, files, WXR out and back in. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, inject, it, vi } from 'vitest';
import { main } from './main.js';

const FIX = join(import.meta.dirname, '../portability/fixtures');
const dir = mkdtempSync(join(tmpdir(), 'aw-cli-'));
let out = '';
let err = '';
const table = `cli_${randomBytes(4).toString('hex')}`;
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  vi.stubEnv('DYNAMODB_ENDPOINT', inject('dynamodbEndpoint'));
  vi.stubEnv('AFTERWORD_TABLE', table);
  vi.stubEnv('AFTERWORD_SECRET', 'cli-secret-0123456789abcdef');
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

it('imports a file with progress and reports skipped records one by one', async () => {
  expect(await main(['site', 'add', 'moved', '--origin', 'https://blog.example'])).toBe(0);
  out = '';
  err = '';
  const file = join(FIX, 'disqus.xml');
  expect(
    await main([
      'import',
      file,
      '--site',
      'moved',
      '--format',
      'disqus',
      '--rewrite',
      'old.example.com=blog.example',
    ]),
  ).toBe(0);
  expect(out).toContain('imported 8 comments into moved (0 already there, 2 problems, 2 pages)');
  expect(err).toMatch(/import \[#+\] 100%/);
  expect(err).toContain('skipped post 2009: thread "999" is not in the file');
  expect(err).toContain('skipped post 2010: missing or unreadable createdAt');
  out = '';
  expect(await main(['import', file, '--site', 'moved', '--format', 'disqus'])).toBe(0);
  expect(out).toContain('imported 0 comments into moved (8 already there');
  expect(await main(['import', file, '--site', 'moved', '--format', 'nope'])).toBe(2);
  expect(await main(['import', join(dir, 'missing.xml'), '--site', 'moved', '--format', 'disqus'])).toBe(2);
  expect(await main(['import', file, '--site', 'moved', '--format', 'disqus', '--rewrite', 'x'])).toBe(2);
});

it('exports native and WXR files; the WXR goes back in as WordPress', async () => {
  const native = join(dir, 'moved.json');
  const wxr = join(dir, 'moved.xml');
  err = '';
  expect(await main(['export', '--site', 'moved', '--out', native])).toBe(0);
  expect(err).toMatch(/export \[#+\] 100%/);
  const data = JSON.parse(readFileSync(native, 'utf8'));
  expect(data.format).toBe('afterword-native');
  expect(data.comments).toHaveLength(8);
  expect(data.pages.map((p: { page: string }) => p.page).sort()).toEqual(['/about/', '/posts/hello/']);
  expect(
    data.comments.find((c: { author: { email?: string } }) => c.author.email === 'zoe@example.com'),
  ).toBeTruthy();

  expect(await main(['export', '--site', 'moved', '--format', 'wxr', '--out', wxr])).toBe(0);
  const xml = readFileSync(wxr, 'utf8');
  expect(xml).toContain('<wp:comment_approved><![CDATA[spam]]></wp:comment_approved>');
  expect(xml).toContain('<link>https://blog.example/posts/hello/index.html?utm=feed</link>');

  expect(await main(['site', 'add', 'again', '--origin', 'https://blog.example'])).toBe(0);
  out = '';
  expect(await main(['import', wxr, '--site', 'again', '--format', 'wordpress'])).toBe(0);
  expect(out).toContain('imported 8 comments into again (0 already there, 0 problems, 2 pages)');
  out = '';
  expect(await main(['export', '--site', 'again'])).toBe(0);
  const back = JSON.parse(out.slice(out.indexOf('{')));
  const shape = (d: {
    comments: { status: string; depth: number; author: { name: string }; createdAt: string }[];
  }) => d.comments.map((c) => `${c.createdAt} ${c.status} ${c.depth} ${c.author.name}`).sort();
  expect(shape(back)).toEqual(shape(data));
});
