/** Two sources whose comment ids overlap (small integers) import into one site side by side, each once. */
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFormat } from '../contract/limits.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { runImport, single } from './run.js';

const PER_SOURCE = 12;
let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await h.site('merged');
});
afterAll(async () => {
  await h?.drop();
});

/** A WXR file of one blog: comments 1..n on one post, every third a reply to the one before. */
function wordpress(base: string, post: string): string {
  const comments = Array.from({ length: PER_SOURCE }, (_, i) => {
    const id = i + 1;
    const parent = id % 3 === 0 ? id - 1 : 0;
    return `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>R${id}</wp:comment_author>
<wp:comment_date_gmt>2020-01-0${1 + (i % 9)} 10:00:0${i % 10}</wp:comment_date_gmt>
<wp:comment_content><![CDATA[${base} comment ${id}]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<title>${base}</title><link>https://${base}</link><wp:base_site_url>https://${base}</wp:base_site_url>
<item><title>Post</title><link>https://${base}${post}</link><wp:post_id>1</wp:post_id>
${comments}
</item></channel></rss>`;
}

/** An Isso database of one installation (its own session key), comments 1..n on one thread. */
async function isso(key: string, uri: string): Promise<Buffer> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec(`CREATE TABLE preferences (key VARCHAR PRIMARY KEY, value VARCHAR);
    CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));
    CREATE TABLE comments (tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,
      created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR, text VARCHAR,
      author VARCHAR, email VARCHAR, website VARCHAR, likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0,
      voters BLOB NOT NULL, notification INTEGER DEFAULT 0);`);
  db.run('INSERT INTO preferences VALUES (?, ?)', ['session-key', key]);
  db.run('INSERT INTO threads VALUES (1, ?, ?)', [uri, 'A thread']);
  for (let id = 1; id <= PER_SOURCE; id++)
    db.run('INSERT INTO comments VALUES (1, ?, ?, ?, NULL, 1, ?, ?, ?, NULL, NULL, 0, 0, ?, 0)', [
      id,
      id % 3 === 0 ? id - 1 : null,
      1577872800 + id,
      '192.0.2.1',
      `${key} comment ${id}`,
      `R${id}`,
      new Uint8Array([0]),
    ]);
  const bytes = Buffer.from(db.export());
  db.close();
  return bytes;
}

const run = (format: ImportFormat, file: string | Buffer) =>
  runImport({ store: h.store, secret: h.config.secret, site: 'merged', format, chunks: single(file) });

async function expectPage(page: string, marker: string) {
  const meta = await h.store.threads.getPage('merged', page);
  const listed = await h.store.threads.all('merged', page, true);
  expect(listed).toHaveLength(PER_SOURCE);
  expect(meta?.total).toBe(PER_SOURCE);
  expect(meta?.count).toBe(PER_SOURCE);
  for (const c of listed) expect(c.html).toContain(marker);
  const ids = new Set(listed.map((c) => c.id));
  expect(ids.size).toBe(PER_SOURCE);
  // Replies point at their parent of the same source.
  for (const c of listed.filter((x) => x.parentId !== null)) expect(ids.has(c.parentId!)).toBe(true);
  expect(listed.filter((c) => c.parentId !== null)).toHaveLength(PER_SOURCE / 3);
  return ids;
}

describe('sources with overlapping numeric ids', { timeout: 120_000 }, () => {
  const files: [string, ImportFormat, () => Promise<string | Buffer>, string, string][] = [
    ['blog one', 'wordpress', async () => wordpress('one.example', '/one/'), '/one/', 'one.example'],
    ['blog two', 'wordpress', async () => wordpress('two.example', '/two/'), '/two/', 'two.example'],
    ['isso A', 'isso', () => isso('a1b2c3', '/isso-a/'), '/isso-a/', 'a1b2c3'],
    ['isso B', 'isso', () => isso('d4e5f6', '/isso-b/'), '/isso-b/', 'd4e5f6'],
  ];

  it('import fully, one after another, counts exact', async () => {
    const all = new Set<string>();
    for (const [name, format, file, page, marker] of files) {
      const result = await run(format, await file());
      expect(result.imported, `${name}: ${JSON.stringify(result.problemList)}`).toBe(PER_SOURCE);
      expect(result.existing, name).toBe(0);
      for (const id of await expectPage(page, marker)) {
        expect(all.has(id), `${id} shared between sources`).toBe(false);
        all.add(id);
      }
    }
  });

  it('re-importing either adds nothing', async () => {
    for (const [name, format, file, page, marker] of files) {
      const again = await run(format, await file());
      expect(again.imported, name).toBe(0);
      expect(again.existing, name).toBe(PER_SOURCE);
      await expectPage(page, marker);
    }
  });
});
