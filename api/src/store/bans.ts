/** Bans per site by keyed hash of an email or a client IP, with an optional end. */
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { type BanItem, type BanKind, isBan } from './items.js';
import { keys } from './keys.js';
import { queryPartition } from './query.js';

export function createBanStore(db: Db) {
  return {
    /**
     * Bans (or bans again: a new end, a new reason). A ban made again keeps the past comments the first one
     * hid, so its unban can still restore them.
     */
    async put(ban: Omit<BanItem, 'type' | 'pk' | 'sk' | 'expiresAt'>): Promise<BanItem> {
      const key = keys.ban(ban.site, ban.kind, ban.hash);
      const before = (await db.doc.send(new GetCommand({ TableName: db.table, Key: key }))).Item;
      const kept = isBan(before) ? (before.hidden ?? []) : [];
      const hidden = [...kept, ...(ban.hidden ?? []).filter((h) => !kept.some((k) => k.id === h.id))];
      const item: BanItem = {
        ...ban,
        type: 'ban',
        ...key,
        ...(ban.until ? { expiresAt: Math.ceil(Date.parse(ban.until) / 1000) } : {}),
        ...(hidden.length > 0 ? { hidden } : {}),
      };
      await db.doc.send(new PutCommand({ TableName: db.table, Item: item }));
      return item;
    },

    async remove(site: string, kind: BanKind, hash: string): Promise<void> {
      await db.doc.send(new DeleteCommand({ TableName: db.table, Key: keys.ban(site, kind, hash) }));
    },

    /** The first live ban matching any of the hashes, in one BatchGetItem. */
    async find(
      site: string,
      wanted: Array<{ kind: BanKind; hash: string | undefined }>,
      now: Date,
    ): Promise<BanItem | undefined> {
      const list = wanted.filter((w): w is { kind: BanKind; hash: string } => !!w.hash);
      if (list.length === 0) return undefined;
      const res = await db.doc.send(
        new BatchGetCommand({
          RequestItems: { [db.table]: { Keys: list.map((w) => keys.ban(site, w.kind, w.hash)) } },
        }),
      );
      return (res.Responses?.[db.table] ?? [])
        .filter(isBan)
        .find((b) => !b.until || Date.parse(b.until) > now.getTime());
    },

    /** A site's bans (live and ended-but-not-yet-removed), newest kind order; bounded. */
    async list(site: string, now: Date, cap = 1000): Promise<BanItem[]> {
      const live = (b: unknown): b is BanItem =>
        isBan(b) && (!b.until || Date.parse(b.until) > now.getTime());
      return queryPartition(db, keys.banPk(site), live, { cap });
    },
  };
}

export type BanStore = ReturnType<typeof createBanStore>;
