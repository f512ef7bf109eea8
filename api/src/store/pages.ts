/** Page items of a site: many by name, or listed from GSI3 (`PAGES#<site>`, in page order) for exports. */
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { isPage, type PageItem } from './items.js';
import { keys } from './keys.js';
import { itemsOf } from './lookup.js';
import { queryIndex3 } from './query.js';

export function createPageList(db: Db) {
  return {
    /** Every page item of the site (paginated reads, never a Scan). */
    all(site: string): Promise<PageItem[]> {
      return queryIndex3(db, keys.sitePagesPk(site), isPage);
    },

    /** Page items of many pages of one site, in one BatchGetItem (the first 100 distinct pages). */
    async many(site: string, pages: string[]): Promise<Map<string, PageItem>> {
      const out = new Map<string, PageItem>();
      const unique = [...new Set(pages)].slice(0, 100);
      if (unique.length === 0) return out;
      const res = await db.doc.send(
        new BatchGetCommand({
          RequestItems: { [db.table]: { Keys: unique.map((p) => keys.page(site, p)) } },
        }),
      );
      for (const item of res.Responses?.[db.table] ?? []) if (isPage(item)) out.set(item.page, item);
      return out;
    },

    /** Up to `limit` pages after `afterPage` (from the first when undefined); `more` when some are left. */
    async after(
      site: string,
      afterPage: string | undefined,
      limit: number,
    ): Promise<{ pages: PageItem[]; more: boolean }> {
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.sitePagesPk(site) },
          Limit: limit,
          ExclusiveStartKey:
            afterPage === undefined
              ? undefined
              : { ...keys.sitePages(site, afterPage), ...keys.page(site, afterPage) },
        }),
      );
      return {
        pages: (await itemsOf(db, res.Items ?? [])).filter(isPage),
        more: res.LastEvaluatedKey !== undefined,
      };
    },

    /** Up to `limit` pages from `page` on (inclusive). */
    async from(site: string, page: string, limit: number): Promise<{ pages: PageItem[] }> {
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk >= :from',
          ExpressionAttributeValues: { ':pk': keys.sitePagesPk(site), ':from': page },
          Limit: limit,
        }),
      );
      return { pages: (await itemsOf(db, res.Items ?? [])).filter(isPage) };
    },
  };
}

export type PageList = ReturnType<typeof createPageList>;
