/**
 * Moderator sessions: stored by the SHA-256 of a random id, expiring by TTL and checked on read. Each
 * session carries the moderator's session epoch from when it began; a password set or a removal gives
 * the moderator a new epoch, so every older session is over at once. Each session also has an entry in
 * the moderator's partition (by a random ref, never the id or its hash), so the moderator can list their
 * sessions and revoke one: the revoke deletes the session item, and the next request with it is a 401.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  DeleteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { isModerator, isSession, type ModeratorItem, type SessionItem } from './items.js';
import { keys } from './keys.js';
import { sessionEpochOf } from './moderators.js';

export const hashSessionId = (id: string) => createHash('sha256').update(id).digest('hex');

/** How a session was signed in. */
export type SignInMethod = 'password' | 'passkey' | 'link';

/** A session with the epoch of its moderator at its start (absent for accounts from before epochs). */
export type EpochSession = SessionItem & {
  epoch?: string;
  /** The ref of its entry in the moderator's partition (absent on sessions from before the list). */
  ref?: string;
  /** When a request last used it (written at most every SEEN_EVERY_SEC). */
  seenAt?: string;
};

/** A session as its moderator's list shows it. */
export interface SessionEntry {
  ref: string;
  createdAt: string;
  lastSeenAt: string;
  method: SignInMethod;
  /** A short summary of the browser ("Chrome on Linux"), never the whole user agent. */
  agent: string;
  expiresAt: number;
  epoch?: string;
}

/** Last-seen times are written at most this often per session (not on every request). */
export const SEEN_EVERY_SEC = 300;

const METHODS = new Set<string>(['password', 'passkey', 'link']);

function isEntry(item: unknown): item is SessionEntry & { idHash: string } {
  const i = item as Record<string, unknown> | undefined;
  return (
    i?.type === 'sessionEntry' &&
    typeof i.ref === 'string' &&
    typeof i.idHash === 'string' &&
    typeof i.expiresAt === 'number' &&
    METHODS.has(String(i.method))
  );
}

export function createSessionStore(db: Db) {
  const deleteBoth = (email: string, ref: string, idHash: string) =>
    db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: db.table, Key: keys.session(idHash) } },
          { Delete: { TableName: db.table, Key: keys.sessionEntry(email, ref) } },
        ],
      }),
    );

  return {
    /**
     * Starts a session; returns the id for the cookie (only its hash is stored). `verified` is the
     * moderator item the credential was checked against: the session takes that item's epoch, so a
     * password changed in between leaves it dead, never alive.
     */
    async create(
      email: string,
      now: Date,
      ttlSec: number,
      verified?: unknown,
      info: { method?: SignInMethod; agent?: string } = {},
    ): Promise<{ id: string; item: EpochSession }> {
      const id = randomBytes(32).toString('base64url');
      const ref = randomBytes(12).toString('base64url');
      const moderator =
        verified ??
        (
          await db.doc.send(
            new GetCommand({ TableName: db.table, Key: keys.moderator(email), ConsistentRead: true }),
          )
        ).Item;
      const epoch = isModerator(moderator) ? sessionEpochOf(moderator) : undefined;
      const at = now.toISOString();
      const expiresAt = Math.floor(now.getTime() / 1000) + ttlSec;
      const idHash = hashSessionId(id);
      const item: EpochSession = {
        type: 'session',
        ...keys.session(idHash),
        email,
        createdAt: at,
        expiresAt,
        ref,
        seenAt: at,
        ...(epoch ? { epoch } : {}),
      };
      const entry = {
        type: 'sessionEntry',
        ...keys.sessionEntry(email, ref),
        ref,
        idHash,
        createdAt: at,
        lastSeenAt: at,
        method: info.method ?? 'password',
        agent: info.agent ?? 'unknown browser',
        expiresAt,
        ...(epoch ? { epoch } : {}),
      };
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: db.table, Item: item } },
            { Put: { TableName: db.table, Item: entry } },
          ],
        }),
      );
      return { id, item };
    },

    /** The live session for a cookie value, or undefined (unknown, revoked or expired). */
    async get(id: string, now: Date): Promise<EpochSession | undefined> {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.session(hashSessionId(id)), ConsistentRead: true }),
      );
      if (!isSession(Item)) return undefined;
      return Item.expiresAt * 1000 > now.getTime() ? Item : undefined;
    },

    /** Records that a request used the session, unless that was recorded less than SEEN_EVERY_SEC ago. */
    async touch(session: EpochSession, now: Date): Promise<void> {
      if (!session.ref) return;
      const last = Date.parse(session.seenAt ?? session.createdAt);
      if (now.getTime() - last < SEEN_EVERY_SEC * 1000) return;
      const at = now.toISOString();
      const set = (Key: Record<string, string>, field: string) =>
        new UpdateCommand({
          TableName: db.table,
          Key,
          UpdateExpression: `SET ${field} = :at`,
          // Never brings back a session or an entry revoked meanwhile.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        });
      await Promise.all([
        db.doc.send(set(keys.session(session.pk.slice('SESSION#'.length)), 'seenAt')),
        db.doc.send(set(keys.sessionEntry(session.email, session.ref), 'lastSeenAt')),
      ]).catch((err: Error) => {
        if (err.name !== 'ConditionalCheckFailedException') throw err;
      });
    },

    /** Ends the session of a cookie value (logout), with its entry. */
    async end(id: string): Promise<void> {
      const idHash = hashSessionId(id);
      const { Attributes } = await db.doc.send(
        new DeleteCommand({ TableName: db.table, Key: keys.session(idHash), ReturnValues: 'ALL_OLD' }),
      );
      const old = Attributes as EpochSession | undefined;
      if (old?.ref)
        await db.doc.send(
          new DeleteCommand({ TableName: db.table, Key: keys.sessionEntry(old.email, old.ref) }),
        );
    },

    /**
     * The moderator's live sessions, newest first: not expired and begun under the account's current
     * epoch (sessions a password change or an owner's revoke ended are not listed).
     */
    async list(moderator: ModeratorItem, now: Date): Promise<SessionEntry[]> {
      const { Items } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
          ExpressionAttributeValues: { ':pk': keys.moderatorPk(moderator.email), ':s': 'SESS#' },
          ConsistentRead: true,
        }),
      );
      const epoch = sessionEpochOf(moderator) ?? '';
      const nowSec = now.getTime() / 1000;
      return (Items ?? [])
        .filter(isEntry)
        .filter((e) => e.expiresAt > nowSec && (e.epoch ?? '') === epoch)
        .map(({ ref, createdAt, lastSeenAt, method, agent, expiresAt }) => ({
          ref,
          createdAt,
          lastSeenAt,
          method,
          agent,
          expiresAt,
        }))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },

    /** Revokes one of the moderator's sessions by its ref; false when they have no such session. */
    async revoke(email: string, ref: string): Promise<boolean> {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.sessionEntry(email, ref), ConsistentRead: true }),
      );
      if (!isEntry(Item)) return false;
      await deleteBoth(email, ref, Item.idHash);
      return true;
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
