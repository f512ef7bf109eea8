/** The store: one DynamoDB table behind small typed repositories. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config.js';
import { createAuditStore } from './audit.js';
import { createBanStore } from './bans.js';
import { createDb, type Db } from './client.js';
import { createCommentWriter } from './comments.js';
import { createMarkStore } from './marks.js';
import { createModerationStore } from './moderation.js';
import { createModeratorStore } from './moderators.js';
import { createRateStore } from './rates.js';
import { createSessionStore } from './sessions.js';
import { createSiteStore } from './sites.js';
import { createSubscriptionStore } from './subscriptions.js';
import { createThreadReader } from './threads.js';
import { createTokenStore } from './tokens.js';

export function createStore(
  config: Pick<Config, 'dynamodbEndpoint' | 'region' | 'table' | 'siteCacheMs'>,
  db?: Db,
) {
  const d = db ?? createDb(config);
  return {
    db: d,
    sites: createSiteStore(d, { cacheMs: config.siteCacheMs }),
    threads: createThreadReader(d),
    comments: createCommentWriter(d),
    moderators: createModeratorStore(d),
    subscriptions: createSubscriptionStore(d),
    marks: createMarkStore(d),
    sessions: createSessionStore(d),
    rates: createRateStore(d),
    bans: createBanStore(d),
    audit: createAuditStore(d),
    moderation: createModerationStore(d),
    tokens: createTokenStore(d),
    /** True when the table answers a read. */
    async healthy(): Promise<boolean> {
      await d.doc.send(new GetCommand({ TableName: d.table, Key: { pk: 'HEALTH', sk: 'META' } }));
      return true;
    },
  };
}

export type Store = ReturnType<typeof createStore>;
