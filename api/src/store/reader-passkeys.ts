/**
 * Readers' passkeys, per site: each in its account's list (what a registration excludes) with a locator by
 * credential id within the site, so a credential registered on one site's blog finds nothing on another's.
 * The challenges are the moderators' (store/passkeys.ts, purposes `reader-*`).
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { addWithLocator, counted } from './passkeys.js';

export interface ReaderPasskey {
  site: string;
  /** base64url credential id, as the authenticator gave it. */
  credentialId: string;
  readerId: string;
  /** The subject of the account's passkey identity (what signInReader is called with). */
  subject: string;
  /** base64url COSE public key. */
  publicKey: string;
  counter: number;
  transports: string[];
  createdAt: string;
  lastUsedAt?: string;
}

const passkeyKey = (p: Pick<ReaderPasskey, 'site' | 'readerId' | 'credentialId'>) =>
  keys.readerPasskey(p.site, p.readerId, p.credentialId);

function isReaderPasskey(item: unknown): item is ReaderPasskey {
  const i = item as Record<string, unknown> | undefined;
  return (
    i?.type === 'readerPasskey' &&
    typeof i.credentialId === 'string' &&
    typeof i.readerId === 'string' &&
    typeof i.subject === 'string' &&
    typeof i.publicKey === 'string' &&
    typeof i.counter === 'number'
  );
}

const fields = (i: ReaderPasskey): ReaderPasskey => ({
  site: i.site,
  credentialId: i.credentialId,
  readerId: i.readerId,
  subject: i.subject,
  publicKey: i.publicKey,
  counter: i.counter,
  transports: i.transports ?? [],
  createdAt: i.createdAt,
  ...(i.lastUsedAt ? { lastUsedAt: i.lastUsedAt } : {}),
});

export function createReaderPasskeyStore(db: Db) {
  return {
    /** Stores a new passkey; false when that credential id is registered on the site already. */
    add: (p: ReaderPasskey): Promise<boolean> =>
      addWithLocator(
        db,
        { type: 'readerPasskeyRef', ...keys.readerPasskeyRef(p.site, p.credentialId), readerId: p.readerId },
        { type: 'readerPasskey', ...passkeyKey(p), ...p },
      ),

    async list(site: string, readerId: string): Promise<ReaderPasskey[]> {
      const { Items } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.readerPasskey(site, readerId, '').pk },
          ConsistentRead: true,
        }),
      );
      return (Items ?? []).filter(isReaderPasskey).map(fields);
    },

    /** The passkey of a credential id on this site, whoever it belongs to. */
    async byCredential(site: string, credentialId: string): Promise<ReaderPasskey | undefined> {
      const ref = await db.doc.send(
        new GetCommand({
          TableName: db.table,
          Key: keys.readerPasskeyRef(site, credentialId),
          ConsistentRead: true,
        }),
      );
      const readerId = ref.Item?.readerId;
      if (typeof readerId !== 'string') return undefined;
      const { Item } = await db.doc.send(
        new GetCommand({
          TableName: db.table,
          Key: passkeyKey({ site, readerId, credentialId }),
          ConsistentRead: true,
        }),
      );
      return isReaderPasskey(Item) && Item.site === site ? fields(Item) : undefined;
    },

    /** Records a sign-in: the new counter, on the condition that the counter read is still the stored one. */
    used: (p: ReaderPasskey, counter: number, at: string): Promise<boolean> =>
      counted(db, passkeyKey(p), p.counter, counter, at),
  };
}

export type ReaderPasskeyStore = ReturnType<typeof createReaderPasskeyStore>;
