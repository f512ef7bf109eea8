/**
 * Commento JSON export: `{version, comments:[{commentHex, domain, path, commenterHex, markdown, html,
 * parentHex ("root" at top level), score, state, creationDate, deleted}], commenters:[{commenterHex,
 * email, name, link}]}`. Anonymous comments have commenterHex "anonymous". Ids are taken within the
 * comment's domain. Read record by record (json-scan.ts): commenters first, then comments.
 */
import type { CommentStatus } from '../../store/items.js';
import type { ImportRecord } from '../record.js';
import { originOf, str, toIso } from '../record.js';
import { jsonPieces, jsonRecords } from './json-scan.js';
import { isObject, notShaped, readAll } from './json-util.js';

const WHAT = 'Commento JSON';

const STATE: Record<string, CommentStatus> = { approved: 'approved', unapproved: 'pending', flagged: 'spam' };

export async function* parseCommento(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<ImportRecord> {
  const text = await readAll(chunks, WHAT);
  const shapes = new Map<string, string>();
  const people = new Map<string, Record<string, unknown>>();
  for await (const { value: p } of jsonPieces(text, WHAT, ['commenters[]'], shapes))
    if (isObject(p) && typeof p.commenterHex === 'string')
      people.set(p.commenterHex, { name: str(p.name), email: str(p.email), link: str(p.link) });
  if (shapes.get('') !== '{' || shapes.get('comments') !== '[')
    throw notShaped('Commento', 'no "comments" array');
  for await (const r of jsonRecords(text, WHAT, 'comments[]')) {
    if ('kind' in r) {
      yield r;
      continue;
    }
    const { n, record: c } = r;
    const id = str(c.commentHex);
    const path = str(c.path);
    const createdAt = toIso(c.creationDate);
    if (!id || path === undefined || !createdAt) {
      yield {
        kind: 'problem',
        where: `comment ${id ?? `#${n}`}`,
        message: 'needs commentHex, path, creationDate',
      };
      continue;
    }
    const who = people.get(str(c.commenterHex) ?? '') ?? {};
    const parent = str(c.parentHex);
    const domain = str(c.domain);
    const state = str(c.state) ?? 'approved';
    const score = typeof c.score === 'number' ? Math.trunc(c.score) : 0;
    const origin = originOf(domain);
    yield {
      kind: 'comment',
      sourceId: id,
      ...(origin ? { origin } : {}),
      ...(parent && parent !== 'root' ? { parentSourceId: parent } : {}),
      pageUrl:
        domain && !path.startsWith('http')
          ? `https://${domain}${path.startsWith('/') ? '' : '/'}${path}`
          : path || '/',
      body: str(c.markdown) ?? str(c.html) ?? '',
      bodyFormat: c.markdown !== undefined ? 'markdown' : 'html',
      authorName: str(who.name),
      authorEmail: str(who.email),
      authorWebsite: str(who.link),
      createdAt,
      status: c.deleted === true ? 'deleted' : (STATE[state] ?? 'pending'),
      up: Math.max(0, score),
      down: Math.max(0, -score),
    };
  }
}
