/**
 * Readers' GitHub and OpenID Connect sign-in: pending attempts (by the SHA-256 of their `state`, used once,
 * expiring by TTL and on read) and each provider's client secret, sealed, in an item of its own beside
 * the site (never on the site item, so never in a settings answer, an export or a log).
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { keys } from './keys.js';

/** What the callback needs to finish an attempt begun by `start`. */
export interface OAuthAttempt {
  site: string;
  provider: string;
  /** The PKCE code verifier (S256 challenge sent). */
  verifier: string;
  /** OpenID Connect only: the nonce the ID token must carry. */
  nonce?: string;
  /** The blog page's origin: the only target the popup posts its answer to. */
  origin: string;
  /** The redirect_uri sent with the authorization request (the token request repeats it). */
  redirectUri: string;
  /** SHA-256 of the browser binding cookie set at start: the callback must come from that browser. */
  binding: string;
  /** SHA-256 (base64url) of the widget's handoff secret: the outcome is also kept for it to fetch. */
  handoff?: string;
  /** Epoch seconds. */
  expiresAt: number;
}

/** A finished attempt's outcome, kept for the widget whose popup could not post it (no opener). */
export interface OAuthHandoff {
  site: string;
  /** The session, sealed (domain/reader-oauth/handoff.ts). */
  sealed?: string;
  /** Or the error code the popup showed. */
  error?: string;
  /** Epoch seconds. */
  expiresAt: number;
}

function isAttempt(item: unknown): item is OAuthAttempt & { type: 'oauthAttempt' } {
  const i = item as Record<string, unknown> | undefined;
  return (
    i?.type === 'oauthAttempt' &&
    typeof i.site === 'string' &&
    typeof i.provider === 'string' &&
    typeof i.verifier === 'string' &&
    typeof i.origin === 'string' &&
    typeof i.redirectUri === 'string' &&
    typeof i.binding === 'string' &&
    typeof i.expiresAt === 'number'
  );
}

const SECRET_PREFIX = 'OAUTHSECRET#';

export function createReaderOAuthStore(db: Db) {
  return {
    async putAttempt(stateHash: string, attempt: OAuthAttempt): Promise<void> {
      await db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: { type: 'oauthAttempt', ...keys.oauthAttempt(stateHash), ...attempt },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    /** Takes an attempt once: undefined when unknown, already taken or expired. */
    async takeAttempt(stateHash: string, nowSec: number): Promise<OAuthAttempt | undefined> {
      const { Attributes } = await db.doc.send(
        new DeleteCommand({
          TableName: db.table,
          Key: keys.oauthAttempt(stateHash),
          ReturnValues: 'ALL_OLD',
        }),
      );
      if (!isAttempt(Attributes) || Attributes.expiresAt <= nowSec) return undefined;
      const { type: _t, pk: _p, sk: _s, ...attempt } = Attributes as unknown as Record<string, unknown>;
      return attempt as unknown as OAuthAttempt;
    },

    async putHandoff(handoffHash: string, handoff: OAuthHandoff): Promise<void> {
      await db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: { type: 'oauthHandoff', ...keys.oauthHandoff(handoffHash), ...handoff },
        }),
      );
    },

    /** Takes a kept outcome once: undefined when there is none (yet), it was taken, or it expired. */
    async takeHandoff(handoffHash: string, nowSec: number): Promise<OAuthHandoff | undefined> {
      const { Attributes: a } = await db.doc.send(
        new DeleteCommand({
          TableName: db.table,
          Key: keys.oauthHandoff(handoffHash),
          ReturnValues: 'ALL_OLD',
        }),
      );
      if (a?.type !== 'oauthHandoff' || typeof a.site !== 'string' || typeof a.expiresAt !== 'number') return;
      if (a.expiresAt <= nowSec) return;
      return {
        site: a.site,
        expiresAt: a.expiresAt,
        ...(typeof a.sealed === 'string' ? { sealed: a.sealed } : {}),
        ...(typeof a.error === 'string' ? { error: a.error } : {}),
      };
    },

    /** Stores a provider's client secret, already sealed (domain/reader-oauth/seal.ts). */
    async setSecret(site: string, provider: string, sealed: string, at: string): Promise<void> {
      await db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: { type: 'oauthSecret', ...keys.oauthSecret(site, provider), site, provider, sealed, at },
        }),
      );
    },

    async secret(site: string, provider: string): Promise<string | undefined> {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.oauthSecret(site, provider), ConsistentRead: true }),
      );
      return typeof Item?.sealed === 'string' ? Item.sealed : undefined;
    },

    /** The ids of the site's providers that have a secret stored. */
    async withSecret(site: string): Promise<string[]> {
      const { pk } = keys.oauthSecret(site, '');
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
          ExpressionAttributeValues: { ':pk': pk, ':p': SECRET_PREFIX },
          ProjectionExpression: 'provider',
          ConsistentRead: true,
        }),
      );
      return (res.Items ?? []).flatMap((i) => (typeof i.provider === 'string' ? [i.provider] : []));
    },

    async removeSecret(site: string, provider: string): Promise<void> {
      await db.doc.send(new DeleteCommand({ TableName: db.table, Key: keys.oauthSecret(site, provider) }));
    },
  };
}

export type ReaderOAuthStore = ReturnType<typeof createReaderOAuthStore>;
