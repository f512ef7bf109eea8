/**
 * Isso as JSON, in the two shapes found in the wild: its tables as JSON (`{preferences?, threads: [{id,
 * uri, title}], comments: [{tid, id, parent, created, mode, text, ...}]}`, rows as isso.ts reads them from
 * SQLite), and the generic JSON Isso's own `isso import --type generic` takes: a list of threads
 * `[{id: "/uri/", title, comments: [{id, author, email, website, remote_addr, created: "YYYY-MM-DD
 * HH:MM:SS", text}]}]`. Generic ids count within their thread, so they are taken as `<thread>#<id>`.
 */
import type { ImportRecord } from '../record.js';
import { str, toIso } from '../record.js';
import { jsonPieces } from './json-scan.js';
import { isObject, notShaped } from './json-util.js';

const WHAT = 'Isso JSON';

export type IssoTable = 'threads' | 'comments';
export type IssoRow = Record<string, unknown>;

const SHAPES =
  'expected {threads: [...], comments: [...]} (its tables as JSON) or a list of threads with their comments (Isso generic JSON); an Isso database is read as the comments.db file itself';

/** Rows of the tables-as-JSON shape; a row that cannot be read comes as `{skipped, line}`. */
export async function* issoJsonRows(
  text: string,
  origin: { key?: string },
): AsyncGenerator<[IssoTable, IssoRow]> {
  const shapes = new Map<string, string>();
  for await (const { value: p } of jsonPieces(text, WHAT, ['preferences[]'], shapes))
    if (isObject(p) && p.key === 'session-key') origin.key ??= str(p.value);
  if (shapes.get('') !== '{' || shapes.get('threads') !== '[' || shapes.get('comments') !== '[')
    throw notShaped('Isso', SHAPES);
  for (const table of ['threads', 'comments'] as const)
    for await (const { value, skipped, line, index } of jsonPieces(text, WHAT, [`${table}[]`]))
      if (skipped) yield [table, { skipped, where: `#${index[0]! + 1} (line ${line})` }];
      else if (isObject(value)) yield [table, value];
      else yield [table, { skipped: 'not an object', where: `#${index[0]! + 1} (line ${line})` }];
}

/** Isso's generic JSON: threads first (their id and title), then every comment of each. */
export async function* issoGeneric(text: string): AsyncGenerator<ImportRecord> {
  const threads = new Map<number, { id?: string; title?: string }>();
  const shapes = new Map<string, string>();
  for await (const p of jsonPieces(text, WHAT, ['[].id', '[].title'], shapes)) {
    const t = threads.get(p.index[0]!) ?? {};
    const value = str(p.value)?.trim();
    if (p.path === '[].id') t.id = value;
    else if (value) t.title = value;
    threads.set(p.index[0]!, t);
  }
  if (shapes.get('') !== '[') throw notShaped('Isso', SHAPES);
  for await (const p of jsonPieces(text, WHAT, ['[].comments[]'])) {
    const [ti, ci] = p.index as [number, number];
    const thread = threads.get(ti);
    const where = `comment #${ci + 1} of thread ${thread?.id ?? `#${ti + 1}`} (line ${p.line})`;
    if (p.skipped || !isObject(p.value)) {
      yield { kind: 'problem', where, message: p.skipped ? `skipped: ${p.skipped}` : 'not an object' };
      continue;
    }
    const c = p.value;
    const createdAt = toIso(c.created);
    if (!thread?.id || !createdAt) {
      yield { kind: 'problem', where, message: 'needs a thread id and created' };
      continue;
    }
    const id = str(c.id) ?? String(ci + 1);
    const parent = str(c.parent);
    const mode = str(c.mode) ?? '1';
    yield {
      kind: 'comment',
      sourceId: `${thread.id}#${id}`,
      ...(parent ? { parentSourceId: `${thread.id}#${parent}` } : {}),
      pageUrl: thread.id,
      ...(thread.title ? { title: thread.title } : {}),
      body: str(c.text) ?? '',
      bodyFormat: 'markdown',
      authorName: str(c.author) || undefined,
      authorEmail: str(c.email) || undefined,
      authorWebsite: str(c.website) || undefined,
      createdAt,
      status: mode === '2' ? 'pending' : mode === '4' ? 'deleted' : 'approved',
    };
  }
}
