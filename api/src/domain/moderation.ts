/** Initial status of a new comment from the site's moderation mode. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../store/client.js';
import type { CommentStatus, SiteItem } from '../store/items.js';
import { keys } from '../store/keys.js';

/** True when this author (by keyed email hash) already has an approved comment on the site. */
export async function hasApprovedComment(db: Db, site: string, emailHash: string): Promise<boolean> {
  let start: Record<string, unknown> | undefined;
  for (let round = 0; round < 5; round++) {
    const res = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        FilterExpression: '#status = :approved',
        ExpressionAttributeNames: { '#status': 'status', '#id': 'id' },
        ExpressionAttributeValues: { ':pk': keys.authorPk(site, emailHash), ':approved': 'approved' },
        ProjectionExpression: '#id',
        ExclusiveStartKey: start,
      }),
    );
    if ((res.Items?.length ?? 0) > 0) return true;
    start = res.LastEvaluatedKey;
    if (!start) return false;
  }
  return false;
}

export async function initialStatus(
  db: Db,
  site: SiteItem,
  author: { emailHash?: string },
): Promise<Extract<CommentStatus, 'approved' | 'pending'>> {
  switch (site.moderation) {
    case 'none':
      return 'approved';
    case 'all':
      return 'pending';
    case 'first-time':
      return author.emailHash && (await hasApprovedComment(db, site.id, author.emailHash))
        ? 'approved'
        : 'pending';
  }
}
