/**
 * Waline JSON export: `{__version, type: "waline", data: {Comment: [...], Users: [...]}}`; a comment
 * has objectId, nick, mail, link, comment (markdown), url (the page path), insertedAt, status
 * (approved | waiting | spam), pid (parent) and rid (thread root), like, sticky. Read record by record
 * (json-scan.ts). The file does not name its site: `origin` (CLI --origin) tells two Waline sources apart.
 */
import type { CommentStatus } from '../../store/items.js';
import type { ImportRecord } from '../record.js';
import { str, toIso } from '../record.js';
import { jsonRecords } from './json-scan.js';
import { notShaped, readAll } from './json-util.js';

const WHAT = 'Waline JSON';

const STATUS: Record<string, CommentStatus> = { approved: 'approved', waiting: 'pending', spam: 'spam' };

export async function* parseWaline(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<ImportRecord> {
  const text = await readAll(chunks, WHAT);
  const shapes = new Map<string, string>();
  for await (const r of jsonRecords(text, WHAT, 'data.Comment[]', shapes)) {
    if ('kind' in r) {
      yield r;
      continue;
    }
    const { n, line, record: c } = r;
    const id = str(c.objectId) ?? str(c.id);
    const url = str(c.url);
    const createdAt = toIso(c.insertedAt) ?? toIso(c.createdAt);
    if (!id || !url || !createdAt) {
      yield {
        kind: 'problem',
        where: `comment ${id ?? `#${n}`} (line ${line})`,
        message: 'needs objectId, url and insertedAt',
      };
      continue;
    }
    const status = STATUS[str(c.status) ?? 'approved'];
    if (!status) {
      yield { kind: 'problem', where: `comment ${id}`, message: `unknown status "${str(c.status)}"` };
      continue;
    }
    const parent = str(c.pid);
    yield {
      kind: 'comment',
      sourceId: id,
      ...(parent ? { parentSourceId: parent } : {}),
      pageUrl: url,
      body: str(c.comment) ?? '',
      bodyFormat: 'markdown',
      authorName: str(c.nick),
      authorEmail: str(c.mail),
      authorWebsite: str(c.link),
      createdAt,
      status,
      up: typeof c.like === 'number' ? Math.max(0, Math.trunc(c.like)) : 0,
      pinned: c.sticky === 1 || c.sticky === true,
    };
  }
  if (shapes.get('data.Comment') !== '[') throw notShaped('Waline', 'no data.Comment array');
}
