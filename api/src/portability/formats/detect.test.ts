/** Format detection: each system's export told from its first bytes, a wrong named format refused with a hint. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ImportFormat } from '../../contract/limits.js';
import { issoDatabase } from '../fixtures.testkit.js';
import { ImportFormatError } from '../record.js';
import { single } from '../run.js';
import { detectFormat, FormatMismatchError, resolveFormat } from './detect.js';
import { peek } from './source.js';

const FIX = join(import.meta.dirname, '../fixtures');
const file = (name: string) => readFileSync(join(FIX, name));

async function text(chunks: AsyncIterable<string | Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(parts).toString('utf8');
}

const FILES: [string, ImportFormat][] = [
  ['disqus.xml', 'disqus'],
  ['wordpress.xml', 'wordpress'],
  ['commento.json', 'commento'],
  ['isso.json', 'isso'],
  ['isso-generic.json', 'isso'],
  ['remark42.jsonl', 'remark42'],
  ['waline.json', 'waline'],
  ['native.json', 'native'],
];

describe('detectFormat', () => {
  it.each(FILES)('%s is %s', (name, format) => {
    expect(detectFormat(file(name))?.format).toBe(format);
  });

  it('knows an Isso database, a Disqus file with no prolog, and a WXR whose namespaces come late', async () => {
    expect(detectFormat(await issoDatabase())?.format).toBe('isso');
    expect(detectFormat(Buffer.from('<disqus><thread/></disqus>'))?.format).toBe('disqus');
    expect(detectFormat(Buffer.from('`<?xml version="1.0"?>\n<disqus/>'))?.format).toBe('disqus');
    const wxr =
      '<?xml version="1.0"?>\n<!-- generator="WordPress" -->\n<rss version="2.0"><channel><wp:wxr_version>1.2</wp:wxr_version>';
    expect(detectFormat(Buffer.from(wxr))?.format).toBe('wordpress');
  });

  it('tells nothing from what is none of them (a body quoting a key does not count)', () => {
    expect(detectFormat(Buffer.from('<html><body/></html>'))).toBeUndefined();
    expect(detectFormat(Buffer.from('{"comments": [{"text": "say \\"commentHex\\": 1"}]}'))).toBeUndefined();
    expect(detectFormat(Buffer.from('id,url\n1,/a/\n'))).toBeUndefined();
  });
});

describe('resolveFormat', () => {
  it('refuses a named format the file plainly is not, saying what it looks like', async () => {
    const err = await resolveFormat(single(file('disqus.xml')), 'wordpress').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FormatMismatchError);
    expect((err as FormatMismatchError).detected).toBe('disqus');
    expect((err as Error).message).toBe(
      'this file looks like a Disqus export, not a WordPress export (WXR): import it as disqus, or name no format',
    );
    const isso = await resolveFormat(single(file('isso-generic.json')), 'commento').catch((e: unknown) => e);
    expect((isso as Error).message).toMatch(/^this file looks like Isso generic JSON, not a Commento export/);
  });

  it('tells the format when none is named, and keeps every byte for the parser', async () => {
    const bytes = file('waline.json');
    const got = await resolveFormat(single(bytes), undefined);
    expect([got.format, got.detected]).toEqual(['waline', true]);
    expect(await text(got.chunks)).toBe(bytes.toString('utf8'));
  });

  it('unpacks a gzipped export (Commento and Disqus hand out .gz files)', async () => {
    const bytes = file('commento.json');
    const got = await resolveFormat(single(gzipSync(bytes)), undefined);
    expect(got.format).toBe('commento');
    expect(await text(got.chunks)).toBe(bytes.toString('utf8'));
    const damaged = gzipSync(bytes).subarray(0, 200);
    const err = await resolveFormat(single(damaged), 'commento')
      .then((r) => text(r.chunks))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFormatError);
  });

  it('asks for a format when the file shows none', async () => {
    const err = await resolveFormat(single('id,url\n1,/a/\n'), undefined).catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      'cannot tell the format of this file (it looks like neither XML, JSON nor an SQLite database): name one of disqus, wordpress, isso, remark42, commento, waline, native',
    );
    // A named format the first bytes cannot confirm is left to its parser.
    expect((await resolveFormat(single('{"x": 1}'), 'commento')).format).toBe('commento');
  });

  it('peeks across chunk bounds without losing or reordering any', async () => {
    async function* parts() {
      for (const p of ['ab', Buffer.from('cd'), 'ef', 'gh']) yield p;
    }
    const { head, chunks } = await peek(parts(), 5);
    expect(head.toString()).toBe('abcde');
    expect(await text(chunks)).toBe('abcdefgh');
  });
});
