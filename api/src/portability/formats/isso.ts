/**
 * Isso: its SQLite database (tables `threads(id, uri, title)` and `comments(tid, id, parent, created,
 * modified, mode, text, author, email, website, likes, dislikes, ...)`), read with sql.js (WASM), or the
 * same two tables as JSON: `{threads: [...], comments: [...]}`. mode 1 = accepted, 2 = waiting, 4 = deleted.
 * Isso keeps comment text as markdown.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { CommentStatus } from '../../store/items.js';
import type { ImportRecord } from '../record.js';
import { ImportFormatError, str, toIso } from '../record.js';
import { isObject, parseJson } from './json-util.js';

const MODE: Record<string, CommentStatus> = { '1': 'approved', '2': 'pending', '4': 'deleted' };
const SQLITE_MAGIC = 'SQLite format 3\u0000';

type Row = Record<string, unknown>;

async function gather(chunks: AsyncIterable<string | Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : c);
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

async function readSqlite(bytes: Buffer): Promise<{ threads: Row[]; comments: Row[] }> {
  const SQL = await loadSqlJs();
  let db: InstanceType<typeof SQL.Database>;
  try {
    db = new SQL.Database(bytes);
  } catch (err) {
    throw new ImportFormatError(`not an Isso database: ${(err as Error).message}`);
  }
  const rows = (sql: string): Row[] => {
    const stmt = db.prepare(sql);
    const out: Row[] = [];
    while (stmt.step()) out.push(stmt.getAsObject());
    stmt.free();
    return out;
  };
  try {
    return {
      threads: rows('SELECT id, uri, title FROM threads'),
      comments: rows('SELECT * FROM comments ORDER BY created, id'),
    };
  } catch (err) {
    throw new ImportFormatError(`not an Isso database: ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

export async function* parseIsso(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<ImportRecord> {
  const bytes = await gather(chunks);
  let data: { threads: Row[]; comments: Row[] };
  if (bytes.subarray(0, 16).toString('latin1') === SQLITE_MAGIC) data = await readSqlite(bytes);
  else {
    const v = parseJson(bytes.toString('utf8').replace(/^\uFEFF/, ''), 'Isso JSON');
    if (!isObject(v) || !Array.isArray(v.threads) || !Array.isArray(v.comments))
      throw new ImportFormatError('not an Isso export: expected {threads: [...], comments: [...]}');
    data = { threads: v.threads.filter(isObject), comments: v.comments.filter(isObject) };
  }
  const threads = new Map<string, { uri: string; title?: string }>();
  for (const t of data.threads) {
    const id = str(t.id);
    const uri = str(t.uri);
    if (!id || !uri) {
      yield { kind: 'problem', where: `thread ${id ?? '?'}`, message: 'a thread without id or uri' };
      continue;
    }
    const title = str(t.title);
    threads.set(id, { uri, ...(title ? { title } : {}) });
  }
  for (const c of data.comments) {
    const id = str(c.id);
    const where = `comment ${id ?? '?'}`;
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
    yield {
      kind: 'comment',
      sourceId: id,
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
