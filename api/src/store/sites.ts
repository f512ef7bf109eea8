/** Sites: settings, allowed origins (with their reverse index for CORS), and short, bounded in-memory caches. */
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import QuickLRU from 'quick-lru';
import type { Db } from './client.js';
import { isSite, type ModerationMode, type SiteItem } from './items.js';
import { keys } from './keys.js';
import { queryIndex3 } from './query.js';

export const SITE_DEFAULTS = {
  moderation: 'none' as ModerationMode,
  editWindowSec: 15 * 60,
  maxDepth: 5,
  maxBodyLength: 5000,
};

export type SiteSettings = Omit<SiteItem, 'type' | 'pk' | 'sk' | 'id' | 'createdAt' | 'updatedAt'>;

/** Origins are compared as `scheme://host[:port]`, lower-case, no path. */
export function normalizeOrigin(origin: string): string | undefined {
  try {
    const url = new URL(origin.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

export interface SiteStoreOptions {
  /** How long an answer (a site, a miss, an origin's verdict) is kept; 0 keeps none. */
  cacheMs: number;
  /** Most entries each cache holds: ids and origins come from clients, so misses are bounded too. */
  cacheEntries: number;
  now?: () => number;
}

export function createSiteStore(db: Db, options: SiteStoreOptions) {
  const now = options.now ?? Date.now;
  const max = Math.max(1, options.cacheEntries);
  const cache = new QuickLRU<string, { at: number; site: SiteItem | undefined }>({ maxSize: max });
  const originCache = new QuickLRU<string, { at: number; allowed: boolean }>({ maxSize: max });
  const caching = options.cacheMs > 0;
  /** Bumped by every write: a read that overlapped one does not cache what it saw (a stale miss). */
  let writes = 0;

  async function read(id: string, consistent = false): Promise<SiteItem | undefined> {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.table, Key: keys.site(id), ConsistentRead: consistent }),
    );
    return isSite(Item) ? Item : undefined;
  }

  return {
    /** A site's settings as stored now: strongly consistent, past the cache (the publisher). */
    fresh(id: string): Promise<SiteItem | undefined> {
      return read(id, true);
    },

    /** A site's settings, from a cache of `cacheMs`. */
    async get(id: string): Promise<SiteItem | undefined> {
      const hit = cache.get(id);
      if (hit && now() - hit.at < options.cacheMs) return hit.site;
      const seen = writes;
      const site = await read(id);
      if (caching && seen === writes) cache.set(id, { at: now(), site });
      return site;
    },

    /** True when some site allows this origin (answers CORS preflights). */
    async originKnown(origin: string): Promise<boolean> {
      const hit = originCache.get(origin);
      if (hit && now() - hit.at < options.cacheMs) return hit.allowed;
      const seen = writes;
      const { Items } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.originPk(origin) },
          Limit: 1,
        }),
      );
      const allowed = (Items?.length ?? 0) > 0;
      if (caching && seen === writes) originCache.set(origin, { at: now(), allowed });
      return allowed;
    },

    /** How many entries the caches hold now (each at most `cacheEntries`). */
    cacheSizes(): { sites: number; origins: number } {
      return { sites: cache.size, origins: originCache.size };
    },

    /** Creates a site (fails if it exists) or replaces its settings, keeping the origin index in step. */
    async put(id: string, settings: Partial<SiteSettings>, mode: 'create' | 'update'): Promise<SiteItem> {
      const before = await read(id, true);
      if (mode === 'create' && before) throw new SiteExistsError(id);
      if (mode === 'update' && !before) throw new SiteMissingError(id);
      const at = new Date(now()).toISOString();
      const site: SiteItem = {
        ...SITE_DEFAULTS,
        name: id,
        origins: [],
        ...before,
        ...settings,
        type: 'site',
        ...keys.site(id),
        ...keys.siteList(id),
        id,
        createdAt: before?.createdAt ?? at,
        updatedAt: at,
      };
      site.origins = [...new Set(site.origins.map((o) => normalizeOrigin(o)).filter((o) => o !== undefined))];
      const removed = (before?.origins ?? []).filter((o) => !site.origins.includes(o));
      const added = site.origins.filter((o) => !before?.origins.includes(o));
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: db.table,
                Item: site,
                ConditionExpression: before ? 'updatedAt = :was' : 'attribute_not_exists(pk)',
                ...(before ? { ExpressionAttributeValues: { ':was': before.updatedAt } } : {}),
              },
            },
            ...added.map((o) => ({
              Put: {
                TableName: db.table,
                Item: { type: 'origin', ...keys.origin(o, id), site: id, origin: o },
              },
            })),
            ...removed.map((o) => ({ Delete: { TableName: db.table, Key: keys.origin(o, id) } })),
          ],
        }),
      );
      writes++;
      cache.delete(id);
      for (const o of [...added, ...removed]) originCache.delete(o);
      return site;
    },

    /** Every site, for the CLI and the admin page (never on a public request path). */
    async list(): Promise<SiteItem[]> {
      return queryIndex3(db, keys.siteListPk(), isSite);
    },

    forget(id: string): void {
      writes++;
      cache.delete(id);
    },
  };
}

export type SiteStore = ReturnType<typeof createSiteStore>;

export class SiteExistsError extends Error {
  constructor(id: string) {
    super(`site "${id}" already exists`);
  }
}
export class SiteMissingError extends Error {
  constructor(id: string) {
    super(`site "${id}" does not exist`);
  }
}
