/** The API's enumerations and bounds: statuses, sorts, formats, sizes, settings ranges (no arktype: the widget and admin import it). */

export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'deleted'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
/** What a reader may see of a comment (spam is never shown; deleted leaves a placeholder). */
export const PUBLIC_STATUSES = ['approved', 'pending', 'deleted'] as const satisfies readonly CommentStatus[];
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

export const SORTS = ['oldest', 'newest', 'top'] as const;
export type Sort = (typeof SORTS)[number];

export const VOTE_VALUES = [1, -1, 0] as const;

export const IMPORT_FORMATS = [
  'disqus',
  'wordpress',
  'isso',
  'remark42',
  'commento',
  'waline',
  'native',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
/** Largest import file over HTTP; larger ones go through the command line. */
export const IMPORT_MAX_BYTES = 6 * 1024 * 1024;

export const MODERATION_MODES = ['none', 'first-time', 'all'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

export const ROLES = ['owner', 'moderator'] as const;
export type Role = (typeof ROLES)[number];

export const BULK_ACTIONS = ['approve', 'spam', 'delete', 'pending'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** Why a reader reports a comment (POST /comments/:id/report). */
export const REPORT_REASONS = ['spam', 'abuse', 'off-topic', 'illegal', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/**
 * Reader reports: the optional text's length, how many reports one client may send in a window, the
 * site's default threshold (distinct readers before a comment is held; 0 = never), and how many
 * reports of one comment the admin view lists with their texts.
 */
export const REPORT_LIMITS = { text: 500, perClient: 10, windowSec: 600, threshold: 3, listed: 50 } as const;

export const BAN_KINDS = ['email', 'client'] as const;
export type BanKind = (typeof BAN_KINDS)[number];

export const BLOCKED_ACTIONS = ['pending', 'reject'] as const;
export type BlockedAction = (typeof BLOCKED_ACTIONS)[number];

/** What an email-domain rule does: hold the comment for review, or refuse it (`email_domain_blocked`). */
export const DOMAIN_ACTIONS = ['hold', 'block'] as const;
export type DomainAction = (typeof DOMAIN_ACTIONS)[number];

/** Why a moderator removed or rejected a comment: a preset, with text of their own beside it. */
export const DECISION_REASONS = ['spam', 'abuse', 'off_topic', 'illegal', 'personal_data', 'other'] as const;
export type DecisionReason = (typeof DECISION_REASONS)[number];

/** How a moderator hears about waiting comments: a mail each, a daily digest, or none. */
export const DIGEST_MODES = ['each', 'daily', 'off'] as const;

/** Longest author fields (characters); its own object so the widget's bundle takes only these. */
export const AUTHOR_LIMITS = { name: 80, email: 254, website: 300 } as const;

/** Longest strings and lists a request may carry (characters, items). */
export const LIMITS = {
  /** A comment body (markdown); a site may set a lower `maxBodyLength`. */
  body: 50000,
  ...AUTHOR_LIMITS,
  title: 300,
  page: 2048,
  url: 2048,
  cursor: 2048,
  composeToken: 400,
  honeypot: 2000,
  /** Values of the edit-token and Idempotency-Key headers. */
  header: 200,
  /** Pages in one counts request. */
  countsPages: 100,
  /** Comments in one bulk action. */
  bulkIds: 100,
  search: 200,
  password: 1024,
  siteName: 200,
  origin: 300,
  origins: 50,
  banReason: 300,
  /** A moderator's own words beside a decision's preset reason. */
  decisionText: 500,
  /** A moderator's note on an author. */
  authorNote: 2000,
  banDays: 3650,
  logCursor: 1024,
  rewrite: 600,
  rewrites: 20,
  /** One `map` rule of an HTTP import (`old=new`), and how many (longer maps go through the CLI's --map-file). */
  mapRule: 1200,
  mapRules: 200,
  blockedWord: 100,
  blockedWords: 500,
  /** An email-domain rule's domain, and how many rules a site keeps. */
  emailDomain: 253,
  emailDomains: 200,
  akismetKey: 100,
} as const;

/** Page sizes of paginated lists: the range a `limit` may ask for and what an absent one gets. */
export const PAGE_SIZES = {
  thread: { min: 1, max: 100, default: 30 },
  queue: { min: 1, max: 100, default: 25 },
  log: { min: 1, max: 200, default: 50 },
  statsDays: { min: 1, max: 365, default: 30 },
} as const;

/** Clamps a requested page size (absent or not a number → the default) into its range. */
export function pageSize(kind: keyof typeof PAGE_SIZES, requested: string | number | undefined): number {
  const { min, max, default: d } = PAGE_SIZES[kind];
  const n = requested === undefined || requested === '' ? d : Number(requested);
  return Number.isFinite(n) ? Math.min(Math.max(Math.trunc(n), min), max) : d;
}

/** Ranges of a site's settings (whole numbers). */
export const SITE_SETTING_BOUNDS = {
  editWindowSec: { min: 0, max: 30 * 86400 },
  maxDepth: { min: 0, max: 50 },
  maxBodyLength: { min: 1, max: LIMITS.body },
  reportThreshold: { min: 0, max: 1000 },
} as const;

/** Ranges of the spam settings (whole numbers; 0 turns a counter off where the minimum is 0). */
export const SPAM_BOUNDS = {
  minComposeSec: { min: 0, max: 600 },
  maxLinks: { min: 0, max: 100 },
  ratePerClient: { min: 0, max: 10000 },
  ratePerPage: { min: 0, max: 100000 },
  rateWindowSec: { min: 1, max: 86400 },
  duplicateWindowSec: { min: 0, max: 7 * 86400 },
  /** Approved comments after which an author's next one skips `first-time` moderation (1 = first-time). */
  trustAfter: { min: 1, max: 1000 },
  /** An external check's label at or above this score (percent) holds the comment. */
  contentThreshold: { min: 1, max: 100 },
} as const;
export type SpamBound = keyof typeof SPAM_BOUNDS;
