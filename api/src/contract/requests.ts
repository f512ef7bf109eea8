/** Request schemas (arktype), built from the limits: validated at the edge and described in the OpenAPI document. */
import { type } from 'arktype';
import {
  BAN_KINDS,
  BLOCKED_ACTIONS,
  BULK_ACTIONS,
  COMMENT_STATUSES,
  DECISION_REASONS,
  DIGEST_MODES,
  DOMAIN_ACTIONS,
  IMPORT_FORMATS,
  LIMITS as L,
  MODERATION_MODES,
  REPORT_LIMITS,
  REPORT_REASONS,
  SITE_SETTING_BOUNDS,
  SORTS,
  SPAM_BOUNDS,
  VOTE_VALUES,
} from './limits.js';
import { REACTION_PALETTE, REACTION_SET_MAX } from './reactions.js';

const text = (max: number) => type.string.atMostLength(max);
const whole = (b: { min: number; max: number }) => type.keywords.number.integer.atLeast(b.min).atMost(b.max);
/** Query-string page size: up to three digits (clamped to its range by the route). */
const limit = type(/^[0-9]{1,3}$/);

// ── shared ────────────────────────────────────────────────────────────────────────────────────

export const SiteId = type(/^[a-z0-9][a-z0-9-]{0,39}$/).describe(
  'a site id: lower-case letters, digits, dashes',
);
export const CommentId = type(/^[0-9a-z]{8,40}$/).describe('a comment id');
const Page = text(L.page);
const Cursor = text(L.cursor);
const Body = text(L.body);

// ── public API ────────────────────────────────────────────────────────────────────────────────

export const Author = type({
  'name?': text(L.name),
  'email?': type('string.email').atMostLength(L.email).or("''"),
  'website?': text(L.website),
});

export const PostComment = type({
  site: SiteId,
  page: Page,
  'parentId?': CommentId.or('null'),
  body: Body,
  'author?': Author,
  'title?': text(L.title),
  'url?': text(L.url),
  'notify?': 'boolean',
  /** Signed timestamp handed out with the thread (minimum compose time; see domain/spam). */
  'composeToken?': text(L.composeToken),
  /** Honeypot: a field people never see and never fill. */
  'hp?': text(L.honeypot),
});

export const EditComment = type({ body: Body });
export const Vote = type({ value: type.enumerated(...VOTE_VALUES) });
/** A reader's report of a comment: why, and optionally in their words. */
export const ReportComment = type({
  reason: type.enumerated(...REPORT_REASONS),
  'text?': text(REPORT_LIMITS.text),
});
export const Preview = type({ body: Body, 'site?': SiteId });

export const ThreadQuery = type({
  site: SiteId,
  page: Page,
  'sort?': type.enumerated(...SORTS),
  'limit?': limit,
  'cursor?': Cursor,
});

/** Who asks for a compose token: the thread a reader starts writing in. */
export const ComposeQuery = type({ site: SiteId, page: Page });

export const CountsQuery = type({ site: SiteId, page: Page.or(Page.array().atMostLength(L.countsPages)) });

/** The author's proof: the edit token of the browser that wrote it, or a signed-in reader's session (or both). */
export const EditTokenHeader = type({
  'x-afterword-edit-token?': text(L.header),
  'x-afterword-session?': text(L.header),
});
export const IdempotencyHeader = type({ 'idempotency-key?': text(L.header) });
export const IdParam = type({ id: CommentId });

/** A reaction's emoji in a path: any short text here; the domain tells one outside the site's set (`reaction_invalid`). */
const Emoji = type.string.atLeastLength(1).atMostLength(16).describe("one emoji of the site's set, e.g. 👍");
export const ReactionParam = type({ id: CommentId, emoji: Emoji });
export const PageReactionParam = type({ emoji: Emoji });
/** The page a page reaction is on. */
export const PageReactionQuery = type({ site: SiteId, page: Page });
/** A signed-in reader reacts as their account (else as their client, like a vote). */
export const ReaderHeader = type({ 'x-afterword-session?': text(L.header) });
const ReactionList = type
  .enumerated(...REACTION_PALETTE)
  .array()
  .atMostLength(REACTION_SET_MAX)
  .describe(`at most ${REACTION_SET_MAX} of ${REACTION_PALETTE.join(' ')}`);
/** A site's reactions: the set offered on comments and the set offered on the page (empty: off). */
export const ReactionSettingsBody = type({ 'comments?': ReactionList, 'page?': ReactionList });

// ── admin API ─────────────────────────────────────────────────────────────────────────────────

/** Any `local@host` address (moderators may live on `localhost` in development). */
export const AdminLogin = type({
  email: type(/^[^\s@]{1,128}@[^\s@]{1,125}$/),
  password: text(L.password),
});

export const AdminStatus = type.enumerated(...COMMENT_STATUSES);

export const AdminQueueQuery = type({
  site: SiteId,
  'status?': AdminStatus,
  'page?': Page,
  /** An email (exact) or part of a name. */
  'author?': text(L.email),
  /** Text to find in body, name or email (case-insensitive). */
  'q?': text(L.search),
  'limit?': limit,
  'cursor?': Cursor,
});

/** Why a comment was removed or rejected: a preset and, optionally, the moderator's words. */
export const AdminReason = type({
  code: type.enumerated(...DECISION_REASONS),
  'text?': text(L.decisionText),
});

export const AdminBulk = type({
  ids: CommentId.array().moreThanLength(0).atMostLength(L.bulkIds),
  action: type.enumerated(...BULK_ACTIONS),
  'reason?': AdminReason,
});

export const AdminSetStatus = type({
  status: AdminStatus,
  /** Logged with the decision; with `tellAuthor` also mailed to the author's confirmed address. */
  'reason?': AdminReason,
  'tellAuthor?': 'boolean',
});
export const AdminAuthorNote = type({ text: text(L.authorNote) });
export const AdminMailChoice = type({ digest: type.enumerated(...DIGEST_MODES) });
export const AdminEdit = type({ body: Body });
export const AdminReply = type({ body: Body });
export const AdminPin = type({ pinned: 'boolean' });
export const AdminLock = type({ site: SiteId, page: Page, locked: 'boolean' });
export const AdminSiteParam = type({ site: SiteId });
export const AdminIdParam = type({ id: CommentId });

export const AdminBan = type({
  /** Ban the author of this comment: by email hash and/or by client hash. */
  commentId: CommentId,
  'email?': 'boolean',
  'client?': 'boolean',
  /** Days until the ban ends; absent = permanent. */
  'days?': type.number.moreThan(0).atMost(L.banDays),
  'reason?': text(L.banReason),
  /** Also hide the author's past comments on the site (by email hash); the unban's `restore` undoes it. */
  'hidePast?': 'boolean',
});

export const AdminUnban = type({
  kind: type.enumerated(...BAN_KINDS),
  hash: /^[0-9a-f]{8,64}$/,
  /** Put back the comments this ban hid (those still hidden), each to the status it had. */
  'restore?': 'boolean',
});

/** An email-domain rule: `example.com` also matches its subdomains; a leading `@` is allowed. */
const EmailDomain = type(/^@?(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z0-9-]{2,63}$/)
  .and(text(L.emailDomain))
  .describe('a domain, e.g. example.com (subdomains match too)');

const S = SPAM_BOUNDS;
export const AdminSpamSettings = type({
  'requireComposeToken?': 'boolean',
  'minComposeSec?': whole(S.minComposeSec),
  'maxLinks?': whole(S.maxLinks),
  'blockedWords?': text(L.blockedWord).array().atMostLength(L.blockedWords),
  'blockedAction?': type.enumerated(...BLOCKED_ACTIONS),
  'ratePerClient?': whole(S.ratePerClient),
  'ratePerPage?': whole(S.ratePerPage),
  'rateWindowSec?': whole(S.rateWindowSec),
  'duplicateWindowSec?': whole(S.duplicateWindowSec),
  /** `first-time` moderation trusts an author after this many approved comments (absent: 1). */
  'trustAfter?': whole(S.trustAfter),
  'emailDomains?': type({ domain: EmailDomain, action: type.enumerated(...DOMAIN_ACTIONS) })
    .array()
    .atMostLength(L.emailDomains),
  /** Hold comments from disposable-mail addresses (a list shipped with the API; no network). */
  'disposableEmail?': 'boolean',
  /** Ask the configured external content check (off unless the API is configured with one). */
  'contentCheck?': 'boolean',
  /** Percent: a label scoring at least this holds the comment (absent: 80). */
  'contentThreshold?': whole(S.contentThreshold),
  'akismet?': 'boolean',
  /** Empty string removes the key; absent keeps it. */
  'akismetKey?': text(L.akismetKey),
});

/** The flags of a site's reader sign-in (contract/reader.ts) an owner sets; absent ones stay as they are. */
const ReaderFlags = type({
  'email?': 'boolean',
  'passkey?': 'boolean',
  'required?': 'boolean',
  'editsAnytime?': 'boolean',
});

export const AdminSettings = type({
  'name?': text(L.siteName),
  'origins?': text(L.origin).array().atMostLength(L.origins),
  'moderation?': type.enumerated(...MODERATION_MODES),
  'editWindowSec?': whole(SITE_SETTING_BOUNDS.editWindowSec),
  'maxDepth?': whole(SITE_SETTING_BOUNDS.maxDepth),
  'maxBodyLength?': whole(SITE_SETTING_BOUNDS.maxBodyLength),
  /** Distinct readers' reports that hold an approved comment for review; 0 turns it off. */
  'reportThreshold?': whole(SITE_SETTING_BOUNDS.reportThreshold),
  'spam?': AdminSpamSettings,
  /** How readers may sign in; the providers are set apart (their secrets never come back). */
  'readers?': ReaderFlags,
  /** Replies from elsewhere (issue 18): hold them all, read the page's own links, accept Webmentions. */
  'remote?': type({ 'premoderate?': 'boolean', 'discover?': 'boolean', 'webmention?': 'boolean' }),
  /** Reactions offered on comments and on the page (contract/reactions.ts); an absent set stays as it is. */
  'reactions?': ReactionSettingsBody,
});

export const AdminReportsQuery = type({ 'cursor?': Cursor, 'limit?': limit });
export const AdminLogQuery = type({ 'cursor?': text(L.logCursor), 'limit?': limit });
export const AdminStatsQuery = type({ 'days?': limit });

// ── portability (export, import, feeds, GDPR) ───────────────────────────────────────────────────

export const SiteParam = type({ site: SiteId });
export const ExportQuery = type({ 'cursor?': Cursor });

export const ImportQuery = type({
  /** The file's format; left out, it is told from the file (a named one the file plainly is not is refused). */
  'format?': type.enumerated(...IMPORT_FORMATS),
  /** `old=new` host rewrites, e.g. `old.example.com=blog.example.com`, repeatable. */
  'rewrite?': text(L.rewrite).or(text(L.rewrite).array().atMostLength(L.rewrites)),
  /** `old=new` page-path rules applied after the rewrites, exact or prefix (`/2014/*=/posts/*`), repeatable. */
  'map?': text(L.mapRule).or(text(L.mapRule).array().atMostLength(L.mapRules)),
  /** `true`: read the whole file and answer `mapping` (old → new per page); nothing is written. */
  'dryRun?': "'true' | 'false'",
  /** Records of the file already taken by earlier calls (`nextSkip` of the last answer): read past, not re-checked. */
  'skip?': /^[0-9]{1,9}$/,
});

export const FeedQuery = type({ site: SiteId, 'page?': Page });
export const GdprQuery = type({ email: type('string.email').atMostLength(L.email) });

// ── derived types ─────────────────────────────────────────────────────────────────────────────

export type AuthorInput = typeof Author.infer;
export type PostCommentBody = typeof PostComment.infer;
export type EditCommentBody = typeof EditComment.infer;
export type VoteBody = typeof Vote.infer;
export type ReportCommentBody = typeof ReportComment.infer;
export type PreviewBody = typeof Preview.infer;
export type ThreadQueryParams = typeof ThreadQuery.infer;
export type CountsQueryParams = typeof CountsQuery.infer;
export type ComposeQueryParams = typeof ComposeQuery.infer;
export type AdminLoginBody = typeof AdminLogin.infer;
export type AdminQueueQueryParams = typeof AdminQueueQuery.infer;
export type AdminBulkBody = typeof AdminBulk.infer;
export type AdminSetStatusBody = typeof AdminSetStatus.infer;
export type AdminBanBody = typeof AdminBan.infer;
export type AdminUnbanBody = typeof AdminUnban.infer;
export type AdminSpamSettingsBody = typeof AdminSpamSettings.infer;
export type AdminSettingsBody = typeof AdminSettings.infer;
export type AdminLockBody = typeof AdminLock.infer;
export type ImportQueryParams = typeof ImportQuery.infer;
