/** The store: one DynamoDB table behind small typed repositories; nothing outside sees the client. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Config, DEFAULT_CACHE_ENTRIES } from '../config.js';
import type { AdminLinkStore } from './admin-links.js';
import { createAuditStore } from './audit.js';
import { createAuthorNoteStore } from './author-notes.js';
import { createAuthorIndex } from './authors.js';
import { createBanStore } from './bans.js';
import { createDb, type Db } from './client.js';
import { createCommentWriter } from './comments.js';
import type { ImportStore } from './imports.js';
import { lazyRepo } from './lazy-repo.js';
import { createCommentLookup } from './lookup.js';
import { createMarkStore } from './marks.js';
import { createModerationStore } from './moderation.js';
import { createModeratorStore } from './moderators.js';
import type { PageMover } from './page-move.js';
import { createPageList } from './pages.js';
import type { PasskeyStore } from './passkeys.js';
import type { PrivateRepair } from './private-repair.js';
import type { RangeRepair } from './ranges.js';
import { createRateStore } from './rates.js';
import type { ReactionStore } from './reactions.js';
import type { ReaderOAuthStore } from './reader-oauth.js';
import type { ReaderPasskeyStore } from './reader-passkeys.js';
import type { ReaderStore } from './readers.js';
import type { RemoteLinkStore } from './remote-links.js';
import type { ReportStore } from './reports.js';
import { createSessionStore } from './sessions.js';
import type { SiteSecurityStore } from './site-security.js';
import { createSiteStore } from './sites.js';
import { createSubscriptionStore } from './subscriptions.js';
import { ensureTable } from './table.js';
import { createThreadReader } from './threads.js';
import { createTokenStore } from './tokens.js';
import { createVoteStore } from './votes.js';
import type { WebmentionStore } from './webmentions.js';

export type StoreConfig = Pick<Config, 'dynamodbEndpoint' | 'region' | 'table' | 'siteCacheMs'> &
  Partial<Pick<Config, 'cacheEntries'>>;

/** The store on `config`'s table; `db` lets a test or the bench bring a client it also uses itself. */
export function createStore(config: StoreConfig, db?: Db) {
  const d = db ?? createDb(config);
  return {
    sites: createSiteStore(d, {
      cacheMs: config.siteCacheMs,
      cacheEntries: config.cacheEntries ?? DEFAULT_CACHE_ENTRIES,
    }),
    threads: createThreadReader(d),
    pages: createPageList(d),
    // Page moves, imports and the start-up repairs: loaded on their first use (no request reads a thread with them).
    pageMoves: lazyRepo<PageMover>(async () => (await import('./page-move.js')).createPageMover(d)),
    comments: createCommentWriter(d),
    lookup: createCommentLookup(d),
    imports: lazyRepo<ImportStore>(async () => (await import('./imports.js')).createImportStore(d)),
    authors: createAuthorIndex(d),
    authorNotes: createAuthorNoteStore(d),
    votes: createVoteStore(d),
    moderators: createModeratorStore(d),
    subscriptions: createSubscriptionStore(d),
    marks: createMarkStore(d),
    sessions: createSessionStore(d),
    // Moderators' passkeys, sign-in links and sites' passkey rules: loaded on their first use (admin sign-in only).
    passkeys: lazyRepo<PasskeyStore>(async () => (await import('./passkeys.js')).createPasskeyStore(d)),
    adminLinks: lazyRepo<AdminLinkStore>(async () =>
      (await import('./admin-links.js')).createAdminLinkStore(d),
    ),
    siteSecurity: lazyRepo<SiteSecurityStore>(async () =>
      (await import('./site-security.js')).createSiteSecurityStore(d),
    ),
    // Readers' accounts, sessions and links: loaded on their first use (a thread read never signs in).
    readers: lazyRepo<ReaderStore>(async () => (await import('./readers.js')).createReaderStore(d)),
    // Readers' passkeys (per site): loaded on their first use.
    readerPasskeys: lazyRepo<ReaderPasskeyStore>(async () =>
      (await import('./reader-passkeys.js')).createReaderPasskeyStore(d),
    ),
    // Readers' GitHub and OpenID Connect attempts and client secrets: loaded on their first use.
    readerOAuth: lazyRepo<ReaderOAuthStore>(async () =>
      (await import('./reader-oauth.js')).createReaderOAuthStore(d),
    ),
    // Pages' posts on Mastodon and Bluesky: loaded on their first use (the refresher, the admin).
    remoteLinks: lazyRepo<RemoteLinkStore>(async () =>
      (await import('./remote-links.js')).createRemoteLinkStore(d),
    ),
    rates: createRateStore(d),
    // Reader reports: loaded on their first use (no thread read needs them).
    reports: lazyRepo<ReportStore>(async () => (await import('./reports.js')).createReportStore(d)),
    // Readers' reactions on comments and pages: loaded on their first use (a thread read shows only counts).
    reactions: lazyRepo<ReactionStore>(async () => (await import('./reactions.js')).createReactionStore(d)),
    // Webmentions received and the likes and reposts they count: loaded on their first use.
    webmentions: lazyRepo<WebmentionStore>(async () =>
      (await import('./webmentions.js')).createWebmentionStore(d),
    ),
    bans: createBanStore(d),
    audit: createAuditStore(d),
    moderation: createModerationStore(d),
    tokens: createTokenStore(d),
    ranges: lazyRepo<RangeRepair>(async () => (await import('./ranges.js')).createRangeRepair(d)),
    privateRecords: lazyRepo<PrivateRepair>(async () =>
      (await import('./private-repair.js')).createPrivateRepair(d),
    ),
    /** The top index repair (top-repair.ts), loaded when it runs: no request needs it. */
    topKeys: {
      fixTopKeys: async () => (await import('./top-repair.js')).createTopRepair(d).fixTopKeys(),
    },
    /** Posts whose requests died between their writes, on pages nothing repaired since (post-repair.ts). */
    posts: {
      finishPosts: async (nowMs: number) =>
        (await import('./post-repair.js')).createPostRepair(d).finishPosts(nowMs),
    },
    /** True when the table answers a read. */
    async healthy(): Promise<boolean> {
      await d.doc.send(new GetCommand({ TableName: d.table, Key: { pk: 'HEALTH', sk: 'META' } }));
      return true;
    },
    /** Creates the table if missing (DynamoDB Local, tests); safe on every start. */
    ensureTable(): Promise<{ created: boolean }> {
      return ensureTable(d.client, d.table);
    },
    /** Closes the client's connections; the store is not used after this. */
    close(): void {
      d.client.destroy();
    },
  };
}

export type Store = ReturnType<typeof createStore>;
