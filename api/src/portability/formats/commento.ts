/**
 * Commento JSON export (Commento's `commentoExportV1`, gzipped as it downloads: run.ts unpacks it):
 * `{version, comments:[{commentHex, domain, url, commenterHex, markdown, html, parentHex ("root" at top
 * level), score, state, creationDate, direction, deleted}], commenters:[{commenterHex, email, name, link,
 * photo, provider, joinDate, isModerator}]}`. The page path is written as `url` (its struct tag); `path`
 * is read too. Anonymous comments have commenterHex "anonymous"; "undefined" stands for an empty link
 * (photos are not kept: Afterword draws its own avatars); a deleted comment is kept with markdown
 * "[deleted]". Ids are taken within the comment's domain. Read record by record (json-scan.ts):
 * commenters first, then comments.
 */
import type { CommentStatus } from '../../store/items.js';
import type { ImportRecord } from '../record.js';
import { originOf, str, toIso } from '../record.js';
import { jsonPieces, jsonRecords } from './json-scan.js';
import { isObject, notShaped, readAll } from './json-util.js';

const WHAT = 'Commento JSON';

const STATE: Record<string, CommentStatus> = { approved: 'approved', unapproved: 'pending', flagged: 'spam' };

/** Commento writes "undefined" where a commenter gave no link or photo. */
const given = (v: unknown) => {
  const s = str(v)?.trim();
  return s && s !== 'undefined' ? s : undefined;
};

export async function* parseCommento(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<ImportRecord> {
  const text = await readAll(chunks, WHAT);
  const shapes = new Map<string, string>();
  const people = new Map<string, Record<string, unknown>>();
  const unread: ImportRecord[] = [];
  for await (const { value: p, skipped, line, index } of jsonPieces(text, WHAT, ['commenters[]'], shapes))
    if (isObject(p) && typeof p.commenterHex === 'string')
      people.set(p.commenterHex, {
        name: given(p.name),
        email: given(p.email),
        link: given(p.link),
        moderator: p.isModerator === true,
      });
    else if (unread.length < 1000)
      unread.push({
        kind: 'problem',
        where: `commenter #${index[0]! + 1} (line ${line})`,
        message: `${skipped ? `skipped: ${skipped}` : 'no commenterHex'}; their comments come without a name`,
      });
  if (shapes.get('') !== '{' || shapes.get('comments') !== '[')
    throw notShaped(
      'Commento',
      'no "comments" array (expected {version, comments: [...], commenters: [...]})',
    );
  yield* unread;
  for await (const r of jsonRecords(text, WHAT, 'comments[]')) {
    if ('kind' in r) {
      yield r;
      continue;
    }
    const { n, line, record: c } = r;
    const id = str(c.commentHex);
    const path = str(c.url) ?? str(c.path);
    const createdAt = toIso(c.creationDate);
    if (!id || path === undefined || !createdAt) {
      yield {
        kind: 'problem',
        where: `comment ${id ?? `#${n}`} (line ${line})`,
        message: 'needs commentHex, url and creationDate',
      };
      continue;
    }
    const who = people.get(str(c.commenterHex) ?? '') ?? {};
    const parent = str(c.parentHex);
    const domain = str(c.domain);
    const state = str(c.state) || 'approved';
    const score = typeof c.score === 'number' ? Math.trunc(c.score) : 0;
    const origin = originOf(domain);
    const markdown = str(c.markdown);
    const deleted = c.deleted === true || markdown === '[deleted]';
    yield {
      kind: 'comment',
      sourceId: id,
      ...(origin ? { origin } : {}),
      ...(parent && parent !== 'root' ? { parentSourceId: parent } : {}),
      pageUrl:
        domain && !path.startsWith('http')
          ? `https://${domain}${path.startsWith('/') ? '' : '/'}${path}`
          : path || '/',
      body: deleted ? '' : markdown || str(c.html) || '',
      bodyFormat: markdown ? 'markdown' : 'html',
      authorName: str(who.name),
      authorEmail: str(who.email),
      authorWebsite: str(who.link),
      moderator: who.moderator === true,
      createdAt,
      status: deleted ? 'deleted' : (STATE[state] ?? 'pending'),
      up: Math.max(0, score),
      down: Math.max(0, -score),
    };
  }
}
