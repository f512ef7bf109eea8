/** Moderator accounts and their roles per site (one moderator may serve several sites). */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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

export function createModeratorStore(db: Db, now: () => Date = () => new Date()) {
  return {
    async get(email: string): Promise<ModeratorItem | undefined> {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.moderator(email), ConsistentRead: true }),
      );
      return isModerator(Item) ? Item : undefined;
    },

    /** Creates the account or updates its name, password hash or digest choice. */
    async upsert(
      email: string,
      fields: { name?: string; passwordHash?: string; digest?: DigestMode },
    ): Promise<ModeratorItem> {
      const before = await this.get(email);
      const item: ModeratorItem = {
        type: 'moderator',
        ...keys.moderator(email),
        email,
        name: fields.name ?? before?.name ?? email.split('@')[0] ?? email,
        digest: fields.digest ?? before?.digest ?? 'each',
        createdAt: before?.createdAt ?? now().toISOString(),
        ...((fields.passwordHash ?? before?.passwordHash)
          ? { passwordHash: fields.passwordHash ?? before?.passwordHash }
          : {}),
      };
      await db.doc.send(new PutCommand({ TableName: db.table, Item: item }));
      return item;
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
