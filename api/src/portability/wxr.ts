/** Writes WordPress WXR 1.2 (so people can move on): one `<item>` per page with its `<wp:comment>`s. */
import { xmlCdata as cdata, escapeXml as xml } from '../domain/escape.js';
import { normalizePage } from '../domain/page-path.js';
import type { NativeComment, NativePage } from './native.js';

/** The postmeta key that carries a page's stored URL when `<link>` cannot be it (read back on import). */
export const URL_META_KEY = 'afterword_url';

const APPROVED: Record<NativeComment['status'], string> = {
  approved: '1',
  pending: '0',
  spam: 'spam',
  deleted: 'trash',
};

const wpDate = (iso: string) => iso.slice(0, 19).replace('T', ' ');

export function wxrHead(site: { name: string; origins: string[] }): string {
  const link = site.origins[0] ?? 'https://example.invalid';
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>${xml(site.name)}</title>
<link>${xml(link)}</link>
<wp:wxr_version>1.2</wp:wxr_version>
<generator>afterword</generator>
`;
}

export const WXR_TAIL = '</channel>\n</rss>\n';

const originOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The item's `<link>`, which importers (ours and others) read as the page: the stored URL when it leads
 * back to the page key, else the key on the site's origin (an SPA route, a query-string route, a URL on
 * another host); then `url` is the stored URL, to be kept in a postmeta.
 */
export function wxrLink(page: NativePage, origin: string | undefined): { link: string; url?: string } {
  if (page.url && normalizePage(page.url) === page.page) return { link: page.url };
  const base = (origin ?? originOf(page.url) ?? '').replace(/\/+$/, '');
  return { link: `${base}${page.page}`, ...(page.url ? { url: page.url } : {}) };
}

/** One page with its comments; numeric ids are given by `number` (WXR wants integers). */
export function wxrItem(
  page: NativePage,
  postId: number,
  origin: string | undefined,
  comments: NativeComment[],
  number: (id: string) => number,
): string {
  const { link, url } = wxrLink(page, origin);
  const parts = [
    '<item>',
    `<title>${xml(page.title ?? '')}</title>`,
    `<link>${xml(link)}</link>`,
    `<wp:post_id>${postId}</wp:post_id>`,
    `<wp:post_name>${cdata(page.page)}</wp:post_name>`,
    `<wp:status>${cdata('publish')}</wp:status>`,
    `<wp:post_type>${cdata('post')}</wp:post_type>`,
    `<wp:comment_status>${cdata(page.locked ? 'closed' : 'open')}</wp:comment_status>`,
  ];
  if (url)
    parts.push(
      `<wp:postmeta><wp:meta_key>${cdata(URL_META_KEY)}</wp:meta_key><wp:meta_value>${cdata(url)}</wp:meta_value></wp:postmeta>`,
    );
  for (const c of comments) {
    parts.push(
      '<wp:comment>',
      `<wp:comment_id>${number(c.id)}</wp:comment_id>`,
      `<wp:comment_author>${cdata(c.author.name)}</wp:comment_author>`,
      `<wp:comment_author_email>${cdata(c.author.email ?? '')}</wp:comment_author_email>`,
      `<wp:comment_author_url>${xml(c.author.website ?? '')}</wp:comment_author_url>`,
      `<wp:comment_date>${cdata(wpDate(c.createdAt))}</wp:comment_date>`,
      `<wp:comment_date_gmt>${cdata(wpDate(c.createdAt))}</wp:comment_date_gmt>`,
      `<wp:comment_content>${cdata(c.html)}</wp:comment_content>`,
      `<wp:comment_approved>${cdata(APPROVED[c.status])}</wp:comment_approved>`,
      `<wp:comment_type>${cdata('comment')}</wp:comment_type>`,
      `<wp:comment_parent>${c.parentId ? number(c.parentId) : 0}</wp:comment_parent>`,
      '</wp:comment>',
    );
  }
  parts.push('</item>\n');
  return parts.join('\n');
}
