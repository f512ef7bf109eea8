/**
 * Commento JSON export: `{version, comments:[{commentHex, domain, path, commenterHex, markdown, html,
 * parentHex ("root" at top level), score, state, creationDate, deleted}], commenters:[{commenterHex,
 * email, name, link}]}`. Anonymous comments have commenterHex "anonymous".
 */
import type { CommentStatus } from '../../store/items.js';
import type { ImportRecord } from '../record.js';
import { ImportFormatError, str, toIso } from '../record.js';
import { isObject, parseJson, readAll } from './json-util.js';

const STATE: Record<string, CommentStatus> = { approved: 'approved', unapproved: 'pending', flagged: 'spam' };

export async function* parseCommento(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<ImportRecord> {
  const data = parseJson(await readAll(chunks), 'Commento JSON');
  if (!isObject(data) || !Array.isArray(data.comments))
    throw new ImportFormatError('not a Commento export: no "comments" array');
  const people = new Map<string, Record<string, unknown>>();
  for (const p of Array.isArray(data.commenters) ? data.commenters : [])
    if (isObject(p) && typeof p.commenterHex === 'string') people.set(p.commenterHex, p);
  let n = 0;
  for (const c of data.comments) {
    n++;
    if (!isObject(c)) {
      yield { kind: 'problem', where: `comment #${n}`, message: 'not an object' };
      continue;
    }
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
    yield {
      kind: 'comment',
      sourceId: id,
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
