/**
 * Isso: its SQLite database (tables `threads(id, uri, title)` and `comments(tid, id, parent, created,
 * modified, mode, text, author, email, website, likes, dislikes, ...)`), read with sql.js (WASM), or
 * JSON (isso-json.ts: the same tables, or Isso's generic import JSON). mode 1 = accepted,
 * 2 = waiting, 4 = deleted. Isso keeps comment text as markdown. Ids are numbers counted per installation:
 * they are taken within its `session-key` preference (random, made once per database).
 * An untrusted database is read with fixed SELECTs on plain tables only (no view, no virtual table, no
 * generated column), query-only, row by row with a row limit; sql.js holds it whole, so its size is bounded.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Database, SqlValue } from 'sql.js';
import type { CommentStatus } from '../../store/items.js';
import { MAX_BODY_CHARS, MAX_JSON_FILE_BYTES, MAX_SQLITE_BYTES, MAX_SQLITE_ROWS, mb } from '../limits.js';
import { pacer } from '../pace.js';
import type { ImportRecord } from '../record.js';
import { ImportFormatError, originOf, str, toIso } from '../record.js';
import { issoGeneric, issoJsonRows, type IssoRow as Row, type IssoTable as Table } from './isso-json.js';

const MODE: Record<string, CommentStatus> = { '1': 'approved', '2': 'pending', '4': 'deleted' };
const SQLITE_MAGIC = 'SQLite format 3\u0000';
const THREAD_COLUMNS = ['id', 'uri', 'title'];
const COMMENT_COLUMNS = [
  'tid',
  'id',
  'parent',
  'created',
  'modified',
  'mode',
  'text',
  'author',
  'email',
  'website',
  'likes',
  'dislikes',
];

/** The file's bytes, refused as soon as they pass the bound of what they turn out to be. */
async function gather(chunks: AsyncIterable<string | Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  let limit = MAX_JSON_FILE_BYTES;
  for await (const c of chunks) {
    const b = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
    if (size < 16 && size + b.length >= 16) {
      const head = Buffer.concat([...parts, b])
        .subarray(0, 16)
        .toString('latin1');
      if (head === SQLITE_MAGIC) limit = MAX_SQLITE_BYTES;
    }
    size += b.length;
    if (size > limit)
      throw new ImportFormatError(
        `an Isso ${limit === MAX_SQLITE_BYTES ? 'database' : 'JSON file'} larger than ${mb(limit)} is not read`,
      );
    parts.push(b);
  }
  return Buffer.concat(parts);
}

/** sql.js with its WASM file, read beside the bundle or from the package (missing: a clear error). */
async function loadSqlJs() {
  let wasmBinary: ArrayBuffer;
  try {
    // Beside the Lambda bundle (api/build.ts copies it there), else from the package.
    const buf = await readFile(new URL('./sql-wasm.wasm', import.meta.url)).catch(() =>
      readFile(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm')),
    );
    wasmBinary = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  } catch {
    throw new ImportFormatError(
      'reading an Isso SQLite file needs the sql.js package: use `npx afterword import`, or send Isso JSON',
    );
  }
  const { default: initSqlJs } = await import('sql.js');
  return initSqlJs({ wasmBinary });
}

const notIsso = (err: unknown) => new ImportFormatError(`not an Isso database: ${(err as Error).message}`);
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function all(db: Database, sql: string): Row[] {
  const stmt = db.prepare(sql);
  try {
    const out: Row[] = [];
    while (stmt.step()) out.push(stmt.getAsObject());
    return out;
  } finally {
    stmt.free();
  }
}

/** The fixed SELECT of one table: only the columns Isso has, stored ones only, long text left out. */
function selectOf(db: Database, table: string, columns: string[]): string {
  const stored = new Set(
    all(db, `PRAGMA table_xinfo(${quote(table)})`)
      .filter((c) => c.hidden === 0)
      .map((c) => String(c.name)),
  );
  const list = columns.map((c) => {
    if (!stored.has(c)) return `NULL AS ${quote(c)}`;
    if (c === 'text')
      return `CASE WHEN length(text) > ${MAX_BODY_CHARS} THEN NULL ELSE text END AS text, length(text) > ${MAX_BODY_CHARS} AS text_too_long`;
    return `CASE WHEN length(${quote(c)}) > 2000 THEN NULL ELSE ${quote(c)} END AS ${quote(c)}`;
  });
  return `SELECT ${list.join(', ')} FROM ${quote(table)} LIMIT ${MAX_SQLITE_ROWS + 1}`;
}

/** Opens an untrusted database query-only, with its two tables checked to be plain tables. */
function openChecked(SQL: Awaited<ReturnType<typeof loadSqlJs>>, bytes: Buffer): Database {
  let db: Database;
  try {
    db = new SQL.Database(bytes);
    db.exec('PRAGMA query_only = ON; PRAGMA trusted_schema = OFF;');
  } catch (err) {
    throw notIsso(err);
  }
  try {
    const objects = all(
      db,
      "SELECT name, type, sql FROM sqlite_master WHERE name IN ('threads', 'comments', 'preferences')",
    );
    for (const name of ['threads', 'comments']) {
      const o = objects.find((x) => x.name === name);
      if (!o) throw new Error(`no table "${name}"`);
      if (o.type !== 'table' || /^\s*create\s+virtual/i.test(String(o.sql)))
        throw new Error(`"${name}" is a ${String(o.type)}, not a plain table: only plain tables are read`);
    }
    return db;
  } catch (err) {
    db.close();
    throw err instanceof ImportFormatError ? err : notIsso(err);
  }
}

/** The installation's session key, when the database has Isso's preferences table. */
function sessionKey(db: Database): string | undefined {
  const o = all(db, "SELECT type FROM sqlite_master WHERE name = 'preferences'")[0];
  if (o?.type !== 'table') return undefined;
  try {
    const row = all(
      db,
      "SELECT substr(value, 1, 200) AS value FROM preferences WHERE key = 'session-key' LIMIT 1",
    )[0];
    return str(row?.value);
  } catch {
    return undefined;
  }
}

async function* sqliteRows(bytes: Buffer, origin: { key?: string }): AsyncGenerator<[Table, Row]> {
  const db = openChecked(await loadSqlJs(), bytes);
  const pace = pacer();
  try {
    origin.key = sessionKey(db);
    for (const [table, columns] of [
      ['threads', THREAD_COLUMNS],
      ['comments', COMMENT_COLUMNS],
    ] as const) {
      let stmt: ReturnType<Database['prepare']>;
      try {
        stmt = db.prepare(selectOf(db, table, columns));
      } catch (err) {
        throw notIsso(err);
      }
      try {
        for (let n = 0; stmt.step(); n++) {
          if (n >= MAX_SQLITE_ROWS)
            throw new ImportFormatError(`more than ${MAX_SQLITE_ROWS} rows in "${table}": not read`);
          yield [table, stmt.getAsObject() as Record<string, SqlValue>];
          await pace();
        }
      } finally {
        stmt.free();
      }
    }
  } finally {
    db.close();
  }
}

export async function* parseIsso(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<ImportRecord> {
  const bytes = await gather(chunks);
  const source: { key?: string } = {};
  const sqlite = bytes.subarray(0, 16).toString('latin1') === SQLITE_MAGIC;
  const text = sqlite ? '' : bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (!sqlite && text.trimStart().startsWith('[')) {
    yield* issoGeneric(text);
    return;
  }
  const rows = sqlite ? sqliteRows(bytes, source) : issoJsonRows(text, source);
  const threads = new Map<string, { uri: string; title?: string }>();
  for await (const [table, row] of rows) {
    if (typeof row.skipped === 'string') {
      yield {
        kind: 'problem',
        where: `a row of ${table} ${str(row.where) ?? ''}`.trim(),
        message: `skipped: ${row.skipped}`,
      };
      continue;
    }
    if (table === 'threads') {
      const id = str(row.id);
      const uri = str(row.uri);
      if (!id || !uri) {
        yield { kind: 'problem', where: `thread ${id ?? '?'}`, message: 'a thread without id or uri' };
        continue;
      }
      const title = str(row.title);
      threads.set(id, { uri, ...(title ? { title } : {}) });
      continue;
    }
    const c = row;
    const id = str(c.id);
    const where = `comment ${id ?? '?'}`;
    if (c.text_too_long === 1) {
      yield { kind: 'problem', where, message: `a text longer than ${MAX_BODY_CHARS} characters; skipped` };
      continue;
    }
    const thread = threads.get(str(c.tid) ?? '');
    const createdAt = toIso(c.created);
    if (!id || !thread || !createdAt) {
      yield { kind: 'problem', where, message: 'needs id, a known tid and created' };
      continue;
    }
    const status = MODE[str(c.mode) ?? '1'];
    if (!status) {
      yield { kind: 'problem', where, message: `unknown mode "${str(c.mode)}"` };
      continue;
    }
    const parent = str(c.parent);
    const modified = toIso(c.modified);
    const origin = originOf(source.key);
    yield {
      kind: 'comment',
      sourceId: id,
      ...(origin ? { origin } : {}),
      ...(parent ? { parentSourceId: parent } : {}),
      pageUrl: thread.uri,
      ...(thread.title ? { title: thread.title } : {}),
      body: str(c.text) ?? '',
      bodyFormat: 'markdown',
      authorName: str(c.author),
      authorEmail: str(c.email),
      authorWebsite: str(c.website),
      createdAt,
      ...(modified ? { editedAt: modified } : {}),
      status,
      up: typeof c.likes === 'number' ? c.likes : 0,
      down: typeof c.dislikes === 'number' ? c.dislikes : 0,
    };
  }
}
