/** A comment named in a list (a ban's, a log entry's, a reply's parent): author, excerpt, a link to it on its page. */
import type { CommentRef } from './api.js';

/** The URL as a link target when it is http(s); anything else is shown as text only. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The comment's permalink on its page (the widget scrolls to `#comment-<id>`), when the page's URL is known. */
export const commentHref = (r: CommentRef) => {
  const page = safeHref(r.url);
  return page ? `${page.split('#')[0]}#comment-${r.id}` : undefined;
};

/** The page as a link (opening the blog in a new tab) when its URL is stored; else its path. */
export function PageLink({ page, url }: { page: string; url: string | undefined }) {
  const href = safeHref(url);
  return href ? (
    <a class="page" href={href} target="_blank" rel="noopener noreferrer">
      {page}
    </a>
  ) : (
    <span class="page">{page}</span>
  );
}

export function CommentRefView({ r }: { r: CommentRef }) {
  if (r.gone) return <span class="ref gone">a comment since erased (on {r.page})</span>;
  const href = commentHref(r);
  return (
    <span class="ref">
      <strong class="ref-name">{r.name || 'Anonymous'}</strong>
      {': '}
      {href ? (
        <a class="ref-text" href={href} target="_blank" rel="noopener noreferrer">
          “{r.excerpt}”
        </a>
      ) : (
        <span class="ref-text">“{r.excerpt}”</span>
      )}
    </span>
  );
}
