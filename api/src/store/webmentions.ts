/**
 * Webmentions: each one received is an item the stream verifies (queued, then its outcome, kept 7 days
 * for its status URL); the likes and reposts a page got, one item per source and page, counted on the page.
 */

import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { WEBMENTION_RESULTS, WEBMENTION_STATUSES } from '../contract/webmention.js';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { pageGrowth } from './page-meta.js';
import { transact } from './tx.js';

export type WebmentionState = (typeof WEBMENTION_STATUSES)[number];
/** What a verified Webmention turned out to be (`removed`: gone at its source, or no longer linking). */
export type WebmentionResult = (typeof WEBMENTION_RESULTS)[number];
export type MentionKind = 'like' | 'repost';

/** How long a Webmention's status stays readable. */
export const WEBMENTION_TTL_SEC = 7 * 86400;

export interface WebmentionItem {
  type: 'webmention';
  pk: string;
  sk: string;
  id: string;
  site: string;
  source: string;
  target: string;
  /** The target's page path on the site. */
  page: string;
  status: WebmentionState;
  result?: WebmentionResult;
  /** Why it was refused or failed, in words for the sender. */
  reason?: string;
  commentId?: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: number;
}

export interface MentionItem {
  type: 'mention';
  pk: string;
  sk: string;
  site: string;
  page: string;
  source: string;
  kind: MentionKind;
  at: string;
}

export type NewWebmention = Pick<WebmentionItem, 'id' | 'site' | 'source' | 'target' | 'page' | 'createdAt'>;
export type WebmentionOutcome = Pick<WebmentionItem, 'status' | 'result' | 'reason' | 'commentId'>;

export const isWebmention = (item: unknown): item is WebmentionItem =>
  (item as { type?: unknown } | undefined)?.type === 'webmention';
const isMention = (item: unknown): item is MentionItem =>
  (item as { type?: unknown } | undefined)?.type === 'mention';

const COUNTER: Record<MentionKind, string> = { like: 'mentionLikes', repost: 'mentionReposts' };

export function createWebmentionStore(db: Db) {
  const get = async (key: { pk: string; sk: string }) =>
    (await db.doc.send(new GetCommand({ TableName: db.table, Key: key, ConsistentRead: true }))).Item;

  /** Moves a page's counters by `delta` (creating its meta if no one wrote yet) and bumps its version. */
  const count = (site: string, page: string, delta: Partial<Record<MentionKind, number>>, now: string) => {
    const u = pageGrowth(db.table, { site, page, approved: 0, total: 0, now });
    const moved = (Object.keys(delta) as MentionKind[]).filter((k) => delta[k]);
    return {
      Update: {
        ...u,
        UpdateExpression: [
          u.UpdateExpression,
          ...moved.map((k) => `#${k} = if_not_exists(#${k}, :zero) + :${k}`),
        ].join(', '),
        ExpressionAttributeNames: {
          ...u.ExpressionAttributeNames,
          ...Object.fromEntries(moved.map((k) => [`#${k}`, COUNTER[k]])),
        },
        ExpressionAttributeValues: {
          ...u.ExpressionAttributeValues,
          ...Object.fromEntries(moved.map((k) => [`:${k}`, delta[k]])),
        },
      },
    };
  };

  return {
    /** Writes a received Webmention; the stream sees it and verifies it (notify/handler.ts). */
    async queue(w: NewWebmention): Promise<WebmentionItem> {
      const Item: WebmentionItem = {
        type: 'webmention',
        ...keys.webmention(w.id),
        ...w,
        status: 'queued',
        updatedAt: w.createdAt,
        expiresAt: Math.floor(Date.parse(w.createdAt) / 1000) + WEBMENTION_TTL_SEC,
      };
      await db.doc.send(new PutCommand({ TableName: db.table, Item }));
      return Item;
    },

    async get(id: string): Promise<WebmentionItem | undefined> {
      const item = await get(keys.webmention(id));
      return isWebmention(item) ? item : undefined;
    },

    /** Records what verification found. */
    async settle(id: string, outcome: WebmentionOutcome, now: string): Promise<void> {
      const set: Record<string, unknown> = { ...outcome, updatedAt: now };
      const fields = Object.keys(set).filter((k) => set[k] !== undefined);
      await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: keys.webmention(id),
          UpdateExpression: `SET ${fields.map((f) => `#${f} = :${f}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(fields.map((f) => [`#${f}`, f])),
          ExpressionAttributeValues: Object.fromEntries(fields.map((f) => [`:${f}`, set[f]])),
        }),
      );
    },

    /** The like or repost `source` (by its keyed hash) made of a page, if any. */
    async mention(site: string, page: string, sourceHash: string): Promise<MentionItem | undefined> {
      const item = await get(keys.mention(site, page, sourceHash));
      return isMention(item) ? item : undefined;
    },

    /**
     * Makes `source`'s mention of a page `kind` (undefined: none), the page's counters moved with it in one
     * transaction (conditional on the mention as read, so two verifications at once cannot count twice).
     */
    async setMention(
      m: { site: string; page: string; source: string; sourceHash: string },
      kind: MentionKind | undefined,
      now: string,
    ): Promise<void> {
      const key = keys.mention(m.site, m.page, m.sourceHash);
      const before = await this.mention(m.site, m.page, m.sourceHash);
      if (before?.kind === kind) return;
      const guard = before
        ? { ConditionExpression: '#kind = :was', ExpressionAttributeNames: { '#kind': 'kind' } }
        : { ConditionExpression: 'attribute_not_exists(pk)' };
      const was = before ? { ExpressionAttributeValues: { ':was': before.kind } } : {};
      const item: MentionItem | undefined = kind
        ? { type: 'mention', ...key, site: m.site, page: m.page, source: m.source, kind, at: now }
        : undefined;
      await transact(db, [
        item
          ? { Put: { TableName: db.table, Item: item, ...guard, ...was } }
          : { Delete: { TableName: db.table, Key: key, ...guard, ...was } },
        count(
          m.site,
          m.page,
          { ...(before ? { [before.kind]: -1 } : {}), ...(kind ? { [kind]: 1 } : {}) },
          now,
        ),
      ]);
    },
  };
}

export type WebmentionStore = ReturnType<typeof createWebmentionStore>;
