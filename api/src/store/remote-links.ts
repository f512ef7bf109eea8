/**
 * A page's posts elsewhere (Mastodon statuses, Bluesky posts) whose replies the refresher fetches: one
 * item per page (`REMOTE#<site>`, the page), listed by when it is next due on GSI3 (`REMOTE#DUE`, next time).
 * Written whole, on the condition that nobody wrote it since it was read.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';

export type RemotePostSource = 'mastodon' | 'bluesky';

export interface RemotePost {
  source: RemotePostSource;
  /** The post as linked: a status URL, a bsky.app post URL. */
  url: string;
  /** Bluesky: its at:// URI, once the handle was resolved. */
  uri?: string;
  /** Who linked it: a moderator, or the page itself (its syndication links, `remote.discover`). */
  by: 'moderator' | 'page';
  /** The last fetch's error, when it failed (shown to moderators). */
  error?: string;
}

export interface RemoteLinksItem {
  type: 'remoteLinks';
  pk: string;
  sk: string;
  gsi3pk: string;
  gsi3sk: string;
  site: string;
  page: string;
  posts: RemotePost[];
  /** When the page was first linked: the refresh decays from it. */
  createdAt: string;
  /** When the refresher takes it next. */
  nextAt: string;
  fetchedAt?: string;
  /** When the page itself was last read for its links (`remote.discover`). */
  discoveredAt?: string;
  /** Bumped by every write: the condition of the next. */
  version: number;
}

const DUE = 'REMOTE#DUE';
const pkOf = (site: string) => `REMOTE#${site}`;

const isLinks = (item: unknown): item is RemoteLinksItem =>
  typeof item === 'object' &&
  item !== null &&
  (item as { type?: unknown }).type === 'remoteLinks' &&
  Array.isArray((item as { posts?: unknown }).posts);

export class RemoteLinksChanged extends Error {}

export function createRemoteLinkStore(db: Db) {
  async function get(site: string, page: string): Promise<RemoteLinksItem | undefined> {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.table, Key: { pk: pkOf(site), sk: page }, ConsistentRead: true }),
    );
    return isLinks(Item) ? Item : undefined;
  }

  /** Writes `next` in place of `before` (absent: a new item); RemoteLinksChanged when it changed meanwhile. */
  async function put(before: RemoteLinksItem | undefined, next: Omit<RemoteLinksItem, 'version'>) {
    const item: RemoteLinksItem = {
      ...next,
      type: 'remoteLinks',
      pk: pkOf(next.site),
      sk: next.page,
      gsi3pk: DUE,
      gsi3sk: `${next.nextAt}#${next.site}#${next.page}`,
      version: (before?.version ?? 0) + 1,
    };
    try {
      await db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: item,
          ...(before
            ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': before.version } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException')
        throw new RemoteLinksChanged('the page links changed meanwhile');
      throw err;
    }
    return item;
  }

  return {
    get,
    put,

    /** A site's linked pages, in page order (at most `limit`). */
    async list(site: string, limit = 500): Promise<RemoteLinksItem[]> {
      const { Items } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pkOf(site) },
          Limit: limit,
        }),
      );
      return (Items ?? []).filter(isLinks);
    },

    /** Adds a post to a page (due at once); a post already linked stays as it is. */
    async link(site: string, page: string, post: RemotePost, now: string): Promise<RemoteLinksItem> {
      const before = await get(site, page);
      if (before?.posts.some((p) => p.url === post.url)) return before;
      const base = before ?? { site, page, posts: [], createdAt: now };
      return put(before, { ...base, posts: [...base.posts, post], nextAt: now } as RemoteLinksItem);
    },

    /** Removes a post from a page; false when it was not linked. */
    async unlink(site: string, page: string, url: string): Promise<boolean> {
      const before = await get(site, page);
      if (!before?.posts.some((p) => p.url === url)) return false;
      await put(before, { ...before, posts: before.posts.filter((p) => p.url !== url) });
      return true;
    },

    /** The linked pages due at `now`, soonest first, at most `limit` (one index query, a read each). */
    async due(now: string, limit: number): Promise<RemoteLinksItem[]> {
      const { Items } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk <= :now',
          ExpressionAttributeValues: { ':pk': DUE, ':now': `${now}#\uffff` },
          Limit: limit,
        }),
      );
      const read = await Promise.all(
        (Items ?? []).map(async (k) => {
          const { Item } = await db.doc.send(
            new GetCommand({ TableName: db.table, Key: { pk: k.pk, sk: k.sk }, ConsistentRead: true }),
          );
          return isLinks(Item) ? Item : undefined;
        }),
      );
      return read.filter((i): i is RemoteLinksItem => i !== undefined && i.nextAt <= now);
    },
  };
}

export type RemoteLinkStore = ReturnType<typeof createRemoteLinkStore>;
