/**
 * The thread as an HTML fragment to paste into a page at build time: the same comments as the JSON
 * file (their HTML already sanitized when written), replies nested in their parent, schema.org
 * `Comment` microdata, no script. The widget finds it by `data-afterword-thread` and takes it over.
 * No scores: a vote rewrites only the thread JSON (changes.ts), so `data-version` may lag behind it.
 */
import type { ThreadFile } from '../contract/files.js';
import type { PublicComment } from '../contract/responses.js';
import { escapeHtml } from '../domain/escape.js';

function author(c: PublicComment): string {
  const name = `<span itemprop="name">${escapeHtml(c.author.name)}</span>`;
  // Only a web address becomes a link (an imported `javascript:` one stays text-free).
  const inner =
    c.author.website && /^https?:\/\//i.test(c.author.website)
      ? `<a itemprop="url" href="${escapeHtml(c.author.website)}" rel="nofollow ugc noopener">${name}</a>`
      : name;
  const mod = c.author.moderator ? ' data-moderator=""' : '';
  return `<span class="afterword-author" itemprop="author" itemscope itemtype="https://schema.org/Person"${mod}>${inner}</span>`;
}

function comment(c: PublicComment, children: Map<string | null, PublicComment[]>, nested: boolean): string {
  const replies = children.get(c.id) ?? [];
  const inner = replies.length
    ? `<div class="afterword-replies">${replies.map((r) => comment(r, children, true)).join('')}</div>`
    : '';
  const data = `id="afterword-${escapeHtml(c.id)}" data-id="${escapeHtml(c.id)}" data-depth="${c.depth}"${
    c.parentId ? ` data-parent="${escapeHtml(c.parentId)}"` : ''
  }`;
  if (c.status === 'deleted')
    return `<article class="afterword-comment afterword-deleted" ${data}>${inner}</article>`;
  const prop = nested ? ' itemprop="comment"' : '';
  const edited = c.editedAt ? `<meta itemprop="dateModified" content="${escapeHtml(c.editedAt)}">` : '';
  return (
    `<article class="afterword-comment" ${data}${c.pinned ? ' data-pinned=""' : ''}${prop} itemscope itemtype="https://schema.org/Comment">` +
    `<header>${author(c)} <time itemprop="dateCreated" datetime="${escapeHtml(c.createdAt)}">${c.createdAt.slice(0, 10)}</time>${edited}</header>` +
    `<div class="afterword-body" itemprop="text">${c.html}</div>${inner}</article>`
  );
}

export function threadHtml(t: ThreadFile): string {
  const ids = new Set(t.comments.map((c) => c.id));
  const children = new Map<string | null, PublicComment[]>();
  for (const c of t.comments) {
    // A reply whose parent is not in the file (past the cap) is shown at the top level.
    const parent = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  const attrs =
    `class="afterword-thread" data-afterword-thread="" data-site="${escapeHtml(t.page.site)}" ` +
    `data-page="${escapeHtml(t.page.page)}" data-version="${t.version}" data-count="${t.page.count}"` +
    (t.complete ? '' : ' data-partial=""');
  const body = (children.get(null) ?? []).map((c) => comment(c, children, false)).join('');
  return `<section ${attrs}>${body}</section>\n`;
}
