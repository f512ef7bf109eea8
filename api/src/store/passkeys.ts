/**
 * Moderators' passkeys (WebAuthn credentials) in the moderator's partition, each with a locator by
 * credential id for sign-in, and the single-use, short-lived challenges of registrations and sign-ins.
 */
import { createHash } from 'node:crypto';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';

export interface Passkey {
  /** base64url credential id, as the authenticator gave it. */
  credentialId: string;
  email: string;
  /** base64url COSE public key. */
  publicKey: string;
  /** The authenticator's signature counter (0 for authenticators that keep none). */
  counter: number;
  transports: string[];
  name: string;
  createdAt: string;
  lastUsedAt?: string;
  /**
   * The account's createdAt when the passkey was registered: an account removed and made again under
   * the same address does not inherit the passkeys of the one before.
   */
  accountCreatedAt: string;
}

/** A moderator's registration or sign-in, or a reader's (store/reader-passkeys.ts keeps their passkeys). */
export type ChallengePurpose = 'register' | 'login' | 'reader-register' | 'reader-login';

export interface Challenge {
  challenge: string;
  purpose: ChallengePurpose;
  /** The moderator a registration is for (a sign-in's is unknown until the passkey answers). */
  email?: string;
  /** A reader's: the site and blog origin it was asked from, and a registration's account or new name. */
  reader?: ReaderChallenge;
  expiresAt: number;
}

export interface ReaderChallenge {
  site: string;
  origin: string;
  /** The signed-in reader a registration attaches to. */
  readerId?: string;
  /** A new account's display name and user handle. */
  name?: string;
  handle?: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function isPasskey(item: unknown): item is Passkey {
  const i = item as Record<string, unknown> | undefined;
  return (
    i?.type === 'passkey' &&
    typeof i.credentialId === 'string' &&
    typeof i.publicKey === 'string' &&
    typeof i.counter === 'number'
  );
}

const fields = (item: Passkey): Passkey => ({
  credentialId: item.credentialId,
  email: item.email,
  publicKey: item.publicKey,
  counter: item.counter,
  transports: item.transports ?? [],
  name: item.name,
  createdAt: item.createdAt,
  ...(item.lastUsedAt ? { lastUsedAt: item.lastUsedAt } : {}),
  accountCreatedAt: item.accountCreatedAt,
});

/**
 * Puts a passkey and its locator by credential id at once; false when the locator exists (that credential
 * is registered already). Shared with readers' passkeys (store/reader-passkeys.ts).
 */
export async function addWithLocator(
  db: Db,
  locator: Record<string, unknown>,
  passkey: Record<string, unknown>,
): Promise<boolean> {
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: db.table, Item: locator, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: db.table, Item: passkey } },
        ],
      }),
    );
    return true;
  } catch (err) {
    if ((err as Error).name === 'TransactionCanceledException') return false;
    throw err;
  }
}

/**
 * Records a sign-in on the passkey at `key`: the new counter and the time, on the condition that the counter
 * read (`old`) is still the stored one (two sign-ins with one signature cannot both pass). False when it
 * changed meanwhile.
 */
export async function counted(
  db: Db,
  key: { pk: string; sk: string },
  old: number,
  counter: number,
  at: string,
): Promise<boolean> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: key,
        UpdateExpression: 'SET #counter = :c, lastUsedAt = :at',
        ConditionExpression: '#counter = :old',
        ExpressionAttributeNames: { '#counter': 'counter' },
        ExpressionAttributeValues: { ':c': counter, ':at': at, ':old': old },
      }),
    );
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

export function createPasskeyStore(db: Db) {
  return {
    /** Stores a new passkey; false when that credential id is registered already (to anyone). */
    add: (p: Passkey): Promise<boolean> =>
      addWithLocator(
        db,
        { type: 'passkeyRef', ...keys.passkeyRef(p.credentialId), email: p.email },
        { type: 'passkey', ...keys.passkey(p.email, p.credentialId), ...p },
      ),

    async list(email: string): Promise<Passkey[]> {
      const { Items } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
          ExpressionAttributeValues: { ':pk': keys.moderatorPk(email), ':s': 'PASSKEY#' },
          ConsistentRead: true,
        }),
      );
      return (Items ?? []).filter(isPasskey).map(fields);
    },

    /** The passkey of a credential id, whoever it belongs to. */
    async byCredential(credentialId: string): Promise<Passkey | undefined> {
      const ref = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.passkeyRef(credentialId), ConsistentRead: true }),
      );
      const email = ref.Item?.email;
      if (typeof email !== 'string') return undefined;
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.passkey(email, credentialId), ConsistentRead: true }),
      );
      return isPasskey(Item) ? fields(Item) : undefined;
    },

    /**
     * Records a sign-in: the new counter and the time, on the condition that the counter read is still
     * the stored one (two sign-ins with one signature cannot both pass). False when it changed meanwhile.
     */
    used: (p: Passkey, counter: number, at: string): Promise<boolean> =>
      counted(db, keys.passkey(p.email, p.credentialId), p.counter, counter, at),

    /** Removes one of the moderator's passkeys; false when they have none of that id. */
    async remove(email: string, credentialId: string): Promise<boolean> {
      const { Attributes } = await db.doc.send(
        new DeleteCommand({
          TableName: db.table,
          Key: keys.passkey(email, credentialId),
          ReturnValues: 'ALL_OLD',
        }),
      );
      if (!isPasskey(Attributes)) return false;
      await db.doc.send(new DeleteCommand({ TableName: db.table, Key: keys.passkeyRef(credentialId) }));
      return true;
    },

    /** Keeps a challenge for `ttlSec` under the SHA-256 of the attempt id handed out with it. */
    async putChallenge(attempt: string, c: Challenge): Promise<void> {
      await db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: { type: 'challenge', ...keys.challenge(sha256(attempt)), ...c },
        }),
      );
    },

    /**
     * Takes the challenge of an attempt, once: it is deleted as it is read, so a replayed answer finds
     * none. Undefined when unknown, used, expired or of another purpose.
     */
    async takeChallenge(
      attempt: string,
      purpose: ChallengePurpose,
      nowSec: number,
    ): Promise<Challenge | undefined> {
      const { Attributes } = await db.doc.send(
        new DeleteCommand({
          TableName: db.table,
          Key: keys.challenge(sha256(attempt)),
          ReturnValues: 'ALL_OLD',
        }),
      );
      const a = Attributes as (Challenge & { type?: string }) | undefined;
      if (a?.type !== 'challenge' || typeof a.challenge !== 'string') return undefined;
      if (a.purpose !== purpose || a.expiresAt <= nowSec) return undefined;
      return {
        challenge: a.challenge,
        purpose: a.purpose,
        expiresAt: a.expiresAt,
        ...(a.email ? { email: a.email } : {}),
        ...(a.reader ? { reader: a.reader } : {}),
      };
    },
  };
}

export type PasskeyStore = ReturnType<typeof createPasskeyStore>;
