/** The moderation log of a site: who did what to which comment, and when. */
import { randomBytes } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { type AuditItem, isAudit } from './items.js';
import { keys } from './keys.js';

export function createAuditStore(db: Db) {
  return {
    async add(entry: Omit<AuditItem, 'type' | 'pk' | 'sk'>): Promise<void> {
      const item: AuditItem = {
        ...entry,
        type: 'audit',
        ...keys.audit(entry.site, entry.at, randomBytes(4).toString('hex')),
      };
      await db.doc.send(new PutCommand({ TableName: db.table, Item: item }));
    },

    /** Newest first, one page; `after` is the sort key to continue from. */
    async list(
      site: string,
      limit: number,
      after?: string,
    ): Promise<{ entries: AuditItem[]; next?: string }> {
      const pk = keys.auditPk(site);
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: after ? { pk, sk: after } : undefined,
        }),
      );
      return {
        entries: (res.Items ?? []).filter(isAudit),
        next: res.LastEvaluatedKey ? String(res.LastEvaluatedKey.sk) : undefined,
      };
    },
  };
}

export type AuditStore = ReturnType<typeof createAuditStore>;
