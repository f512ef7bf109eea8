/**
 * Moderators' sign-in links: an item per requested link, keyed by the SHA-256 of its token and holding
 * the nonce the token is derived from with the secret (domain/admin-link.ts), so the table alone never
 * gives a working link; used once (deleted as it is read), expiring by TTL and on read.
 */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';

export interface AdminLinkItem {
  type: 'adminLink';
  pk: string;
  sk: string;
  /** The normalized address it was asked for (a moderator's or not: the notifier mails only moderators). */
  email: string;
  nonce: string;
  createdAt: string;
  /** Epoch seconds. */
  expiresAt: number;
}

export function isAdminLink(item: unknown): item is AdminLinkItem {
  const i = item as Record<string, unknown> | undefined;
  return (
    i?.type === 'adminLink' &&
    typeof i.email === 'string' &&
    typeof i.nonce === 'string' &&
    typeof i.expiresAt === 'number'
  );
}

export function createAdminLinkStore(db: Db) {
  return {
    async put(tokenHash: string, link: Pick<AdminLinkItem, 'email' | 'nonce' | 'createdAt' | 'expiresAt'>) {
      const item: AdminLinkItem = { type: 'adminLink', ...keys.adminLink(tokenHash), ...link };
      await db.doc.send(new PutCommand({ TableName: db.table, Item: item }));
    },

    /** Uses a link once: the address it was for, or undefined (unknown, used or expired). */
    async take(tokenHash: string, nowSec: number): Promise<string | undefined> {
      const { Attributes } = await db.doc.send(
        new DeleteCommand({ TableName: db.table, Key: keys.adminLink(tokenHash), ReturnValues: 'ALL_OLD' }),
      );
      return isAdminLink(Attributes) && Attributes.expiresAt > nowSec ? Attributes.email : undefined;
    },
  };
}

export type AdminLinkStore = ReturnType<typeof createAdminLinkStore>;
