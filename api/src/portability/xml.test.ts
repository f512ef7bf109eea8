/** Hostile XML: entity expansion and external entities are refused at once, with a clear error. */
import { describe, expect, it } from 'vitest';
import { parseDisqus } from './formats/disqus.js';
import { parseWordpress } from './formats/wordpress.js';
import { ImportFormatError, type ImportRecord } from './record.js';
import { single } from './run.js';

const LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE disqus [
  <!ENTITY lol "lol">
  ${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n  ')}
]>
<disqus><thread dsq:id="1"><link>https://x.example/</link><title>&lol9;</title></thread></disqus>`;

const XXE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>
<title>&xxe;</title><link>https://x.example/p/</link>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_content>&xxe;</wp:comment_content>
<wp:comment_date_gmt>2020-01-01 00:00:00</wp:comment_date_gmt></wp:comment></item></channel></rss>`;

async function drain(gen: AsyncGenerator<ImportRecord>): Promise<ImportRecord[]> {
  const out: ImportRecord[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

describe('XML importers refuse entity tricks', () => {
  it('refuses a billion-laughs file quickly', async () => {
    const started = performance.now();
    const err = await drain(parseDisqus(single(LAUGHS))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFormatError);
    expect((err as Error).message).toMatch(/DOCTYPE/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses an external-entity file without reading the file', async () => {
    const err = await drain(parseWordpress(single(XXE))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFormatError);
    expect((err as Error).message).toMatch(/DOCTYPE.*refused/);
    expect((err as Error).message).not.toContain('root:');
  });

  it('skips a malformed record naming line and column, and refuses a file that is not XML', async () => {
    const records = await drain(parseDisqus(single('<disqus>\n<thread dsq:id="7"></disqus>')));
    expect(records).toEqual([
      {
        kind: 'problem',
        where: 'thread 7 (line 2)',
        message: 'skipped: not well-formed XML at line 2, column 28: Unexpected close tag',
      },
    ]);
    const err = await drain(parseDisqus(single('\n  {"comments": []}'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFormatError);
    expect((err as Error).message).toMatch(/^not XML at line 2, column 3: Non-whitespace before first tag$/);
  });

  it('reads a file split at any byte, multi-byte characters included', async () => {
    const xml = Buffer.from(
      '<disqus xmlns:dsq="d"><thread dsq:id="1"><link>https://x.example/a</link><title>Grüße 😀</title></thread></disqus>',
    );
    async function* bytes() {
      for (let i = 0; i < xml.length; i += 3) yield xml.subarray(i, i + 3);
    }
    const records = await drain(parseDisqus(bytes()));
    expect(records).toEqual([{ kind: 'page', pageUrl: 'https://x.example/a', title: 'Grüße 😀' }]);
  });
});
