/**
 * Moderator accounts and their roles per site (one moderator may serve several sites). Each account
 * has a session epoch, a random value that a new account, a password set and a removal replace: a
 * session is honoured only under the epoch it began with (see sessions.ts).
 */
import { randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import {
  type DigestMode,
  isMembership,
  isModerator,
  type MembershipItem,
  type ModeratorItem,
  type Role,
} from './items.js';
import { keys } from './keys.js';
import { queryIndex3 } from './query.js';

/** The session epoch of an account; absent on accounts from before epochs (their sessions match none). */
export function sessionEpochOf(m: ModeratorItem): string | undefined {
  const epoch = (m as ModeratorItem & { sessionEpoch?: unknown }).sessionEpoch;
  return typeof epoch === 'string' ? epoch : undefined;
}

const newEpoch = () => randomBytes(12).toString('base64url');

export function createModeratorStore(db: Db, now: () => Date = () => new Date()) {
  return {
    async get(email: string): Promise<ModeratorItem | undefined> {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.moderator(email), ConsistentRead: true }),
      );
      return isModerator(Item) ? Item : undefined;
    },

    /** Creates the account or updates its name, password hash or digest choice; a new password ends its sessions. */
    async upsert(
      email: string,
      fields: { name?: string; passwordHash?: string; digest?: DigestMode },
    ): Promise<ModeratorItem> {
      const before = await this.get(email);
      const passwordChanged =
        fields.passwordHash !== undefined && fields.passwordHash !== before?.passwordHash;
      const kept = before ? sessionEpochOf(before) : undefined;
      const sessionEpoch = !before || passwordChanged ? newEpoch() : kept;
      const item: ModeratorItem & { sessionEpoch?: string } = {
        type: 'moderator',
        ...keys.moderator(email),
        email,
        name: fields.name ?? before?.name ?? email.split('@')[0] ?? email,
        digest: fields.digest ?? before?.digest ?? 'each',
        createdAt: before?.createdAt ?? now().toISOString(),
        ...((fields.passwordHash ?? before?.passwordHash)
          ? { passwordHash: fields.passwordHash ?? before?.passwordHash }
          : {}),
        ...(sessionEpoch ? { sessionEpoch } : {}),
      };
      await db.doc.send(new PutCommand({ TableName: db.table, Item: item }));
      return item;
    },

    /** Ends every session of the account (a new epoch); false when there is no such account. */
    async endSessions(email: string): Promise<boolean> {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.moderator(email),
            UpdateExpression: 'SET sessionEpoch = :e',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':e': newEpoch() },
          }),
        );
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    },

    /** Takes one site from the moderator and ends their sessions; false when they did not serve it. */
    async revoke(email: string, site: string): Promise<boolean> {
      const { Attributes } = await db.doc.send(
        new DeleteCommand({
          TableName: db.table,
          Key: keys.membership(email, site),
          ReturnValues: 'ALL_OLD',
        }),
      );
      await this.endSessions(email);
      return isMembership(Attributes);
    },

    /**
     * Removes the account and every membership. Its sessions end with it: the middleware needs the
     * account, and an account made again later gets a new epoch, so old sessions stay over.
     */
    async remove(email: string): Promise<{ removed: boolean; sites: string[] }> {
      await this.endSessions(email);
      const memberships = await this.memberships(email);
      for (const m of memberships)
        await db.doc.send(new DeleteCommand({ TableName: db.table, Key: keys.membership(email, m.site) }));
      const { Attributes } = await db.doc.send(
        new DeleteCommand({ TableName: db.table, Key: keys.moderator(email), ReturnValues: 'ALL_OLD' }),
      );
      return { removed: isModerator(Attributes), sites: memberships.map((m) => m.site) };
    },

    async setDigest(email: string, digest: DigestMode): Promise<void> {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: keys.moderator(email),
          UpdateExpression: 'SET digest = :d',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':d': digest },
        }),
      );
    },

    async grant(email: string, site: string, role: Role): Promise<MembershipItem> {
      const item: MembershipItem = {
        type: 'membership',
        ...keys.membership(email, site),
        ...keys.membershipIndex(site, email),
        email,
        site,
        role,
        createdAt: now().toISOString(),
      };
      await db.doc.send(new PutCommand({ TableName: db.table, Item: item }));
      return item;
    },

    /** The sites this moderator serves, with the role on each. */
    async memberships(email: string): Promise<MembershipItem[]> {
      const { Items } = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
          ExpressionAttributeValues: { ':pk': keys.moderatorPk(email), ':s': 'SITE#' },
          ConsistentRead: true,
        }),
      );
      return (Items ?? []).filter(isMembership);
    },

    /** Everyone who moderates a site, with their accounts (for moderator mail). */
    async forSite(site: string): Promise<Array<{ membership: MembershipItem; moderator: ModeratorItem }>> {
      const out: Array<{ membership: MembershipItem; moderator: ModeratorItem }> = [];
      for (const m of await queryIndex3(db, keys.membershipIndexPk(site), isMembership)) {
        const moderator = await this.get(m.email);
        if (moderator) out.push({ membership: m, moderator });
      }
      return out;
    },
  };
}

export type ModeratorStore = ReturnType<typeof createModeratorStore>;
