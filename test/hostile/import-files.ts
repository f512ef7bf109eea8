/**
 * Hostile import files, generated (never stored): each is small enough for the HTTP import (under 6 MB)
 * and shaped to make a parser spend time or memory out of proportion to one comment.
 */
import initSqlJs from 'sql.js';
import type { ImportFormat } from '../../api/src/contract/limits.js';

export interface HostileFile {
  name: string;
  format: ImportFormat;
  /** What the file tries to do to the importer. */
  attack: string;
  make: () => Promise<Buffer>;
  /** Comments a bounded importer still takes from it (undefined: the file may be refused whole). */
  imports?: number;
}

const MB = 1024 * 1024;
const WXR_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">' +
  '<channel><link>https://hostile.example</link><item><link>https://hostile.example/p/</link>';
const WXR_TAIL = '</item></channel></rss>';
const DISQUS_HEAD =
  '<?xml version="1.0" encoding="utf-8"?><disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">';

const wpComment = (id: number, inner = '') =>
  `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_date_gmt>2020-01-01 00:00:00</wp:comment_date_gmt>` +
  `<wp:comment_content>fine</wp:comment_content>${inner}</wp:comment>`;

const remarkLine = (id: string, pid: string | undefined, page: string) =>
  JSON.stringify({
    id,
    ...(pid ? { pid } : {}),
    text: '<p>x</p>',
    user: { name: 'u', id: 'u1' },
    locator: { site: 'hostile', url: `https://hostile.example${page}` },
    time: '2020-01-01T00:00:00Z',
  });

const buf = (s: string) => Buffer.from(s, 'utf8');

async function sqlite(schema: string, fill?: (db: import('sql.js').Database) => void): Promise<Buffer> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec(schema);
  fill?.(db);
  const bytes = Buffer.from(db.export());
  db.close();
  return bytes;
}

/**
 * Remark42 comments, each a reply to the one on the next line: the whole chain waits for its root. Releasing them
 * one inside the other would nest 2,000 calls deep: more than the server's stack holds (it runs with a quarter of
 * Node's default, import.test.ts), as 6,500 would be past the default, at a third of the writes.
 */
export const CHAIN = 2000;

export const HOSTILE_FILES: HostileFile[] = [
  {
    name: 'wxr-one-giant-text-node',
    format: 'wordpress',
    attack: 'one comment body of 5.5 MB in a single text node',
    make: async () =>
      buf(
        WXR_HEAD +
          wpComment(1) +
          `<wp:comment><wp:comment_id>2</wp:comment_id><wp:comment_date_gmt>2020-01-01 00:00:00</wp:comment_date_gmt>` +
          `<wp:comment_content>${'lorem ipsum '.repeat((5.5 * MB) / 12)}</wp:comment_content></wp:comment>` +
          WXR_TAIL,
      ),
  },
  {
    name: 'disqus-giant-attribute',
    format: 'disqus',
    attack: 'a thread id attribute of 5.5 MB',
    make: async () =>
      buf(
        `${DISQUS_HEAD}<thread dsq:id="${'7'.repeat(5.5 * MB)}"><link>https://h.example/</link></thread></disqus>`,
      ),
  },
  {
    name: 'xml-800k-deep',
    format: 'disqus',
    attack: 'a post holding elements nested 800,000 deep',
    make: async () =>
      buf(`${DISQUS_HEAD}<post dsq:id="1">${'<a>'.repeat(800_000)}${'</a>'.repeat(800_000)}</post></disqus>`),
  },
  {
    name: 'xml-million-children',
    format: 'wordpress',
    attack: 'one comment with a million empty child elements',
    make: async () => buf(WXR_HEAD + wpComment(1, '<x/>'.repeat(1_200_000)) + WXR_TAIL),
  },
  {
    name: 'xml-half-million-attributes',
    format: 'wordpress',
    attack: 'one element with half a million attributes',
    make: async () => {
      const attrs = Array.from({ length: 500_000 }, (_, i) => ` a${i}=""`).join('');
      return buf(`${WXR_HEAD}<wp:comment${attrs}><wp:comment_id>1</wp:comment_id></wp:comment>${WXR_TAIL}`);
    },
  },
  {
    name: 'remark42-reversed-reply-chain',
    format: 'remark42',
    attack: `${CHAIN} replies, each to the comment on the next line, the root last`,
    imports: CHAIN,
    make: async () => {
      const lines = ['{"version":1,"users":[],"posts":[]}'];
      for (let i = 0; i < CHAIN; i++)
        lines.push(remarkLine(`c${i}`, i < CHAIN - 1 ? `c${i + 1}` : undefined, '/chain/'));
      return buf(lines.join('\n'));
    },
  },
  {
    name: 'remark42-one-giant-line',
    format: 'remark42',
    attack: 'a 5.5 MB line between two ordinary comments',
    imports: 2,
    make: async () =>
      buf(
        [
          remarkLine('a', undefined, '/line/'),
          `{"id":"big","text":"${'y'.repeat(5.5 * MB)}"}`,
          remarkLine('b', undefined, '/line/'),
        ].join('\n'),
      ),
  },
  {
    name: 'remark42-deep-array-line',
    format: 'remark42',
    attack: 'a line of arrays nested 1.5 million deep',
    imports: 1,
    make: async () =>
      buf(
        [remarkLine('a', undefined, '/deep/'), `${'['.repeat(1_500_000)}${']'.repeat(1_500_000)}`].join('\n'),
      ),
  },
  {
    name: 'commento-two-million-empty-arrays',
    format: 'commento',
    attack: 'two million tiny records (empty arrays) in the comments array',
    imports: 0,
    make: async () =>
      buf(`{"version":1,"comments":[${Array(2_000_000).fill('[]').join(',')}],"commenters":[]}`),
  },
  {
    name: 'native-arrays-nested-three-million-deep',
    format: 'native',
    attack: 'one comment record of arrays nested three million deep',
    imports: 0,
    make: async () =>
      buf(
        `{"format":"afterword-native","version":1,"site":{"id":"x"},"pages":[],"comments":[${'['.repeat(3_000_000)}${']'.repeat(3_000_000)}]}`,
      ),
  },
  {
    name: 'waline-giant-unused-string',
    format: 'waline',
    attack: 'a 5.5 MB string in a field no importer reads, before the comments',
    imports: 1,
    make: async () =>
      buf(
        `{"__version":"${'v'.repeat(5.5 * MB)}","type":"waline","data":{"Comment":[` +
          '{"objectId":"1","url":"/waline/","comment":"hi","insertedAt":"2020-01-01T00:00:00Z"}]}}',
      ),
  },
  {
    name: 'isso-endless-recursive-view',
    format: 'isso',
    attack: 'comments is a view over a recursive CTE that never ends',
    make: () =>
      sqlite(`CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256), title VARCHAR(256));
        INSERT INTO threads VALUES (1, '/isso/', 't');
        CREATE VIEW comments AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n)
          SELECT 1 AS tid, x AS id, NULL AS parent, 1577836800 + x AS created, NULL AS modified, 1 AS mode,
          'x' AS text, 'a' AS author, NULL AS email, NULL AS website, 0 AS likes, 0 AS dislikes FROM n;`),
  },
  {
    name: 'isso-threads-view-cross-join',
    format: 'isso',
    attack: 'threads is a view joining a table with itself five times (10^15 rows)',
    make: () =>
      sqlite(
        `CREATE TABLE t (x); CREATE VIEW threads AS SELECT a.x AS id, 'u' AS uri, 't' AS title FROM t a, t b, t c, t d, t e;
         CREATE TABLE comments (tid, id INTEGER PRIMARY KEY, parent, created, modified, mode, text, author, email, website, likes, dislikes);`,
        (db) => {
          db.exec('BEGIN');
          for (let i = 0; i < 1000; i++) db.run('INSERT INTO t VALUES (?)', [i]);
          db.exec('COMMIT');
        },
      ),
  },
  {
    name: 'isso-generated-giant-column',
    format: 'isso',
    attack: 'a generated column that makes 50 MB of text for every row read',
    imports: 5,
    make: () =>
      sqlite(
        `CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256), title VARCHAR(256));
         INSERT INTO threads VALUES (1, '/generated/', 't');
         CREATE TABLE comments (tid, id INTEGER PRIMARY KEY, parent, created, modified, mode, author, email, website,
           likes, dislikes, text TEXT GENERATED ALWAYS AS (printf('%.*c', 50000000, 'x')) VIRTUAL);`,
        (db) => {
          for (let i = 1; i <= 5; i++)
            db.run('INSERT INTO comments (tid, id, created, mode, author) VALUES (1, ?, ?, 1, ?)', [
              i,
              1577836800 + i,
              'a',
            ]);
        },
      ),
  },
];
