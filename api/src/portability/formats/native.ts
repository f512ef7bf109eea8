/**
 * The native format (see ../native.schema.json): pages and comments as Afterword exported them, read
 * record by record (json-scan.ts). Its ids are Afterword's own (random), so they need no source site.
 */
import { publicCounts } from '../../contract/reactions.js';
import { REMOTE_SOURCES, type RemoteOrigin, type RemoteSource } from '../../contract/remote.js';
import { cleanRemote } from '../../domain/comment/remote.js';
import { COMMENT_STATUSES, type CommentStatus } from '../../store/items.js';
import { NATIVE_FORMAT } from '../native.js';
import type { ImportRecord } from '../record.js';
import { ImportFormatError, str, toIso } from '../record.js';
import { jsonPieces, jsonRecords } from './json-scan.js';
import { isObject, readAll } from './json-util.js';

const WHAT = 'Afterword native JSON';

/** A comment's origin elsewhere as the file gives it (one line each, https links only), else none. */
function remoteOf(v: unknown): RemoteOrigin | undefined {
  if (!isObject(v) || !REMOTE_SOURCES.includes(v.source as RemoteSource)) return undefined;
  const remoteId = str(v.remoteId);
  const url = str(v.url);
  if (!remoteId || !url) return undefined;
  const [handle, profile, parentRemoteId] = [str(v.handle), str(v.profile), str(v.parentRemoteId)];
  return cleanRemote({
    source: v.source as RemoteSource,
    remoteId,
    url,
    ...(handle ? { handle } : {}),
    ...(profile ? { profile } : {}),
    ...(parentRemoteId ? { parentRemoteId } : {}),
  });
}

export async function* parseNative(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<ImportRecord> {
  const text = await readAll(chunks, WHAT);
  const head: Record<string, unknown> = {};
  const shapes = new Map<string, string>();
  for await (const { path, value } of jsonPieces(text, WHAT, ['format', 'version'], shapes))
    head[path] = value;
  if (shapes.get('') !== '{' || head.format !== NATIVE_FORMAT || shapes.get('comments') !== '[')
    throw new ImportFormatError(`not an Afterword export: "format" must be "${NATIVE_FORMAT}"`);
  if (head.version !== 1) throw new ImportFormatError(`unsupported native version ${String(head.version)}`);
  for await (const { value: p, skipped, line, index } of jsonPieces(text, WHAT, ['pages[]'])) {
    if (!isObject(p) || typeof p.page !== 'string') {
      const where = `page #${index[0]! + 1} (line ${line})`;
      yield { kind: 'problem', where, message: skipped ? `skipped: ${skipped}` : 'a page without a path' };
      continue;
    }
    yield {
      kind: 'page',
      pageUrl: p.page,
      ...(str(p.title) ? { title: str(p.title) } : {}),
      ...(str(p.url) ? { url: str(p.url) } : {}),
      ...(p.locked === true ? { locked: true } : {}),
      ...(toIso(p.createdAt) ? { createdAt: toIso(p.createdAt) } : {}),
    };
  }
  for await (const r of jsonRecords(text, WHAT, 'comments[]')) {
    if ('kind' in r) {
      yield r;
      continue;
    }
    const { n, line, record: c } = r;
    const id = str(c.id);
    const page = str(c.page);
    const createdAt = toIso(c.createdAt);
    const status = c.status as CommentStatus;
    if (!id || !page || !createdAt || !COMMENT_STATUSES.includes(status)) {
      yield {
        kind: 'problem',
        where: `comment ${id ?? `#${n}`} (line ${line})`,
        message: 'needs id, page, createdAt, status',
      };
      continue;
    }
    const a = isObject(c.author) ? c.author : {};
    const remote = remoteOf(c.remote);
    const reactions = publicCounts(c.reactions);
    const votes = (Array.isArray(c.votes) ? c.votes : []).flatMap((v) =>
      isObject(v) && typeof v.voter === 'string' && (v.value === 1 || v.value === -1)
        ? [
            {
              voter: v.voter,
              value: v.value as 1 | -1,
              ...(str(v.createdAt) ? { createdAt: str(v.createdAt) } : {}),
            },
          ]
        : [],
    );
    yield {
      kind: 'comment',
      sourceId: id,
      ...(str(c.parentId) ? { parentSourceId: str(c.parentId) } : {}),
      pageUrl: page,
      body: str(c.body) ?? '',
      bodyFormat: 'markdown',
      html: str(c.html) ?? '',
      authorName: str(a.name),
      authorEmail: str(a.email),
      authorWebsite: str(a.website),
      avatar: str(a.avatar),
      moderator: a.moderator === true,
      createdAt,
      ...(toIso(c.editedAt) ? { editedAt: toIso(c.editedAt) } : {}),
      ...(toIso(c.statusAt) ? { statusAt: toIso(c.statusAt) } : {}),
      status,
      placeholder: c.placeholder === true,
      up: typeof c.up === 'number' ? c.up : 0,
      down: typeof c.down === 'number' ? c.down : 0,
      votes,
      ...(reactions ? { reactions } : {}),
      pinned: c.pinned === true,
      notify: c.notify === true,
      ...(remote ? { remote } : {}),
    };
  }
}
