/** `afterword import` without --format (told from the file, gzipped too) and with a wrong one (refused with a hint). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { captureCli } from '../testing/cli.js';
import { main } from './main.js';

const FIX = join(import.meta.dirname, '../portability/fixtures');
const dir = mkdtempSync(join(tmpdir(), 'aw-cli-format-'));
const io = captureCli({ sharedTable: true });

it('refuses a wrong --format with what the file looks like, and writes nothing', async () => {
  expect(await main(['site', 'add', 'told', '--origin', 'https://blog.example'])).toBe(0);
  io.out = '';
  io.err = '';
  const file = join(FIX, 'disqus.xml');
  expect(await main(['import', file, '--site', 'told', '--format', 'wordpress'])).toBe(2);
  expect(io.err).toContain(
    `${file}: this file looks like a Disqus export; use --format disqus (or leave --format out)`,
  );
  expect(io.out).not.toContain('imported');
  io.err = '';
  expect(
    await main(['import', join(FIX, 'isso-generic.json'), '--site', 'told', '--format', 'commento']),
  ).toBe(2);
  expect(io.err).toContain('this file looks like Isso generic JSON; use --format isso');
});

it('tells the format when --format is left out, a gzipped Commento download included', async () => {
  io.out = '';
  io.err = '';
  expect(await main(['import', join(FIX, 'disqus.xml'), '--site', 'told', '--quiet'])).toBe(0);
  expect(io.err).toContain('read as a Disqus export (--format disqus, told from the file)');
  expect(io.out).toContain('imported 8 comments into told (0 already there, 2 problems, 2 pages)');

  const gz = join(dir, 'commento-blog.example-1700000000.json.gz');
  writeFileSync(gz, gzipSync(readFileSync(join(FIX, 'commento.json'))));
  io.out = '';
  io.err = '';
  expect(await main(['import', gz, '--site', 'told', '--quiet'])).toBe(0);
  expect(io.err).toContain('read as a Commento export');
  expect(io.out).toContain('imported 8 comments into told (0 already there, 2 problems');

  const csv = join(dir, 'comments.csv');
  writeFileSync(csv, 'id,url,text\n1,/a/,hello\n');
  io.err = '';
  expect(await main(['import', csv, '--site', 'told'])).toBe(1);
  expect(io.err).toContain('cannot tell the format of this file');
});

it('imports a Disqus file with one broken token: the rest goes in, the broken post is named by line and column', async () => {
  const xml = readFileSync(join(FIX, 'disqus.xml'), 'utf8');
  const broken = join(dir, 'broken.xml');
  const at = xml.indexOf('<message>', xml.indexOf('<post '));
  writeFileSync(
    broken,
    `${xml.slice(0, at)}<message>Fish & chips</message>${xml.slice(xml.indexOf('</message>', at) + 10)}`,
  );
  expect(await main(['site', 'add', 'broken', '--origin', 'https://blog.example'])).toBe(0);
  io.out = '';
  io.err = '';
  expect(await main(['import', broken, '--site', 'broken', '--quiet'])).toBe(0);
  expect(io.err).toContain(
    'skipped post 2001 (line 25): skipped: not well-formed XML at line 27, column 20: Invalid character in entity name',
  );
  // The broken post goes; the others stay, its reply kept at the top level (and said so).
  expect(io.err).toContain('skipped 2002: parent "2001" is not in the file; kept as a top-level comment');
  expect(io.out).toContain('imported 7 comments into broken (0 already there, 5 problems, 2 pages)');
});
