/** `afterword import` and `afterword export` against DynamoDB Local: progress, files, WXR out and back in. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { captureCli } from '../testing/cli.js';
import { main } from './main.js';

const FIX = join(import.meta.dirname, '../portability/fixtures');
const dir = mkdtempSync(join(tmpdir(), 'aw-cli-'));
const io = captureCli({ sharedTable: true });

it('imports a file with progress and reports skipped records one by one', async () => {
  expect(await main(['site', 'add', 'moved', '--origin', 'https://blog.example'])).toBe(0);
  io.out = '';
  io.err = '';
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
  expect(io.out).toContain('imported 8 comments into moved (0 already there, 2 problems, 2 pages)');
  expect(io.err).toMatch(/import \[#+\] 100%/);
  expect(io.err).toContain('skipped post 2009: thread "999" is not in the file');
  expect(io.err).toContain('skipped post 2010: missing or unreadable createdAt');
  io.out = '';
  expect(await main(['import', file, '--site', 'moved', '--format', 'disqus'])).toBe(0);
  expect(io.out).toContain('imported 0 comments into moved (8 already there');
  expect(await main(['import', file, '--site', 'moved', '--format', 'nope'])).toBe(2);
  expect(await main(['import', join(dir, 'missing.xml'), '--site', 'moved', '--format', 'disqus'])).toBe(2);
  expect(await main(['import', file, '--site', 'moved', '--format', 'disqus', '--rewrite', 'x'])).toBe(2);
});

it('exports native and WXR files; the WXR goes back in as WordPress', async () => {
  const native = join(dir, 'moved.json');
  const wxr = join(dir, 'moved.xml');
  io.err = '';
  expect(await main(['export', '--site', 'moved', '--out', native])).toBe(0);
  expect(io.err).toMatch(/export \[#+\] 100%/);
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
  io.out = '';
  expect(await main(['import', wxr, '--site', 'again', '--format', 'wordpress'])).toBe(0);
  expect(io.out).toContain('imported 8 comments into again (0 already there, 0 problems, 2 pages)');
  io.out = '';
  expect(await main(['export', '--site', 'again'])).toBe(0);
  const back = JSON.parse(io.out.slice(io.out.indexOf('{')));
  const shape = (d: {
    comments: { status: string; depth: number; author: { name: string }; createdAt: string }[];
  }) => d.comments.map((c) => `${c.createdAt} ${c.status} ${c.depth} ${c.author.name}`).sort();
  expect(shape(back)).toEqual(shape(data));
});
