/**
 * GET /feed.atom?site[&page]: recent approved comments as Atom. Per site from GSI1
 * (`QUEUE#<site>#approved`, newest first); per page from the page's partition, newest first.
 */
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { FeedQuery } from '../contract/requests.js';
import type { Deps } from '../deps.js';
import { validate } from '../middleware/validate.js';
import { atomFeed, type FeedEntry } from '../portability/atom.js';
import { type CommentItem, isComment, isPage, type PageItem } from '../store/items.js';
import { COMMENT_SK_PREFIX, keys } from '../store/keys.js';
import { requirePage, requireSite } from './helpers.js';

export const FEED_SIZE = 50;
export const FEED_CACHE_CONTROL = 'public, max-age=300, s-maxage=300';

export function feedRoutes(deps: Deps) {
  const { db } = deps.store;

  async function recentOfSite(site: string): Promise<CommentItem[]> {
    const res = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.queuePk(site, 'approved') },
        ScanIndexForward: false,
        Limit: FEED_SIZE,
      }),
    );
    return (res.Items ?? []).filter(isComment).filter((c) => c.status === 'approved');
  }

  async function recentOfPage(site: string, page: string): Promise<CommentItem[]> {
    const out: CommentItem[] = [];
    let start: Record<string, unknown> | undefined;
    for (let round = 0; round < 5 && out.length < FEED_SIZE; round++) {
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
          FilterExpression: '#status = :approved',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':pk': keys.pagePk(site, page),
            ':c': COMMENT_SK_PREFIX,
            ':approved': 'approved',
          },
          ScanIndexForward: false,
          Limit: FEED_SIZE * 2,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of res.Items ?? []) if (isComment(item) && out.length < FEED_SIZE) out.push(item);
      start = res.LastEvaluatedKey;
      if (!start) break;
    }
    return out;
  }

  async function pagesOf(site: string, pages: string[]): Promise<Map<string, PageItem>> {
    const out = new Map<string, PageItem>();
    const unique = [...new Set(pages)].slice(0, 100);
    if (unique.length === 0) return out;
    const res = await db.doc.send(
      new BatchGetCommand({ RequestItems: { [db.table]: { Keys: unique.map((p) => keys.page(site, p)) } } }),
    );
    for (const item of res.Responses?.[db.table] ?? []) if (isPage(item)) out.set(item.page, item);
    return out;
  }

  return new Hono().get('/', validate('query', FeedQuery), async (c) => {
    const q = c.req.valid('query');
    const site = await requireSite(deps, q.site);
    const page = q.page === undefined ? undefined : requirePage(q.page);
    const comments = page ? await recentOfPage(site.id, page) : await recentOfSite(site.id);
    const pages = await pagesOf(
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
