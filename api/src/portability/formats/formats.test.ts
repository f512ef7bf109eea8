/**
 * The importers on the files real systems write (shapes taken from each system's own export code and
 * test data, in our own words), and the lenient path: a broken record is named and skipped, the rest read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImportComment, ImportFormatError, type ImportRecord } from '../record.js';
import { single } from '../run.js';
import { MAX_XML_ERRORS } from '../xml.js';
import { parseCommento } from './commento.js';
import { parseDisqus } from './disqus.js';
import { parseIsso } from './isso.js';
import { parseNative } from './native.js';
import { parseRemark42 } from './remark42.js';
import { parseWaline } from './waline.js';
import { parseWordpress } from './wordpress.js';

const FIX = join(import.meta.dirname, '../fixtures');

async function drain(gen: AsyncGenerator<ImportRecord>): Promise<ImportRecord[]> {
  const out: ImportRecord[] = [];
  for await (const r of gen) out.push(r);
  return out;
}
const comments = (rs: ImportRecord[]) => rs.filter((r): r is ImportComment => r.kind === 'comment');
const problems = (rs: ImportRecord[]) => rs.filter((r) => r.kind === 'problem');

/** Commento's export as its Go code writes it (`json.Marshal` of commentoExportV1): page path under "url". */
const COMMENTO = {
  version: 1,
  comments: [
    {
      commentHex: 'a1'.repeat(32),
      domain: 'localhost:1313',
      url: '/post/first-post/',
      commenterHex: 'f0'.repeat(32),
      markdown: 'Top-level, by a signed-up commenter',
      html: '',
      parentHex: 'root',
      score: 2,
      state: 'approved',
      creationDate: '2020-01-27T14:07:49.244432Z',
      direction: 0,
      deleted: false,
    },
    {
      commentHex: 'b2'.repeat(32),
      domain: 'localhost:1313',
      url: '/post/first-post/',
      commenterHex: 'anonymous',
      markdown: 'An anonymous reply',
      html: '',
      parentHex: 'a1'.repeat(32),
      score: 0,
      state: 'unapproved',
      creationDate: '2020-01-27T14:08:44.061525Z',
      direction: 0,
      deleted: false,
    },
    {
      commentHex: 'c3'.repeat(32),
      domain: 'localhost:1313',
      url: '/post/first-post/',
      commenterHex: 'anonymous',
      markdown: '[deleted]',
      html: '',
      parentHex: 'root',
      score: 0,
      state: 'approved',
      creationDate: '2020-01-28T09:00:00Z',
      direction: 0,
      deleted: false,
    },
  ],
  commenters: [
    {
      commenterHex: 'f0'.repeat(32),
      email: 'john@example.com',
      name: 'John Doe',
      link: 'undefined',
      photo: 'undefined',
      provider: 'commento',
      joinDate: '2020-01-27T14:17:59.298737Z',
      isModerator: false,
    },
  ],
};

describe('Commento, as its export is written', () => {
  it('reads the page from "url", people from commenters, "undefined" as nothing, "[deleted]" as deleted', async () => {
    const rs = await drain(parseCommento(single(JSON.stringify(COMMENTO))));
    expect(problems(rs)).toEqual([]);
    const [top, reply, gone] = comments(rs);
    expect(top).toMatchObject({
      sourceId: 'a1'.repeat(32),
      origin: 'localhost:1313',
      pageUrl: 'https://localhost:1313/post/first-post/',
      body: 'Top-level, by a signed-up commenter',
      bodyFormat: 'markdown',
      authorName: 'John Doe',
      authorEmail: 'john@example.com',
      createdAt: '2020-01-27T14:07:49.244Z',
      status: 'approved',
      up: 2,
    });
    expect(top!.authorWebsite).toBeUndefined();
    expect(reply).toMatchObject({ parentSourceId: 'a1'.repeat(32), status: 'pending' });
    expect(reply!.authorName).toBeUndefined();
    expect(gone).toMatchObject({ status: 'deleted', body: '' });
  });

  it('still reads "path" (as some converters write it)', async () => {
    const c = { ...COMMENTO.comments[0], url: undefined, path: '/old/' };
    const rs = await drain(parseCommento(single(JSON.stringify({ ...COMMENTO, comments: [c] }))));
    expect(comments(rs)[0]!.pageUrl).toBe('https://localhost:1313/old/');
  });

  it('skips one record that is not valid JSON, naming it by index and line, and reads the rest', async () => {
    const text = JSON.stringify(COMMENTO, null, 2).replace(
      '"markdown": "An anonymous reply",',
      '"markdown": "An anonymous reply",,',
    );
    const rs = await drain(parseCommento(single(text)));
    expect(comments(rs).map((c) => c.body)).toEqual(['Top-level, by a signed-up commenter', '']);
    const line = text.split('\n').findIndex((l) => l.includes('reply",,')) + 1;
    const start = text.split('\n').findIndex((l) => l.includes('"b2b2')) - 1 + 1;
    expect(problems(rs)).toEqual([
      {
        kind: 'problem',
        where: `comment #2 (line ${start})`,
        message: expect.stringMatching(new RegExp(`^skipped: not valid JSON at line ${line}, column \\d+: `)),
      },
    ]);
  });

  it('names a commenter record it cannot read; their comments still come', async () => {
    const text = JSON.stringify(COMMENTO, null, 1).replace('"name": "John Doe",', '"name": "John Doe",,');
    const rs = await drain(parseCommento(single(text)));
    expect(comments(rs)).toHaveLength(3);
    expect(comments(rs)[0]!.authorName).toBeUndefined();
    expect(problems(rs)).toEqual([
      {
        kind: 'problem',
        where: expect.stringMatching(/^commenter #1 \(line \d+\)$/),
        message: expect.stringMatching(
          /^skipped: not valid JSON at line \d+, column \d+: .*; their comments come without a name$/,
        ),
      },
    ]);
  });

  it('refuses a file whose brackets do not close, saying where it opens', async () => {
    const text = `{"version": 1,\n "comments": [\n  {"commentHex": "x", "url": "/a/"`;
    const err = await drain(parseCommento(single(text))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFormatError);
    expect((err as Error).message).toMatch(/not closed \(it opens at line 2, column 14\)/);
  });
});

describe('Isso JSON, both shapes', () => {
  it('reads the generic JSON of `isso import --type generic`: threads with their comments', async () => {
    const rs = await drain(parseIsso(single(readFileSync(join(FIX, 'isso-generic.json')))));
    const cs = comments(rs);
    expect(cs.map((c) => [c.sourceId, c.pageUrl, c.title])).toEqual([
      ['/posts/engine/#0', '/posts/engine/', 'Notes+on+the+engine'],
      ['/posts/engine/#1', '/posts/engine/', 'Notes+on+the+engine'],
      ['/posts/compilers/#0', '/posts/compilers/', 'Compilers'],
    ]);
    expect(cs[0]).toMatchObject({
      authorName: 'Ada Lovelace',
      authorEmail: 'ada@example.com',
      authorWebsite: 'https://ada.example.org',
      createdAt: '2016-05-04T18:30:00.000Z',
      bodyFormat: 'markdown',
      status: 'approved',
    });
    // Empty strings are nothing; the address is never carried.
    expect([cs[1]!.authorName, cs[1]!.authorEmail, cs[1]!.authorWebsite]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(JSON.stringify(rs)).not.toMatch(/192\.0\.2\.17|remote_addr/);
    expect(problems(rs)).toEqual([
      {
        kind: 'problem',
        where: 'comment #3 of thread /posts/engine/ (line 22)',
        message: 'needs a thread id and created',
      },
    ]);
  });

  it('reads its tables as JSON, skipping one broken row by index and line', async () => {
    const text = readFileSync(join(FIX, 'isso.json'), 'utf8').replace('"likes": 2,', '"likes": 2,,');
    const rs = await drain(parseIsso(single(text)));
    expect(comments(rs).some((c) => c.body.startsWith('First!'))).toBe(false);
    expect(comments(rs).some((c) => c.body === 'A reply')).toBe(true);
    expect(problems(rs)[0]).toMatchObject({
      where: 'a row of comments #1 (line 7)',
      message: expect.stringMatching(/^skipped: not valid JSON at line 18, column \d+/),
    });
  });

  it('says which shapes it reads when the JSON is neither', async () => {
    const err = await drain(parseIsso(single('{"comments": {}}'))).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /\{threads: \[\.\.\.\], comments: \[\.\.\.\]\}.*generic JSON.*comments\.db/,
    );
  });
});

const DISQUS = `<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <thread dsq:id="t1"><forum>blog</forum><link>https://blog.example/a/</link><title>A &amp; B</title></thread>
  <post dsq:id="p1"><message><![CDATA[<p>fine</p>]]></message><createdAt>2015-01-01T00:00:00Z</createdAt><thread dsq:id="t1"/></post>
  <post dsq:id="p2"><message>Fish & chips</message><createdAt>2015-01-02T00:00:00Z</createdAt><thread dsq:id="t1"/></post>
  <post dsq:id="p3"><message>also fine</message><createdAt>2015-01-03T00:00:00Z</createdAt><thread dsq:id="t1"/></post>
</disqus>`;

describe('XML read on past an error', () => {
  it('Disqus: one bad token skips its post (named by id, line and column); the others import', async () => {
    const rs = await drain(parseDisqus(single(DISQUS)));
    expect(comments(rs).map((c) => c.sourceId)).toEqual(['p1', 'p3']);
    expect(problems(rs)).toEqual([
      {
        kind: 'problem',
        where: 'post p2 (line 5)',
        message: 'skipped: not well-formed XML at line 5, column 36: Invalid character in entity name',
      },
    ]);
  });

  it('WordPress: an error in a comment skips it; one in a post body is named and read past', async () => {
    const wxr = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><link>https://wp.example</link>
<item><title>One</title><link>https://wp.example/one/</link><wp:post_id>10</wp:post_id>
<content:encoded>Tom & Jerry</content:encoded>
<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_date_gmt>2014-01-01 10:00:00</wp:comment_date_gmt><wp:comment_content>ok</wp:comment_content></wp:comment>
<wp:comment><wp:comment_id>2</wp:comment_id><wp:comment_date_gmt>2014-01-01 11:00:00</wp:comment_date_gmt><wp:comment_content>a < b</wp:comment_content></wp:comment>
<wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_date_gmt>2014-01-01 12:00:00</wp:comment_date_gmt><wp:comment_content>ok too</wp:comment_content></wp:comment>
</item></channel></rss>`;
    const rs = await drain(parseWordpress(single(wxr)));
    expect(comments(rs).map((c) => c.sourceId)).toEqual(['1', '3']);
    expect(problems(rs)).toEqual([
      {
        kind: 'problem',
        where: 'line 5, column 23',
        message:
          'not well-formed XML at line 5, column 23: Invalid character in entity name; read on after it',
      },
      {
        kind: 'problem',
        where: 'comment #2 of post 10 (line 7)',
        message: expect.stringMatching(/^skipped: not well-formed XML at line 7, column \d+: /),
      },
    ]);
  });

  it('a file cut short keeps what came before the cut and says where the cut record began', async () => {
    const cut = DISQUS.slice(0, DISQUS.indexOf('<post dsq:id="p3">') + 40);
    const rs = await drain(parseDisqus(single(cut)));
    expect(comments(rs).map((c) => c.sourceId)).toEqual(['p1']);
    expect(problems(rs).map((p) => `${p.where}: ${p.message}`)).toEqual([
      'post p2 (line 5): skipped: not well-formed XML at line 5, column 36: Invalid character in entity name',
      expect.stringMatching(/^line 6, column \d+: the file ends before its elements close/),
      '<post> at line 6: the file ends inside it (cut short?): skipped',
    ]);
  });

  it('reads past a few stray characters before the XML, and says so', async () => {
    const rs = await drain(parseDisqus(single(`\`${DISQUS}`)));
    expect(comments(rs).map((c) => c.sourceId)).toEqual(['p1', 'p3']);
    expect(problems(rs)[0]).toEqual({
      kind: 'problem',
      where: 'line 1, column 1',
      message: 'stray text before the XML: skipped',
    });
    const long = await drain(parseDisqus(single(`${'x'.repeat(100)}${DISQUS}`))).catch((e) => e);
    expect((long as Error).message).toBe('not XML at line 1, column 1: Non-whitespace before first tag');
  });

  it("refuses at once an attribute past the parser's 64 KB buffer (reading on would grow it)", async () => {
    const xml = `<disqus><thread dsq:id="${'7'.repeat(200_000)}"><link>https://h.example/</link></thread></disqus>`;
    const err = await drain(parseDisqus(single(xml))).catch((e) => e);
    expect(err).toBeInstanceOf(ImportFormatError);
    expect((err as Error).message).toMatch(
      /^not well-formed XML at line 1, column \d+: Max buffer length exceeded/,
    );
  });

  it(`refuses a file with more than ${MAX_XML_ERRORS} errors, naming the last`, async () => {
    const bad = Array.from({ length: MAX_XML_ERRORS + 1 }, (_, i) => `<post dsq:id="${i}">a & b</post>`);
    const err = await drain(parseDisqus(single(`<disqus>\n${bad.join('\n')}\n</disqus>`))).catch((e) => e);
    expect(err).toBeInstanceOf(ImportFormatError);
    expect((err as Error).message).toBe(
      `not well-formed XML: more than ${MAX_XML_ERRORS} errors, the last at line ${MAX_XML_ERRORS + 2}, column 23: Invalid character in entity name`,
    );
  });
});

describe('JSON formats read on past a broken record', () => {
  const cases = [
    { name: 'waline', file: 'waline.json', parse: parseWaline, anchor: '"nick": "Zoë Ångström",' },
    { name: 'native', file: 'native.json', parse: parseNative, anchor: '"status": "approved",' },
  ];
  it.each(cases)('$name: the broken one is named by index and line, the rest import', async (tc) => {
    const text = readFileSync(join(FIX, tc.file), 'utf8');
    const before = comments(await drain(tc.parse(single(text)))).length;
    const broken = text.replace(tc.anchor, `${tc.anchor} oops`);
    const rs = await drain(tc.parse(single(broken)));
    expect(comments(rs)).toHaveLength(before - 1);
    const line = broken.split('\n').findIndex((l) => l.includes(' oops')) + 1;
    expect(problems(rs)).toContainEqual({
      kind: 'problem',
      where: expect.stringMatching(/^comment #1 \(line \d+\)$/),
      message: expect.stringMatching(new RegExp(`^skipped: not valid JSON at line ${line}, column \\d+`)),
    });
  });

  it('remark42: a broken line is named by its number, the rest import', async () => {
    const lines = readFileSync(join(FIX, 'remark42.jsonl'), 'utf8').split('\n');
    const before = comments(await drain(parseRemark42(single(lines.join('\n'))))).length;
    lines[2] = lines[2]!.slice(0, -1);
    const rs = await drain(parseRemark42(single(lines.join('\n'))));
    expect(comments(rs)).toHaveLength(before - 1);
    expect(problems(rs)).toContainEqual({ kind: 'problem', where: 'line 3', message: 'not JSON' });
  });
});
