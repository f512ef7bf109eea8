/** Moderator reads and page switches: the filtered queue, counts per status, comments per day, locks. */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { COMMENT_STATUSES, type CommentItem, type CommentStatus, isComment } from './items.js';
import {
  COMMENT_SK_PREFIX,
  type CommentRange,
  HIDDEN_SK_END,
  HIDDEN_SK_PREFIX,
  keys,
  PAGE_SK_END,
} from './keys.js';
import { itemsOf } from './lookup.js';
import { withPrivate } from './private.js';

export interface QueueFilter {
  site: string;
  status?: CommentStatus;
  page?: string;
  emailHash?: string;
  /** Case-insensitive text in the body, author name or email. */
  q?: string;
  /** Case-insensitive part of the author's name. */
  authorName?: string;
  limit: number;
  /** The last evaluated key of the read to continue. */
  after?: Record<string, unknown>;
  /** What the comments shown publicly hold is enough (no markdown, address or client hash read). */
  public?: boolean;
}

/** Items read per request at most, whatever the filters: a search is a bounded, paginated read. */
export const QUEUE_READ_BUDGET = 1000;

/**
 * The part of a page partition a page's queue reads for a status: approved comments are all in the
 * listed range, pending and spam ones in the hidden range, deleted ones in either (placeholders are
 * listed). Either range is read newest first, the hidden one first (what needs a look comes first).
 */
export function pageQueueRange(status: CommentStatus | undefined): CommentRange {
  if (status === 'approved') return 'listed';
  if (status === 'pending' || status === 'spam') return 'hidden';
  return 'any';
}

const RANGE_BOUNDS: Record<CommentRange, [string, string]> = {
  listed: [COMMENT_SK_PREFIX, PAGE_SK_END],
  hidden: [HIDDEN_SK_PREFIX, HIDDEN_SK_END],
  any: [COMMENT_SK_PREFIX, HIDDEN_SK_END],
};

function matches(c: CommentItem, f: QueueFilter): boolean {
  if (c.site !== f.site) return false;
  if (f.status && c.status !== f.status) return false;
  if (f.page && c.page !== f.page) return false;
  if (f.authorName && !c.authorName.toLowerCase().includes(f.authorName.toLowerCase())) return false;
  if (f.q) {
    const q = f.q.toLowerCase();
    const hay = `${c.body}\n${c.authorName}\n${c.authorEmail ?? ''}`.toLowerCase();
    if (!hay.includes(q)) return false;
  }
  return true;
}

export function createModerationStore(db: Db) {
  function source(f: QueueFilter) {
    if (f.emailHash)
      return {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.authorPk(f.site, f.emailHash) },
      };
    if (f.page) {
      const [lo, hi] = RANGE_BOUNDS[pageQueueRange(f.status)];
      return {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
        ExpressionAttributeValues: { ':pk': keys.pagePk(f.site, f.page), ':lo': lo, ':hi': hi },
      };
    }
    return {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.queuePk(f.site, f.status ?? 'pending') },
    };
  }

  return {
    /** Newest first; reads at most QUEUE_READ_BUDGET items and hands back where it stopped. */
    async queue(f: QueueFilter): Promise<{ comments: CommentItem[]; next?: Record<string, unknown> }> {
      const out: CommentItem[] = [];
      let start = f.after;
      let read = 0;
      do {
        const res = await db.doc.send(
          new QueryCommand({
            TableName: db.table,
            ...source(f),
            ScanIndexForward: false,
            Limit: Math.min(100, QUEUE_READ_BUDGET - read),
            ExclusiveStartKey: start,
          }),
        );
        // The indexes project keys: the comments are read from the table (a page's own range holds them).
        const found = (f.page ? (res.Items ?? []) : await itemsOf(db, res.Items ?? [])).filter(isComment);
        const items = f.public ? found : await withPrivate(db, found);
        read += items.length;
        start = res.LastEvaluatedKey;
        for (const [i, item] of items.entries()) {
          if (matches(item, f)) out.push(item);
          if (out.length >= f.limit) {
            // Stop at this item: the next page starts after it.
            const more = i < items.length - 1 || start !== undefined;
            const last = item as unknown as Record<string, unknown>;
            const keyNames = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];
            const index = f.emailHash ? 'gsi2' : f.page ? '' : 'gsi1';
            const next = Object.fromEntries(
              keyNames
                .filter((k) => k === 'pk' || k === 'sk' || (index && k.startsWith(index)))
                .map((k) => [k, last[k]]),
            );
            return { comments: out, next: more ? next : undefined };
          }
        }
      } while (start && read < QUEUE_READ_BUDGET);
      return { comments: out, next: start };
    },

    /** How many comments of a site are in each status (COUNT queries on the queue index). */
    async counts(site: string): Promise<Record<CommentStatus, number>> {
      const entries = await Promise.all(
        COMMENT_STATUSES.map(async (status) => {
          let n = 0;
          let start: Record<string, unknown> | undefined;
          for (let round = 0; round < 50; round++) {
            const res = await db.doc.send(
              new QueryCommand({
                TableName: db.table,
                IndexName: 'gsi1',
                KeyConditionExpression: 'gsi1pk = :pk',
                ExpressionAttributeValues: { ':pk': keys.queuePk(site, status) },
                Select: 'COUNT',
                ExclusiveStartKey: start,
              }),
            );
            n += res.Count ?? 0;
            start = res.LastEvaluatedKey;
            if (!start) break;
          }
          return [status, n] as const;
        }),
      );
      return Object.fromEntries(entries) as Record<CommentStatus, number>;
    },

    /** Comments written per UTC day since `since` (every status), from the queue index. */
    async perDay(site: string, since: string, cap = 20_000): Promise<Map<string, number>> {
      const days = new Map<string, number>();
      let total = 0;
      for (const status of COMMENT_STATUSES) {
        let start: Record<string, unknown> | undefined;
        do {
          const res = await db.doc.send(
            new QueryCommand({
              TableName: db.table,
              IndexName: 'gsi1',
              KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
              ExpressionAttributeValues: { ':pk': keys.queuePk(site, status), ':since': since },
              ExclusiveStartKey: start,
            }),
          );
          // The queue's sort key starts with the comment's createdAt.
          for (const item of res.Items ?? []) {
            if (typeof item.gsi1sk !== 'string') continue;
            const day = item.gsi1sk.slice(0, 10);
            days.set(day, (days.get(day) ?? 0) + 1);
            total++;
          }
          start = res.LastEvaluatedKey;
        } while (start && total < cap);
      }
      return days;
    },

    /**
     * Up to `limit` comments of the site in `status`, from one read of the queue index: newest first
     * (feeds of approved comments) or oldest first (the digest of pending ones).
     */
    async inStatus(
      site: string,
      status: CommentStatus,
      limit: number,
      order: 'newest' | 'oldest',
    ): Promise<CommentItem[]> {
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.queuePk(site, status) },
          ScanIndexForward: order === 'oldest',
          Limit: limit,
        }),
      );
      const found = (await itemsOf(db, res.Items ?? [])).filter(isComment).filter((c) => c.status === status);
      return withPrivate(db, found);
    },

    /** Locks or unlocks a thread (creating its meta if no one wrote yet) and bumps its version. */
    async setLocked(site: string, page: string, locked: boolean, now: string): Promise<void> {
      const index = keys.sitePages(site, page);
      await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: keys.page(site, page),
          UpdateExpression:
            'SET #type = :page, #site = :site, #page = :pageId, #locked = :locked, ' +
            '#count = if_not_exists(#count, :zero), #total = if_not_exists(#total, :zero), ' +
            '#version = if_not_exists(#version, :zero) + :one, #createdAt = if_not_exists(#createdAt, :now), ' +
            '#updatedAt = :now, gsi3pk = :g3pk, gsi3sk = :g3sk',
          ExpressionAttributeNames: {
            '#type': 'type',
            '#site': 'site',
            '#page': 'page',
            '#locked': 'locked',
            '#count': 'count',
            '#total': 'total',
            '#version': 'version',
            '#createdAt': 'createdAt',
            '#updatedAt': 'updatedAt',
          },
          ExpressionAttributeValues: {
            ':page': 'page',
            ':site': site,
            ':pageId': page,
            ':locked': locked,
            ':zero': 0,
            ':one': 1,
            ':now': now,
            ':g3pk': index.gsi3pk,
            ':g3sk': index.gsi3sk,
          },
        }),
      );
    },
  };
}

export type ModerationStore = ReturnType<typeof createModerationStore>;
