/**
 * Remark42 backup: JSON lines; the first line is metadata (`version`, `users`, `posts`), then one
 * comment per line: id, pid (parent), text (html) and orig (markdown), user, locator {site,url},
 * time, edit, score, votes, delete. Ids are taken within the comment's locator.site. A line past the
 * record bounds (size, nesting) is skipped as it streams by.
 */
import type { ImportRecord } from '../record.js';
import { originOf, str, toIso } from '../record.js';
import { parseBounded } from './json-scan.js';
import { isObject, lines } from './json-util.js';

export async function* parseRemark42(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<ImportRecord> {
  let n = 0;
  const blocked = new Set<string>();
  for await (const raw of lines(chunks)) {
    n++;
    if (raw.tooLong !== undefined) {
      yield { kind: 'problem', where: `line ${n}`, message: `a line of ${raw.tooLong} characters: skipped` };
      continue;
    }
    const line = raw.text.replace(/^\uFEFF/, '').trim();
    if (line === '') continue;
    let v: unknown;
    try {
      const parsed = parseBounded(line);
      if ('tooLarge' in parsed) {
        yield { kind: 'problem', where: `line ${n}`, message: `skipped: ${parsed.tooLarge}` };
        continue;
      }
      v = parsed.value;
    } catch {
      yield { kind: 'problem', where: `line ${n}`, message: 'not JSON' };
      continue;
    }
    if (!isObject(v)) {
      yield { kind: 'problem', where: `line ${n}`, message: 'not a JSON object' };
      continue;
    }
    if (n === 1 && !('id' in v) && ('users' in v || 'posts' in v || 'version' in v)) {
      for (const u of Array.isArray(v.users) ? v.users : [])
        if (isObject(u) && u.blocked === true && typeof u.id === 'string') blocked.add(u.id);
      continue;
    }
    const id = str(v.id);
    const locator = isObject(v.locator) ? v.locator : {};
    const url = str(locator.url);
    const createdAt = toIso(v.time);
    if (!id || !url || !createdAt) {
      yield { kind: 'problem', where: `line ${n}`, message: 'a comment needs id, locator.url and time' };
      continue;
    }
    const user = isObject(v.user) ? v.user : {};
    const edit = isObject(v.edit) ? toIso(v.edit.time) : undefined;
    const votes = isObject(v.votes) ? Object.values(v.votes) : [];
    const up = votes.filter((x) => x === true).length;
    const down = votes.filter((x) => x === false).length;
    const orig = str(v.orig);
    const origin = originOf(str(locator.site));
    yield {
      kind: 'comment',
      sourceId: id,
      ...(origin ? { origin } : {}),
      ...(str(v.pid) ? { parentSourceId: str(v.pid) } : {}),
      pageUrl: url,
      ...(str(v.title) ? { title: str(v.title) } : {}),
      body: orig ?? str(v.text) ?? '',
      bodyFormat: orig !== undefined ? 'markdown' : 'html',
      authorName: str(user.name),
      authorEmail: str(user.email),
      moderator: user.admin === true,
      createdAt,
      ...(edit ? { editedAt: edit } : {}),
      status: v.delete === true ? 'deleted' : blocked.has(str(user.id) ?? '') ? 'spam' : 'approved',
      up,
      down,
      pinned: v.pin === true,
    };
  }
}
