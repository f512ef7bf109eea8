/** A site's sign-in rules for its moderators: whether a passkey is required (one small item per site). */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { getAll } from './batch.js';
import type { Db } from './client.js';
import { keys } from './keys.js';

export interface SiteSecurity {
  requirePasskey: boolean;
}

export function createSiteSecurityStore(db: Db) {
  return {
    async get(site: string): Promise<SiteSecurity> {
      return (await this.many([site])).get(site) ?? { requirePasskey: false };
    },

    /** The rules of each site (a site without an item requires nothing). */
    async many(sites: string[]): Promise<Map<string, SiteSecurity>> {
      const unique = [...new Set(sites)];
      const out = new Map<string, SiteSecurity>(unique.map((s) => [s, { requirePasskey: false }]));
      for (const item of (await getAll(db, unique.map(keys.siteSecurity), true)) as Array<
        Record<string, unknown>
      >)
        if (typeof item.site === 'string')
          out.set(item.site, { requirePasskey: item.requirePasskey === true });
      return out;
    },

    async set(site: string, rules: SiteSecurity, by: string, at: string): Promise<void> {
      await db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: {
            type: 'siteSecurity',
            ...keys.siteSecurity(site),
            site,
            ...rules,
            updatedBy: by,
            updatedAt: at,
          },
        }),
      );
    },
  };
}

export type SiteSecurityStore = ReturnType<typeof createSiteSecurityStore>;
