/**
 * Reading threads: one Query per page of comments, a small read for the ETag, counts in one batch.
 * Public reads stay in the page's listed range (keys.ts), so hidden comments (pending, spam, deleted
 * leaves), however many, are never read by them. `sort=top` reads the top index and a bounded part of
 * the listed range per page (store/top.ts), whatever the thread's size.
 */
import { BatchGetCommand, GetCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Sort } from '../contract/limits.js';
import type { Db } from './client.js';
import { type CommentItem, isComment, isPage, type PageItem } from './items.js';
import {
  COMMENT_SK_PREFIX,
  HIDDEN_SK_END,
  HIDDEN_SK_PREFIX,
  isListedState,
  keys,
  PAGE_META,
  PAGE_SK_END,
} from './keys.js';
import { LISTED_FILTER, LISTED_NAMES, LISTED_VALUES } from './listed.js';
import type { StoredComment } from './private.js';
import { createTopReader } from './top.js';

export type { Sort };

export interface ThreadPage {
  page: PageItem | undefined;
  comments: StoredComment[];
  /** Sort key to continue after (oldest/newest) or a top cursor (store/top.ts); undefined at the end. */
  next: string | undefined;
}

/** Public listing shows approved comments and placeholders of deleted ones that have replies. */
export function isListed(c: StoredComment): boolean {
  return isListedState(c.status, c.placeholder);
}

/** Oldest first, as the sort keys of one range order them. */
const byTime = (a: StoredComment, b: StoredComment) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** Cap on the items `all` reads (the publisher's and exports' whole-thread reads, not a public page). */
export const ALL_CAP = 5000;

export function createThreadReader(db: Db) {
  const top = createTopReader(db);
  /** `consistent`: a strongly consistent read (the publisher, right after the change it publishes). */
  async function getPage(site: string, page: string, consistent = false): Promise<PageItem | undefined> {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.table, Key: keys.page(site, page), ConsistentRead: consistent }),
    );
    return isPage(Item) ? Item : undefined;
  }

  /** Reads forward or backward from `after`, skipping unlisted items, until `limit` comments are found. */
  async function scan(
    site: string,
    page: string,
    forward: boolean,
    limit: number,
    after: string | undefined,
    withMeta: boolean,
  ): Promise<{ meta?: PageItem; comments: CommentItem[]; next?: string }> {
    const pk = keys.pagePk(site, page);
    const comments: CommentItem[] = [];
    let meta: PageItem | undefined;
    let start: Record<string, unknown> | undefined = after ? { pk, sk: after } : undefined;
    for (let round = 0; round < 8; round++) {
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: withMeta
            ? 'pk = :pk AND sk BETWEEN :lo AND :hi'
            : 'pk = :pk AND sk BETWEEN :clo AND :hi',
          FilterExpression: LISTED_FILTER,
          ExpressionAttributeNames: LISTED_NAMES,
          ExpressionAttributeValues: {
            ':pk': pk,
            ...(withMeta ? { ':lo': PAGE_META } : { ':clo': COMMENT_SK_PREFIX }),
            ':hi': PAGE_SK_END,
            ...LISTED_VALUES,
          },
          ScanIndexForward: forward,
          Limit: limit - comments.length + (withMeta && !meta && round === 0 ? 1 : 0),
          ExclusiveStartKey: start,
        }),
      );
      for (const item of res.Items ?? []) {
        if (isPage(item)) meta = item;
        else if (isComment(item)) comments.push(item);
      }
      start = res.LastEvaluatedKey;
      if (!start || comments.length >= limit) break;
    }
    return { meta, comments, next: start ? String(start.sk) : undefined };
  }

  return {
    getPage,

    /** The version the ETag is made from, with one small read and no comment read. */
    async version(site: string, page: string): Promise<number | undefined> {
      const { Item } = await db.doc.send(
        new GetCommand({
          TableName: db.table,
          Key: keys.page(site, page),
          ProjectionExpression: '#version',
          ExpressionAttributeNames: { '#version': 'version' },
        }),
      );
      return typeof Item?.version === 'number' ? Item.version : undefined;
    },

    async list(site: string, page: string, sort: Sort, limit: number, cursor?: string): Promise<ThreadPage> {
      if (sort === 'top') {
        const [meta, r] = await Promise.all([getPage(site, page), top.list(site, page, limit, cursor)]);
        return { page: meta, comments: r.comments, next: r.next };
      }
      const after = cursor;
      if (sort === 'oldest' && !after) {
        const r = await scan(site, page, true, limit, undefined, true);
        return { page: r.meta, comments: r.comments, next: r.next };
      }
      const [meta, r] = await Promise.all([
        getPage(site, page),
        scan(site, page, sort === 'oldest', limit, after, false),
      ]);
      return { page: meta, comments: r.comments, next: r.next };
    },

    /**
     * Every comment of a page (listed ones only when `listedOnly`: only the listed range is read),
     * oldest first, reading at most `cap` items (strongly consistent reads when `consistent`).
     */
    async all(
      site: string,
      page: string,
      listedOnly: boolean,
      cap = ALL_CAP,
      consistent = false,
    ): Promise<StoredComment[]> {
      const out: StoredComment[] = [];
      let start: Record<string, unknown> | undefined;
      let read = 0;
      do {
        const res = await db.doc.send(
          new QueryCommand({
            TableName: db.table,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
            ExpressionAttributeValues: {
              ':pk': keys.pagePk(site, page),
              ':lo': COMMENT_SK_PREFIX,
              ':hi': listedOnly ? PAGE_SK_END : HIDDEN_SK_END,
            },
            Limit: cap - read,
            ExclusiveStartKey: start,
            ConsistentRead: consistent,
          }),
        );
        read += res.Items?.length ?? 0;
        for (const item of res.Items ?? [])
          if (isComment(item) && (!listedOnly || isListed(item))) out.push(item);
        start = res.LastEvaluatedKey;
      } while (start && read < cap);
      // Listed ones come first in the partition, hidden ones after: one order for both.
      return listedOnly ? out : out.sort(byTime);
    },

    /** Up to `limit` approved comments of a page, newest first (reads at most five pages of items). */
    async recentApproved(site: string, page: string, limit: number): Promise<StoredComment[]> {
      const out: StoredComment[] = [];
      let start: Record<string, unknown> | undefined;
      for (let round = 0; round < 5 && out.length < limit; round++) {
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
            Limit: limit * 2,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of res.Items ?? []) if (isComment(item) && out.length < limit) out.push(item);
        start = res.LastEvaluatedKey;
        if (!start) break;
      }
      return out;
    },

    /**
     * One read of up to `limit` comments of a page (every status) after sort key `after`: the listed
     * range oldest first, then the hidden one oldest first (a stable order, one cursor); `next` is the
     * sort key to continue after, undefined at the end.
     */
    async commentsAfter(
      site: string,
      page: string,
      after: string | undefined,
      limit: number,
    ): Promise<{ comments: StoredComment[]; next: string | undefined }> {
      const pk = keys.pagePk(site, page);
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
          ExpressionAttributeValues: { ':pk': pk, ':lo': COMMENT_SK_PREFIX, ':hi': HIDDEN_SK_END },
          ExclusiveStartKey: after ? { pk, sk: after } : undefined,
          Limit: limit,
        }),
      );
      const next = res.LastEvaluatedKey?.sk;
      return {
        comments: (res.Items ?? []).filter(isComment),
        next: typeof next === 'string' ? next : undefined,
      };
    },

    /** Counts of approved comments for many pages of one site, in one BatchGetItem (up to 100). */
    async counts(site: string, pages: string[]): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      const unique = [...new Set(pages)];
      let keysLeft: Record<string, unknown>[] = unique.map((p) => keys.page(site, p));
      for (let round = 0; keysLeft.length > 0 && round < 5; round++) {
        const res = await db.doc.send(
          new BatchGetCommand({
            RequestItems: {
              [db.table]: {
                Keys: keysLeft,
                ProjectionExpression: '#page, #count',
                ExpressionAttributeNames: { '#page': 'page', '#count': 'count' },
              },
            },
          }),
        );
        for (const item of res.Responses?.[db.table] ?? []) {
          if (typeof item.page === 'string' && typeof item.count === 'number') out.set(item.page, item.count);
        }
        keysLeft = (res.UnprocessedKeys?.[db.table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
      }
      return out;
    },

    /**
     * True when any comment of the page (other than deleted leaves) replies to `comment`: replies are
     * younger than it, so each range is read from its time on (listed first, then hidden).
     */
    async hasReplies(comment: CommentItem): Promise<boolean> {
      for (const [prefix, end] of [
        [COMMENT_SK_PREFIX, PAGE_SK_END],
        [HIDDEN_SK_PREFIX, HIDDEN_SK_END],
      ] as const) {
        let start: Record<string, unknown> | undefined;
        do {
          const res: QueryCommandOutput = await db.doc.send(
            new QueryCommand({
              TableName: db.table,
              KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
              FilterExpression: 'parentId = :id AND (#status <> :deleted OR placeholder = :true)',
              ExpressionAttributeNames: { '#status': 'status', '#id': 'id' },
              ExpressionAttributeValues: {
                ':pk': comment.pk,
                ':lo': `${prefix}${comment.createdAt}`,
                ':hi': end,
                ':id': comment.id,
                ':deleted': 'deleted',
                ':true': true,
              },
              ProjectionExpression: '#id',
              ExclusiveStartKey: start,
            }),
          );
          if ((res.Items?.length ?? 0) > 0) return true;
          start = res.LastEvaluatedKey;
        } while (start);
      }
      return false;
    },
  };
}

export type ThreadReader = ReturnType<typeof createThreadReader>;
