/**
 * WordPress WXR (RSS 2.0 with the `wp:` namespace): each `<item>` is a post (title, link) holding its
 * `<wp:comment>` elements; comment_parent 0 means top level; pingbacks and trackbacks are skipped.
 * Comment ids are numbers counted per blog: they are taken within the blog's base_blog_url (one blog of a
 * multisite network), else its base_site_url, else the channel's link.
 */
import type { CommentStatus } from '../../store/items.js';
import type { ImportRecord } from '../record.js';
import { originOf, toIso } from '../record.js';
import { child, xmlRecords } from '../xml.js';

const STATUS: Record<string, CommentStatus> = {
  '1': 'approved',
  approve: 'approved',
  '0': 'pending',
  hold: 'pending',
  spam: 'spam',
  trash: 'deleted',
  'post-trashed': 'deleted',
};

/** WordPress stores comments as text with a few tags; blank lines are paragraphs (as wpautop does). */
export function wpToHtml(content: string): string {
  const text = content.replace(/\r\n?/g, '\n').trim();
  if (/<(p|br)\b/i.test(text)) return text;
  return text
    .split(/\n{2,}/)
    .map((para) => `<p>${para.replace(/\n/g, '<br>')}</p>`)
    .join('');
}

const origin = (blog: Record<string, string | undefined>) =>
  blog['wp:base_blog_url'] ?? blog['wp:base_site_url'] ?? blog.link;

export async function* parseWordpress(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<ImportRecord> {
  let link: string | undefined;
  let title: string | undefined;
  let postId = '';
  let n = 0;
  const blog: Record<string, string | undefined> = {};
  const collect = new Set([
    'title',
    'link',
    'wp:post_id',
    'wp:comment',
    'wp:comment_status',
    'wp:postmeta',
    'wp:base_site_url',
    'wp:base_blog_url',
  ]);
  const onOpen = (name: string, _a: Record<string, string>, depth: number) => {
    if (name === 'item' && depth === 3) {
      link = undefined;
      title = undefined;
      postId = '';
    }
  };
  for await (const node of xmlRecords(chunks, collect, onOpen)) {
    if ('kind' in node) {
      yield node;
      continue;
    }
    if (node.skipped) {
      const which =
        node.name === 'wp:comment' ? `comment #${++n} of post ${postId || '?'}` : `<${node.name}>`;
      yield { kind: 'problem', where: `${which} (line ${node.line})`, message: `skipped: ${node.skipped}` };
      continue;
    }
    if (node.depth === 3) {
      blog[node.name] ??= originOf(node.text);
      continue;
    }
    if (node.depth !== 4) continue;
    if (node.name === 'link') link = node.text.trim();
    else if (node.name === 'title') title = node.text.trim();
    else if (node.name === 'wp:post_id') postId = node.text.trim();
    else if (node.name === 'wp:comment_status') {
      if (link && node.text.trim() === 'closed') yield { kind: 'page', pageUrl: link, locked: true };
    } else if (node.name === 'wp:postmeta') {
      // Afterword's own export keeps a page's URL here when <link> had to be the page path.
      const url = child(node, 'meta_key')?.trim() === 'afterword_url' && child(node, 'meta_value')?.trim();
      if (link && url) yield { kind: 'page', pageUrl: link, url };
    } else if (node.name === 'wp:comment') {
      n++;
      const cid = child(node, 'comment_id')?.trim();
      const where = `comment ${cid ?? `#${n}`} of post ${postId || '?'}`;
      const type = child(node, 'comment_type')?.trim() ?? '';
      if (type === 'pingback' || type === 'trackback') {
        yield { kind: 'problem', where, message: `a ${type}, not a comment: skipped` };
        continue;
      }
      if (!cid || !link) {
        yield { kind: 'problem', where, message: 'missing comment_id or the post link' };
        continue;
      }
      const createdAt =
        toIso(child(node, 'comment_date_gmt')) ?? toIso(child(node, 'comment_date')) ?? undefined;
      if (!createdAt) {
        yield { kind: 'problem', where, message: 'missing or unreadable comment_date_gmt' };
        continue;
      }
      const approved = child(node, 'comment_approved')?.trim() ?? '1';
      const status = STATUS[approved];
      if (!status) {
        yield { kind: 'problem', where, message: `unknown comment_approved "${approved.slice(0, 40)}"` };
        continue;
      }
      const parent = child(node, 'comment_parent')?.trim();
      yield {
        kind: 'comment',
        // Comment ids are unique per WordPress site, not per post.
        sourceId: cid,
        ...(origin(blog) ? { origin: origin(blog) } : {}),
        ...(parent && parent !== '0' ? { parentSourceId: parent } : {}),
        pageUrl: link,
        ...(title ? { title } : {}),
        body: wpToHtml(child(node, 'comment_content') ?? ''),
        bodyFormat: 'html',
        authorName: child(node, 'comment_author') || undefined,
        authorEmail: child(node, 'comment_author_email') || undefined,
        authorWebsite: child(node, 'comment_author_url') || undefined,
        createdAt,
        status,
      };
    }
  }
}
