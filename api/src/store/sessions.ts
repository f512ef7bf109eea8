/**
 * Moderator sessions: stored by the SHA-256 of a random id, expiring by TTL and checked on read. Each
 * session carries the moderator's session epoch from when it began; a password set or a removal gives
 * the moderator a new epoch, so every older session is over at once (no list of sessions needed).
 */
import { createHash, randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { isModerator, isSession, type SessionItem } from './items.js';
import { keys } from './keys.js';
import { sessionEpochOf } from './moderators.js';

export const hashSessionId = (id: string) => createHash('sha256').update(id).digest('hex');

/** A session with the epoch of its moderator at its start (absent for accounts from before epochs). */
export type EpochSession = SessionItem & { epoch?: string };

export function createSessionStore(db: Db) {
  return {
    /** Starts a session; returns the id for the cookie (only its hash is stored). */
    /**
     * Starts a session. `verified` is the moderator item the password was checked against: the session
     * takes that item's epoch, so a password changed in between leaves it dead, never alive.
     */
    async create(
      email: string,
      now: Date,
      ttlSec: number,
      verified?: unknown,
    ): Promise<{ id: string; item: EpochSession }> {
      const id = randomBytes(32).toString('base64url');
      const moderator =
        verified ??
        (
          await db.doc.send(
            new GetCommand({ TableName: db.table, Key: keys.moderator(email), ConsistentRead: true }),
          )
        ).Item;
      const epoch = isModerator(moderator) ? sessionEpochOf(moderator) : undefined;
      const item: EpochSession = {
        type: 'session',
        ...keys.session(hashSessionId(id)),
        email,
        createdAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + ttlSec,
        ...(epoch ? { epoch } : {}),
      };
      await db.doc.send(new PutCommand({ TableName: db.table, Item: item }));
      return { id, item };
    },

    /** The live session for a cookie value, or undefined (unknown or expired). */
    async get(id: string, now: Date): Promise<EpochSession | undefined> {
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

/** True while the session began under the moderator's current epoch. */
export function sessionCurrent(
  session: EpochSession,
  moderator: Parameters<typeof sessionEpochOf>[0],
): boolean {
  return (session.epoch ?? '') === (sessionEpochOf(moderator) ?? '');
}

export type SessionStore = ReturnType<typeof createSessionStore>;
