/**
 * GET /feed.atom?site[&page]: recent approved comments as Atom. Per site from GSI1
 * (`QUEUE#<site>#approved`, newest first); per page from the page's partition, newest first.
 */
import { Hono } from 'hono';
import { FeedQuery } from '../contract/requests.js';
import type { Deps } from '../deps.js';
import { validate } from '../middleware/validate.js';
import { feedDocs } from '../openapi/operations.js';
import { atomFeed, type FeedEntry } from '../portability/atom.js';
import { requirePage, requireSite } from './helpers.js';

export const FEED_SIZE = 50;
export const FEED_CACHE_CONTROL = 'public, max-age=300, s-maxage=300';

export function feedRoutes(deps: Deps) {
  const { store } = deps;

  return new Hono().get('/', feedDocs, validate('query', FeedQuery), async (c) => {
    const q = c.req.valid('query');
    const site = await requireSite(deps, q.site);
    const page = q.page === undefined ? undefined : requirePage(q.page);
    const comments = page
      ? await store.threads.recentApproved(site.id, page, FEED_SIZE)
      : await store.moderation.inStatus(site.id, 'approved', FEED_SIZE, 'newest');
    const pages = await store.pages.many(
      site.id,
      comments.map((x) => x.page),
    );
    const origin = deps.config.publicUrl ?? new URL(c.req.url).origin;
    const base = site.origins[0];
    const urlOf = (p: string) => pages.get(p)?.url || (base ? `${base}${p}` : undefined);
    const entries: FeedEntry[] = comments.map((comment) => {
      const url = urlOf(comment.page);
      const title = pages.get(comment.page)?.title;
      return {
        comment,
        ...(title ? { pageTitle: title } : {}),
        ...(url ? { link: `${url}#comment-${comment.id}` } : {}),
      };
    });
    const self = `${origin}/api/v1/feed.atom?site=${encodeURIComponent(site.id)}${page ? `&page=${encodeURIComponent(page)}` : ''}`;
    const alternate = page ? urlOf(page) : base;
    const xml = atomFeed(
      {
        id: `urn:afterword:feed:${site.id}${page ? `:${page}` : ''}`,
        title: page ? `Comments on ${pages.get(page)?.title || page}` : `Comments on ${site.name}`,
        self,
        ...(alternate ? { alternate } : {}),
      },
      entries,
      site.updatedAt ?? site.createdAt,
    );
    c.header('Content-Type', 'application/atom+xml; charset=utf-8');
    c.header('Cache-Control', FEED_CACHE_CONTROL);
    return c.body(xml);
  });
}
