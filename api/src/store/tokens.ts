/** API tokens: scoped to one site, stored as a keyed hash, shown once, listable and revocable. */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keyedHash, safeEqual } from '../domain/tokens.js';
import type { Db } from './client.js';
import { type ApiTokenItem, isApiToken, type TokenScope } from './items.js';
import { keys } from './keys.js';
import { queryIndex3 } from './query.js';

/** Tokens look like `aw_<id>_<secret>`: the id finds the item, the whole token is checked by hash. */
const TOKEN_RE = /^aw_([0-9a-f]{12})_([A-Za-z0-9_-]{32,64})$/;

const hashOf = (secret: string, token: string) => keyedHash(secret, 'api-token', token, 64);

export function createTokenStore(db: Db) {
  async function get(id: string): Promise<ApiTokenItem | undefined> {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.table, Key: keys.apiToken(id), ConsistentRead: true }),
    );
    return isApiToken(Item) ? Item : undefined;
  }

  return {
    get,

    /** Creates a token; returns the item and the token text (the only time it exists in clear). */
    async create(secret: string, site: string, scope: TokenScope, name: string, now: string) {
      const id = randomBytes(6).toString('hex');
      const token = `aw_${id}_${randomBytes(32).toString('base64url')}`;
      const item: ApiTokenItem = {
        type: 'apiToken',
        ...keys.apiToken(id),
        ...keys.apiTokenIndex(site, id),
        id,
        site,
        scope,
        name,
        hash: hashOf(secret, token),
        createdAt: now,
      };
      await db.doc.send(
        new PutCommand({ TableName: db.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return { item, token };
    },

    /** The token's item when the text is a live token of ours; undefined otherwise. */
    async verify(secret: string, token: string): Promise<ApiTokenItem | undefined> {
      const m = TOKEN_RE.exec(token);
      if (!m) return undefined;
      const item = await get(m[1]!);
      if (!item || item.revokedAt) return undefined;
      return safeEqual(item.hash, hashOf(secret, token)) ? item : undefined;
    },

    async list(site: string): Promise<ApiTokenItem[]> {
      return queryIndex3(db, keys.apiTokensPk(site), isApiToken);
    },

    /** Marks a token revoked (kept for the record); false when there is no such token. */
    async revoke(id: string, now: string): Promise<boolean> {
      if (!/^[0-9a-f]{12}$/.test(id)) return false;
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.apiToken(id),
            UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':now': now },
          }),
        );
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
