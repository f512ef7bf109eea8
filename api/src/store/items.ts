/** Item types of the single table, each told apart by its `type` field and parsed by a guard. */

import {
  type BlockedAction,
  COMMENT_STATUSES,
  type CommentStatus,
  type DomainAction,
  MODERATION_MODES,
  type ModerationMode,
  ROLES,
  type Role,
} from '../contract/limits.js';
import type { ReactionSettings } from '../contract/reactions.js';
import type { ReaderSettings } from '../contract/reader.js';
import type { RemoteOrigin } from '../contract/remote.js';

// The enumerations are the contract's (api/src/contract/limits.ts), re-exported for the store's users.
export type { CommentStatus, ModerationMode, Role };
export { COMMENT_STATUSES, MODERATION_MODES, ROLES };

export interface SiteItem {
  type: 'site';
  pk: string;
  sk: string;
  id: string;
  name: string;
  origins: string[];
  moderation: ModerationMode;
  /** Seconds after posting during which an author may edit or delete. */
  editWindowSec: number;
  /** Deepest nesting the widget shows; deeper replies are shown flat with "in reply to". */
  maxDepth: number;
  /** Longest comment body, in characters of markdown. */
  maxBodyLength: number;
  /** Distinct readers' reports that hold an approved comment for review (absent: the default; 0: never). */
  reportThreshold?: number;
  /** Where comment events are posted (see notify/webhooks.ts). */
  webhooks?: WebhookConfig[];
  /** Spam defences of this site (see domain/spam.ts); absent fields mean the defence is off. */
  spam?: SpamSettings;
  /** How readers may sign in (contract/reader.ts); absent: they cannot, comments are anonymous. */
  readers?: ReaderSettings;
  /** Replies from elsewhere (issue 18): hold them all, find a page's posts on the page, accept Webmentions. */
  remote?: RemoteSettings;
  /** Reactions offered on comments and on the page (contract/reactions.ts); absent or empty sets: off. */
  reactions?: ReactionSettings;
  createdAt: string;
  updatedAt: string;
}

/** A site's settings for remote replies; absent fields are off. */
export interface RemoteSettings {
  /** Hold every remote reply as pending. */
  premoderate?: boolean;
  /** Read the page from the site's own origin for its syndication links (domain/remote/discover.ts). */
  discover?: boolean;
  /** Accept Webmentions. */
  webmention?: boolean;
}

/** Per-site spam rules. Counters cost a write per post, so each one is off unless set. */
export interface SpamSettings {
  /** Hold a post whose compose token is missing (a forged or too-young token is always held). */
  requireComposeToken?: boolean;
  /** Seconds between loading the thread and posting below which a post is held (default 3). */
  minComposeSec?: number;
  /** More links than this → pending. */
  maxLinks?: number;
  /** Words (case-insensitive, whole words) that hold or reject a post. */
  blockedWords?: string[];
  blockedAction?: BlockedAction;
  /** Posts allowed per client (and per page) in `rateWindowSec`; 0 or absent = no limit. */
  ratePerClient?: number;
  ratePerPage?: number;
  rateWindowSec?: number;
  /** The same body from the same author or client within this many seconds is rejected. */
  duplicateWindowSec?: number;
  /** `first-time` moderation trusts an author after this many approved comments (absent: 1). */
  trustAfter?: number;
  /** Rules by the author's email domain (subdomains match): hold for review, or refuse. */
  emailDomains?: Array<{ domain: string; action: DomainAction }>;
  /** Hold comments from disposable-mail domains (domain/spam-email.ts). */
  disposableEmail?: boolean;
  /** Ask the external content check (config `contentCheckUrl`); labels at `contentThreshold`% hold. */
  contentCheck?: boolean;
  contentThreshold?: number;
  /** Ask Akismet (at config.akismetUrl) about each post; a "spam" answer stores it as spam. */
  akismetKey?: string;
  akismet?: boolean;
}

export interface PageItem {
  type: 'page';
  pk: string;
  sk: string;
  site: string;
  page: string;
  /** The page's title from a trusted source (an import, a moderator); readers' claims are apart. */
  title?: string;
  /** The title the first poster's browser claimed: shown to moderators as claimed, nowhere public. */
  claimedTitle?: string;
  /** The page's URL: always on one of the site's origins. */
  url?: string;
  /** Approved, not deleted comments: what readers see counted. */
  count: number;
  /** Likes and reposts received as Webmentions (store/webmentions.ts); absent: none. */
  mentionLikes?: number;
  mentionReposts?: number;
  /** Readers' reactions on the page itself, counted per emoji (store/reactions.ts); absent: none yet. */
  reactions?: Record<string, number>;
  /** Every comment ever written to the page, whatever its status. */
  total: number;
  /** Bumped by every change visible in the thread; the ETag is made from it. */
  version: number;
  locked?: boolean;
  /** A page move under way (store/page-move.ts): on the old page its target and its lock before the move. */
  movingTo?: string;
  movingLocked?: boolean;
  /** Posts between their writes (store/post-write.ts): their ids, and `id#status#createdAt#writtenAt`. */
  inflight?: Set<string>;
  inflightAt?: Set<string>;
  /** On the new page while the move runs: where its comments come from. */
  movingFrom?: string;
  createdAt: string;
  updatedAt: string;
}

export interface CommentItem {
  gsi1pk?: string;
  gsi1sk?: string;
  gsi2pk?: string;
  gsi2sk?: string;
  /** The top index (store/top.ts): set while the comment is listed with a non-zero score. */
  gsi4pk?: string;
  gsi4sk?: string;
  statusAt?: string;
  type: 'comment';
  pk: string;
  sk: string;
  id: string;
  site: string;
  page: string;
  parentId: string | null;
  depth: number;
  /** Raw markdown as written. */
  body: string;
  /** Rendered, sanitized HTML: what every output shows. */
  html: string;
  authorName: string;
  authorEmail?: string;
  authorWebsite?: string;
  emailHash?: string;
  ipHash?: string;
  /** Seed of the locally generated avatar (keyed hash, no personal data). */
  avatar: string;
  status: CommentStatus;
  /** A deleted comment kept as a placeholder because it has replies. */
  placeholder?: boolean;
  score: number;
  up: number;
  down: number;
  /** Readers' reactions, counted per emoji (store/reactions.ts); absent: none yet. */
  reactions?: Record<string, number>;
  createdAt: string;
  editedAt?: string;
  pinned?: boolean;
  byModerator?: boolean;
  /** Written by a signed-in reader (their account's id): shown with a verified badge. */
  readerId?: string;
  verified?: boolean;
  notify?: boolean;
  /** Why the spam defences held or flagged this comment (shown to moderators only). */
  spamReasons?: string[];
  /** Set when the item moved between its page's listed and hidden ranges: the state it had before. */
  moved?: { from: CommentStatus; editedAt?: string };
  /** Keyed hash of the request that created it with an Idempotency-Key: a replay must match it. */
  requestHash?: string;
  /** A reply fetched from elsewhere (Mastodon, Bluesky, a Webmention): its origin there. */
  remote?: RemoteOrigin;
}

export interface CommentRefItem {
  type: 'commentRef';
  pk: string;
  sk: string;
  id: string;
  site: string;
  page: string;
  commentSk: string;
  /** The comment's private record (store/private.ts); absent on locators written before it. */
  body?: string;
  authorEmail?: string;
  ipHash?: string;
  requestHash?: string;
}

export interface VoteItem {
  type: 'vote';
  pk: string;
  sk: string;
  commentId: string;
  value: 1 | -1;
  createdAt: string;
}

type Item = Record<string, unknown>;

const isObj = (v: unknown): v is Item => typeof v === 'object' && v !== null;

const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function isSite(item: unknown): item is SiteItem {
  return (
    isObj(item) &&
    item.type === 'site' &&
    isStr(item.id) &&
    Array.isArray(item.origins) &&
    MODERATION_MODES.includes(item.moderation as ModerationMode) &&
    isNum(item.editWindowSec) &&
    isNum(item.maxDepth) &&
    isNum(item.maxBodyLength)
  );
}

export const WEBHOOK_EVENTS = ['created', 'approved', 'edited', 'deleted'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_FORMATS = ['json', 'slack', 'discord'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export interface WebhookConfig {
  id: string;
  /** An absolute http(s) URL. */
  url: string;
  /** Key of the `X-Afterword-Signature` HMAC. */
  secret: string;
  events: WebhookEvent[];
  format: WebhookFormat;
}

/** A reader's reply-mail subscription on one site (double opt-in); the address is kept only here and on comments. */
export interface SubscriberItem {
  type: 'subscriber';
  pk: string;
  sk: string;
  site: string;
  emailHash: string;
  email: string;
  verified: boolean;
  verifiedAt?: string;
  /** Unsubscribed from every reply mail of the site. */
  unsubscribedAt?: string;
  createdAt: string;
}

export function isSubscriber(item: unknown): item is SubscriberItem {
  return (
    isObj(item) &&
    item.type === 'subscriber' &&
    isStr(item.site) &&
    isStr(item.emailHash) &&
    isStr(item.email) &&
    typeof item.verified === 'boolean'
  );
}

export function isPage(item: unknown): item is PageItem {
  return (
    isObj(item) &&
    item.type === 'page' &&
    isStr(item.site) &&
    isStr(item.page) &&
    isNum(item.count) &&
    isNum(item.version)
  );
}

export function isComment(item: unknown): item is CommentItem {
  return (
    isObj(item) &&
    item.type === 'comment' &&
    isStr(item.id) &&
    isStr(item.site) &&
    isStr(item.page) &&
    isStr(item.html) &&
    isStr(item.createdAt) &&
    COMMENT_STATUSES.includes(item.status as CommentStatus) &&
    isNum(item.score)
  );
}

export function isCommentRef(item: unknown): item is CommentRefItem {
  return (
    isObj(item) && item.type === 'commentRef' && isStr(item.site) && isStr(item.page) && isStr(item.commentSk)
  );
}

export function isVote(item: unknown): item is VoteItem {
  return isObj(item) && item.type === 'vote' && (item.value === 1 || item.value === -1);
}

/** One reader's reaction with one emoji on a comment or a page (`REACT#…` partition, see keys.reaction). */
export interface ReactionItem {
  type: 'reaction';
  pk: string;
  sk: string;
  site: string;
  /** The comment reacted to; absent for a reaction on the page itself. */
  commentId?: string;
  page: string;
  emoji: string;
  /** Keyed hash of the reader (their account, else their client): never an id or an address. */
  reactor: string;
  createdAt: string;
}

export function isReactionItem(item: unknown): item is ReactionItem {
  return (
    isObj(item) &&
    item.type === 'reaction' &&
    isStr(item.site) &&
    isStr(item.page) &&
    isStr(item.emoji) &&
    isStr(item.reactor)
  );
}

export type DigestMode = 'each' | 'daily' | 'off';

export interface ModeratorItem {
  type: 'moderator';
  pk: string;
  sk: string;
  email: string;
  name: string;
  /** scrypt hash (`scrypt$N$r$p$salt$hash`), absent for magic-link-only accounts. */
  passwordHash?: string;
  /** How this moderator wants to hear about waiting comments. */
  digest: DigestMode;
  createdAt: string;
}

export interface MembershipItem {
  type: 'membership';
  pk: string;
  sk: string;
  email: string;
  site: string;
  role: Role;
  createdAt: string;
}

export function isModerator(item: unknown): item is ModeratorItem {
  return isObj(item) && item.type === 'moderator' && isStr(item.email) && isStr(item.name);
}

export function isMembership(item: unknown): item is MembershipItem {
  return (
    isObj(item) &&
    item.type === 'membership' &&
    isStr(item.email) &&
    isStr(item.site) &&
    ROLES.includes(item.role as Role)
  );
}

export const TOKEN_SCOPES = ['export', 'import'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface ApiTokenItem {
  type: 'apiToken';
  pk: string;
  sk: string;
  id: string;
  site: string;
  scope: TokenScope;
  name: string;
  /** Keyed hash of the whole token; the token itself is shown once and never stored. */
  hash: string;
  createdAt: string;
  revokedAt?: string;
}

export function isApiToken(item: unknown): item is ApiTokenItem {
  return (
    isObj(item) &&
    item.type === 'apiToken' &&
    isStr(item.id) &&
    isStr(item.site) &&
    isStr(item.hash) &&
    TOKEN_SCOPES.includes(item.scope as TokenScope)
  );
}

export interface SessionItem {
  type: 'session';
  pk: string;
  sk: string;
  email: string;
  createdAt: string;
  /** Epoch seconds: DynamoDB's TTL removes the item; reads check it too. */
  expiresAt: number;
}

export function isSession(item: unknown): item is SessionItem {
  return isObj(item) && item.type === 'session' && isStr(item.email) && isNum(item.expiresAt);
}

export const BAN_KINDS = ['email', 'client'] as const;
export type BanKind = (typeof BAN_KINDS)[number];

export interface BanItem {
  type: 'ban';
  pk: string;
  sk: string;
  site: string;
  kind: BanKind;
  /** Keyed hash of the email or client IP (never the value). */
  hash: string;
  reason: string;
  by: string;
  createdAt: string;
  /** ISO time the ban ends; absent = permanent. */
  until?: string;
  expiresAt?: number;
  /** The comment the ban was made from, as moderators saw it then (a masked email, never the address). */
  about?: BanContext;
  /** Past comments the ban hid (`hidePast`) and the status each had: what an unban's `restore` puts back. */
  hidden?: Array<{ id: string; from: CommentStatus }>;
}

export interface BanContext {
  commentId: string;
  page: string;
  /** The page's stored URL, when known. */
  url?: string;
  name: string;
  /** Masked (`j***@e***.com`). */
  email?: string;
  /** A remote reply's account: its source and handle (`mastodon @ann@social.example`). */
  account?: string;
  excerpt: string;
}

export function isBan(item: unknown): item is BanItem {
  return (
    isObj(item) &&
    item.type === 'ban' &&
    isStr(item.site) &&
    isStr(item.hash) &&
    BAN_KINDS.includes(item.kind as BanKind)
  );
}

export interface AuditItem {
  type: 'audit';
  pk: string;
  sk: string;
  site: string;
  /** Moderator email. */
  actor: string;
  action: string;
  target?: string;
  detail?: string;
  /** A settings save: the fields it changed, old → new (secrets only as set/changed). */
  changes?: Array<{ field: string; from: string | null; to: string | null }>;
  at: string;
}

export function isAudit(item: unknown): item is AuditItem {
  return isObj(item) && item.type === 'audit' && isStr(item.actor) && isStr(item.action) && isStr(item.at);
}
