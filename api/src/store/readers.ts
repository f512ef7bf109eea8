/**
 * Readers' accounts (per site), the identities that sign in to them, their sessions and email links.
 * Sessions and links are keyed by the SHA-256 of their token (the table never holds a working one), expire
 * by TTL and are checked on read; a session carries its account's epoch, so bumping it ends them all.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReaderMethod } from '../contract/reader-names.js';
import type { Db } from './client.js';
import { keys } from './keys.js';
import { ConditionFailed, transact } from './tx.js';

export interface ReaderItem {
  type: 'reader';
  pk: string;
  sk: string;
  id: string;
  site: string;
  name: string;
  /** A verified address (an email link, or a provider that says it is verified); never shown to others. */
  email?: string;
  /** The author key of everything this reader writes (the comments' emailHash). */
  authorHash: string;
  methods: ReaderMethod[];
  /** Sessions that began with another epoch are over. */
  epoch: string;
  createdAt: string;
}

export interface ReaderSessionItem {
  type: 'readerSession';
  pk: string;
  sk: string;
  site: string;
  readerId: string;
  epoch: string;
  method: ReaderMethod;
  createdAt: string;
  /** Epoch seconds (the table's TTL attribute). */
  expiresAt: number;
}

export interface ReaderLinkItem {
  type: 'readerLink';
  pk: string;
  sk: string;
  site: string;
  email: string;
  /** The blog page the link leads back to (on one of the site's origins). */
  page: string;
  /** The token is derived from it with the secret (domain/reader-link.ts): the item alone is no link. */
  nonce: string;
  createdAt: string;
  expiresAt: number;
}

export type NewReader = Omit<ReaderItem, 'type' | 'pk' | 'sk'>;
export type NewSession = Omit<ReaderSessionItem, 'type' | 'pk' | 'sk'>;

const is =
  <T>(kind: string) =>
  (item: unknown): item is T =>
    (item as { type?: unknown } | undefined)?.type === kind;
const isReader = is<ReaderItem>('reader');
const isSession = is<ReaderSessionItem>('readerSession');
export const isReaderLink = is<ReaderLinkItem>('readerLink');

/** The one rule for a session read from storage: a reader's session still live at `nowSec`. */
export const liveSession = (item: unknown, nowSec: number): ReaderSessionItem | undefined =>
  isSession(item) && item.expiresAt > nowSec ? item : undefined;
/** …and its account, while the account's epoch is the one the session began with (a new epoch ends them all). */
export const sessionAccount = (session: ReaderSessionItem, item: unknown): ReaderItem | undefined =>
  isReader(item) && item.epoch === session.epoch ? item : undefined;

export function createReaderStore(db: Db) {
  const get = async (key: { pk: string; sk: string }) =>
    (await db.doc.send(new GetCommand({ TableName: db.table, Key: key, ConsistentRead: true }))).Item;

  return {
    async get(site: string, id: string): Promise<ReaderItem | undefined> {
      const item = await get(keys.reader(site, id));
      return isReader(item) ? item : undefined;
    },

    /** The account an identity signs in to, if it has one. */
    async identity(site: string, kind: ReaderMethod, subjectHash: string): Promise<string | undefined> {
      const item = await get(keys.readerIdentity(site, kind, subjectHash));
      return typeof item?.readerId === 'string' ? item.readerId : undefined;
    },

    /**
     * Links an identity to an account: a new one (`reader` given) or an existing one (`readerId`), in one
     * transaction. `false` when the identity already belongs to an account (a race, or attached before).
     */
    async link(
      site: string,
      kind: ReaderMethod,
      subjectHash: string,
      to: { reader: NewReader } | { readerId: string },
    ): Promise<boolean> {
      const readerId = 'reader' in to ? to.reader.id : to.readerId;
      const account =
        'reader' in to
          ? {
              Put: {
                TableName: db.table,
                Item: { type: 'reader', ...keys.reader(site, readerId), ...to.reader },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            }
          : {
              Update: {
                TableName: db.table,
                Key: keys.reader(site, readerId),
                UpdateExpression: 'SET methods = list_append(methods, :m)',
                ConditionExpression: 'attribute_exists(pk) AND NOT contains(methods, :k)',
                ExpressionAttributeValues: { ':m': [kind], ':k': kind },
              },
            };
      const identity = {
        Put: {
          TableName: db.table,
          Item: { type: 'readerIdentity', ...keys.readerIdentity(site, kind, subjectHash), site, readerId },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
      try {
        await transact(db, [identity, account]);
        return true;
      } catch (err) {
        if (!(err instanceof ConditionFailed)) throw err;
        // The account already has this kind (another credential of it): only the identity is new.
        if (!err.has(0) && 'readerId' in to) {
          await db.doc.send(new PutCommand({ ...identity.Put }));
          return true;
        }
        return false;
      }
    },

    async rename(site: string, id: string, name: string): Promise<void> {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: keys.reader(site, id),
          UpdateExpression: 'SET #name = :n',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':n': name },
        }),
      );
    },

    /** A new epoch: every session that began before it is over. */
    async newEpoch(site: string, id: string, epoch: string): Promise<void> {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: keys.reader(site, id),
          UpdateExpression: 'SET epoch = :e',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':e': epoch },
        }),
      );
    },

    async openSession(tokenHash: string, session: NewSession): Promise<void> {
      const Item: ReaderSessionItem = { type: 'readerSession', ...keys.readerSession(tokenHash), ...session };
      await db.doc.send(new PutCommand({ TableName: db.table, Item }));
    },

    /** The session and its account, while the session is live (not expired, same epoch). */
    async session(
      tokenHash: string,
      nowSec: number,
    ): Promise<{ session: ReaderSessionItem; reader: ReaderItem } | undefined> {
      const session = liveSession(await get(keys.readerSession(tokenHash)), nowSec);
      if (!session) return undefined;
      const reader = sessionAccount(session, await this.get(session.site, session.readerId));
      return reader ? { session, reader } : undefined;
    },

    async endSession(tokenHash: string): Promise<void> {
      await db.doc.send(new DeleteCommand({ TableName: db.table, Key: keys.readerSession(tokenHash) }));
    },

    async putLink(tokenHash: string, link: Omit<ReaderLinkItem, 'type' | 'pk' | 'sk'>): Promise<void> {
      const Item: ReaderLinkItem = { type: 'readerLink', ...keys.readerLink(tokenHash), ...link };
      await db.doc.send(new PutCommand({ TableName: db.table, Item }));
    },

    /** Uses a link once (deleted as it is read): the link while it was live, else undefined. */
    async takeLink(tokenHash: string, nowSec: number): Promise<ReaderLinkItem | undefined> {
      const { Attributes } = await db.doc.send(
        new DeleteCommand({ TableName: db.table, Key: keys.readerLink(tokenHash), ReturnValues: 'ALL_OLD' }),
      );
      return isReaderLink(Attributes) && Attributes.expiresAt > nowSec ? Attributes : undefined;
    },
  };
}

export type ReaderStore = ReturnType<typeof createReaderStore>;
