/**
 * Disqus XML export: `<thread dsq:id>` elements (link, title, isClosed) first, then `<post dsq:id>`
 * elements pointing at their thread and parent, with the message as HTML (usually CDATA). Ids are taken
 * within the thread's forum.
 */
import type { ImportRecord } from '../record.js';
import { originOf, toIso } from '../record.js';
import { child, childNode, local, xmlRecords } from '../xml.js';

export async function* parseDisqus(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<ImportRecord> {
  const threads = new Map<string, { link: string; title?: string; forum?: string }>();
  let n = 0;
  for await (const node of xmlRecords(chunks, new Set(['thread', 'post']))) {
    if ('kind' in node) {
      yield node;
      continue;
    }
    const id = node.attrs['dsq:id'] ?? node.attrs.id;
    if (node.skipped) {
      if (node.name.endsWith('post')) n++;
      const which = id ? `${local(node.name)} ${id}` : `${local(node.name)} #${n}`;
      yield { kind: 'problem', where: `${which} (line ${node.line})`, message: `skipped: ${node.skipped}` };
      continue;
    }
    if (node.name.endsWith('thread') && node.depth === 2) {
      const link = child(node, 'link')?.trim();
      if (!id || !link) {
        yield { kind: 'problem', where: `thread ${id ?? '?'}`, message: 'a thread without id or link' };
        continue;
      }
      const title = child(node, 'title')?.trim();
      const forum = originOf(child(node, 'forum'));
      threads.set(id, { link, ...(title ? { title } : {}), ...(forum ? { forum } : {}) });
      yield {
        kind: 'page',
        pageUrl: link,
        ...(title ? { title } : {}),
        ...(child(node, 'isClosed')?.trim() === 'true' ? { locked: true } : {}),
      };
      continue;
    }
    if (!node.name.endsWith('post') || node.depth !== 2) continue;
    n++;
    const where = `post ${id ?? `#${n}`}`;
    const threadId = childNode(node, 'thread')?.attrs['dsq:id'];
    const thread = threadId ? threads.get(threadId) : undefined;
    const createdAt = toIso(child(node, 'createdAt'));
    if (!id) {
      yield { kind: 'problem', where, message: 'a post without dsq:id' };
      continue;
    }
    if (!thread) {
      yield { kind: 'problem', where, message: `thread "${threadId ?? ''}" is not in the file` };
      continue;
    }
    if (!createdAt) {
      yield { kind: 'problem', where, message: 'missing or unreadable createdAt' };
      continue;
    }
    const author = childNode(node, 'author');
    const deleted = child(node, 'isDeleted')?.trim() === 'true';
    const spam = child(node, 'isSpam')?.trim() === 'true';
    const parent = childNode(node, 'parent')?.attrs['dsq:id'];
    yield {
      kind: 'comment',
      sourceId: id,
      ...(thread.forum ? { origin: thread.forum } : {}),
      ...(parent ? { parentSourceId: parent } : {}),
      pageUrl: thread.link,
      ...(thread.title ? { title: thread.title } : {}),
      body: child(node, 'message') ?? '',
      bodyFormat: 'html',
      authorName: (author && child(author, 'name')) || undefined,
      authorEmail: (author && child(author, 'email')) || undefined,
      createdAt,
      status: deleted ? 'deleted' : spam ? 'spam' : 'approved',
    };
  }
}
