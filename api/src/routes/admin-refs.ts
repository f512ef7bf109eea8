/** Reads what admin lists show beside their items: page URLs and the comments they name (one batch each). */
import type { CommentRef } from '../contract/responses.js';
import type { Store } from '../store/index.js';
import type { CommentItem } from '../store/items.js';
import { commentRef, type RowContext } from './admin-view.js';

/** The stored URLs of these pages of a site (pages without one are left out). */
async function pageUrls(store: Store, site: string, pages: string[]): Promise<Map<string, string>> {
  const items = await store.pages.many(site, pages);
  const out = new Map<string, string>();
  for (const [page, item] of items) if (item.url) out.set(page, item.url);
  return out;
}

/** The comments of `site` among these ids, as list entries name them (with their page's URL). */
export async function commentRefs(
  store: Store,
  site: string,
  ids: string[],
): Promise<Map<string, CommentRef>> {
  const found = [...(await store.lookup.comments(ids)).values()].filter((c) => c.site === site);
  const urls = await pageUrls(
    store,
    site,
    found.map((c) => c.page),
  );
  return new Map(found.map((c) => [c.id, commentRef(c, urls.get(c.page))]));
}

/** Per queue row: its page's URL and the comment it replies to. */
export async function rowContexts(
  store: Store,
  site: string,
  comments: CommentItem[],
): Promise<Map<string, RowContext>> {
  const parentIds = comments.map((c) => c.parentId).filter((id): id is string => !!id);
  const [urls, parents] = await Promise.all([
    pageUrls(
      store,
      site,
      comments.map((c) => c.page),
    ),
    parentIds.length > 0 ? commentRefs(store, site, parentIds) : new Map<string, CommentRef>(),
  ]);
  return new Map(
    comments.map((c) => [
      c.id,
      { pageUrl: urls.get(c.page), parent: c.parentId ? parents.get(c.parentId) : undefined },
    ]),
  );
}
