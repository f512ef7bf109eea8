/** Moderator sessions: stored by the SHA-256 of a random id, expiring by TTL and checked on read. */
import { createHash, randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { isSession, type SessionItem } from './items.js';
import { keys } from './keys.js';

export const hashSessionId = (id: string) => createHash('sha256').update(id).digest('hex');

export function createSessionStore(db: Db) {
  return {
    /** Starts a session; returns the id for the cookie (only its hash is stored). */
    async create(email: string, now: Date, ttlSec: number): Promise<{ id: string; item: SessionItem }> {
      const id = randomBytes(32).toString('base64url');
      const item: SessionItem = {
        type: 'session',
        ...keys.session(hashSessionId(id)),
        email,
        createdAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + ttlSec,
      };
      await db.doc.send(new PutCommand({ TableName: db.table, Item: item }));
      return { id, item };
    },

    /** The live session for a cookie value, or undefined (unknown or expired). */
    async get(id: string, now: Date): Promise<SessionItem | undefined> {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.session(hashSessionId(id)), ConsistentRead: true }),
      );
      if (!isSession(Item)) return undefined;
      return Item.expiresAt * 1000 > now.getTime() ? Item : undefined;
    },

    async end(id: string): Promise<void> {
      await db.doc.send(new DeleteCommand({ TableName: db.table, Key: keys.session(hashSessionId(id)) }));
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
