/** Response bodies of the API as arktype schemas (the OpenAPI document's and the widget's contract), with their types. */
import { type } from 'arktype';
import { ERROR_CODES } from './codes.js';
import { REACTION_PALETTE, type Reaction } from './reactions.js';
import { PublicReaderSettings, Reader } from './reader.js';
import { REMOTE_SOURCES } from './remote.js';
import { WEBMENTION_RESULTS, WEBMENTION_STATUSES } from './webmention.js';

export { MyComments, Reader, ReaderErased, ReaderMe, ReaderSession } from './reader.js';
export { RemoteLinks } from './remote-links.js';

import { FLAG_CODES, LABEL_FLAG } from './flags.js';
import {
  BAN_KINDS,
  BLOCKED_ACTIONS,
  COMMENT_STATUSES,
  DECISION_REASONS,
  DIGEST_MODES,
  DOMAIN_ACTIONS,
  IMPORT_FORMATS,
  MODERATION_MODES,
  PUBLIC_STATUSES,
  REPORT_REASONS,
  ROLES,
} from './limits.js';

// Objects reject keys they do not name: a field added to a presenter must be added here too,
// and a public shape cannot grow an email or an IP unnoticed.
const strict = { '+': 'reject' } as const;

export const ErrorCode = type.enumerated(...ERROR_CODES);
export const ErrorBody = type({
  ...strict,
  error: {
    ...strict,
    code: ErrorCode,
    message: 'string',
    'details?': type({
      'origin?': type('string').describe('`origin_not_allowed`: the Origin the request came from'),
      'site?': type('string').describe('`origin_not_allowed`, `site_not_found`: the site id asked for'),
      '[string]': 'unknown',
    }).describe(
      'e.g. `fields` (the invalid ones), `max`, `retryAfterSec`; set-up refusals name only what the ' +
        "request itself sent (never a site's allowed origins)",
    ),
  },
}).describe('every error: `{"error":{"code","message","details?"}}`');

const Iso = type('string').describe('an ISO 8601 time');
const Int = type('number.integer');
const Cursor = type('string | null').describe('pass back as `cursor` for the next page; null at the end');
const ModerationModeT = type.enumerated(...MODERATION_MODES);
const CommentStatusT = type.enumerated(...COMMENT_STATUSES);
const RoleT = type.enumerated(...ROLES);
const BanKindT = type.enumerated(...BAN_KINDS);
/** A flag: one of the codes (contract/flags.ts), or an external check's `external_check:<LABEL>:<score>`. */
const FlagT = type
  .enumerated(...FLAG_CODES)
  .or(type(LABEL_FLAG))
  .describe('why a rule held or flagged it (contract/flags.ts)');

// ---- public ----

const ReactionT = type.enumerated(...REACTION_PALETTE);
/** Counts per emoji (each emoji of the palette, only those chosen at least once). */
export const ReactionCountsT = type({
  ...strict,
  ...(Object.fromEntries(REACTION_PALETTE.map((r) => [`${r}?`, Int])) as {
    [K in Reaction as `${K}?`]: typeof Int;
  }),
}).describe('reactions: how many readers chose each emoji (absent: none)');
/** A site's reactions as the widget needs them: the sets offered on comments and on the page. */
const ReactionSetsT = type({
  ...strict,
  'comments?': ReactionT.array(),
  'page?': ReactionT.array(),
}).describe('the emoji offered on comments and on the page (absent: reactions off there)');

/** A reply fetched from elsewhere, as moderators and exports see it: its source and ids there (contract/remote.ts). */
export const RemoteOriginT = type({
  ...strict,
  source: type.enumerated(...REMOTE_SOURCES),
  remoteId: type('string').describe(
    'the Mastodon status id, the Bluesky at:// URI, the Webmention source URL',
  ),
  url: type('string').describe('the original, https'),
  'handle?': 'string',
  'profile?': 'string',
  'parentRemoteId?': type('string').describe("its parent's remote id (absent: a reply to the linked post)"),
});

export const PublicComment = type({
  ...strict,
  id: 'string',
  parentId: 'string | null',
  depth: Int,
  author: {
    ...strict,
    name: 'string',
    'website?': 'string',
    avatar: 'string',
    'moderator?': 'true',
    /** Written by a signed-in reader. */
    'verified?': 'true',
  },
  html: 'string',
  createdAt: Iso,
  'editedAt?': Iso,
  score: Int,
  status: type.enumerated(...PUBLIC_STATUSES),
  'pinned?': 'true',
  'reactions?': ReactionCountsT,
  /** A reply fetched from elsewhere: its source, the original, the account's handle and profile. */
  'remote?': {
    ...strict,
    source: type.enumerated(...REMOTE_SOURCES),
    url: 'string',
    'handle?': 'string',
    'profile?': 'string',
  },
}).describe('a comment as readers see it (never an email or an IP)');

export const PublicPage = type({
  ...strict,
  site: 'string',
  page: 'string',
  'title?': 'string',
  'url?': 'string',
  count: Int,
  locked: 'boolean',
  'mentions?': type({ ...strict, likes: Int, reposts: Int }).describe(
    'likes and reposts received as Webmentions (absent: none)',
  ),
  'reactions?': ReactionCountsT.describe('reactions on the page itself (absent: none)'),
});

export const PublicSettings = type({
  ...strict,
  moderation: ModerationModeT,
  editWindowSec: Int,
  maxDepth: Int,
  maxBodyLength: Int,
  'readers?': PublicReaderSettings,
  'reactions?': ReactionSetsT,
});

export const Thread = type({
  ...strict,
  page: PublicPage,
  settings: PublicSettings,
  comments: PublicComment.array(),
  nextCursor: Cursor,
  composeToken: 'string',
});

export const ComposeToken = type({
  ...strict,
  composeToken: type('string').describe('send with the post; its age is the minimum compose time'),
});

export const PostedComment = type({
  ...strict,
  comment: PublicComment,
  editToken: type('string').describe('send as X-Afterword-Edit-Token to edit or delete'),
  editableUntil: Iso,
});

export const EditedComment = type({ ...strict, comment: PublicComment });
export const DeletedComment = type({ ...strict, deleted: 'true', placeholder: 'boolean' });
export const VoteResult = type({ ...strict, score: Int, up: Int, down: Int, value: '1 | -1 | 0' });
export const ReactionResult = type({
  ...strict,
  emoji: ReactionT,
  reacted: type('boolean').describe('this reader has this reaction now'),
  reactions: ReactionCountsT.describe("the target's counts after this request ({} when none)"),
});
export const Counts = type({ ...strict, counts: type({ '[string]': Int }) }).describe(
  'comment counts keyed by each page as it was asked',
);
export const PreviewResult = type({ ...strict, html: 'string' });
export const ReportResult = type({ ...strict, reported: 'true' }).describe(
  'the report is recorded (what it led to is for moderators)',
);
export const Health = type({ ...strict, ok: 'true', storage: "'reachable'" });
export const WebmentionStatus = type({
  ...strict,
  status: type.enumerated(...WEBMENTION_STATUSES).describe('queued until the source was fetched and checked'),
  'result?': type
    .enumerated(...WEBMENTION_RESULTS)
    .describe('what an accepted one became; `removed`: gone at its source or no longer linking'),
  'reason?': type('string').describe('why it was refused or failed'),
});
export const WebmentionAccepted = type({
  ...strict,
  status: "'queued'",
  location: type('string').describe('its status URL (also in `Location`)'),
});

/** Non-JSON bodies: the Atom feed and the small HTML pages reached from mail links. */
export const AtomFeed = type('string').describe('an Atom 1.0 feed (application/atom+xml)');
export const HtmlPage = type('string').describe('a small HTML page');

// ---- portability ----

/** A site's setup as the admin page and the export show it (domain/present siteSetup). */
const siteSetup = {
  id: 'string',
  name: 'string',
  origins: 'string[]',
  moderation: ModerationModeT,
  editWindowSec: Int,
  maxDepth: Int,
  maxBodyLength: Int,
  /** How readers may sign in, when the site offers it. */
  'readers?': PublicReaderSettings,
  /** The reactions offered, when the site offers any. */
  'reactions?': ReactionSetsT,
} as const;

export const NativeSite = type({
  ...strict,
  ...siteSetup,
  createdAt: Iso,
});

export const NativePage = type({
  ...strict,
  page: 'string',
  'title?': 'string',
  'url?': 'string',
  'locked?': 'true',
  'createdAt?': Iso,
  'reactions?': ReactionCountsT.describe(
    'reactions on the page itself, counted (who reacted is not exported)',
  ),
});

export const NativeComment = type({
  ...strict,
  id: 'string',
  page: 'string',
  parentId: 'string | null',
  depth: Int,
  body: 'string',
  html: 'string',
  status: CommentStatusT,
  'placeholder?': 'true',
  author: {
    ...strict,
    name: 'string',
    'email?': 'string',
    'website?': 'string',
    'avatar?': 'string',
    'moderator?': 'true',
  },
  createdAt: Iso,
  'editedAt?': Iso,
  'statusAt?': Iso,
  score: Int,
  up: Int,
  down: Int,
  'votes?': type({ ...strict, voter: 'string', value: '1 | -1', 'createdAt?': Iso }).array(),
  'reactions?': ReactionCountsT.describe('reactions, counted (who reacted is not exported)'),
  'pinned?': 'true',
  'notify?': 'true',
  'remote?': RemoteOriginT.describe(
    'a reply fetched from elsewhere: kept so a refresh after an import finds it',
  ),
});

/** Everything a signed-in reader wrote on a site, as "my comments" downloads it. */
export const ReaderExport = type({
  ...strict,
  site: 'string',
  exportedAt: Iso,
  reader: Reader,
  comments: NativeComment.array(),
});

export const ExportChunk = type({
  ...strict,
  format: "'afterword-native'",
  version: '1',
  exportedAt: Iso,
  site: NativeSite,
  pages: NativePage.array(),
  comments: NativeComment.array(),
  nextCursor: Cursor,
}).describe('one chunk of a site in the native format (a whole file is one chunk with nextCursor null)');

export const ImportOutcome = type({
  ...strict,
  complete: 'boolean',
  nextSkip: type('number.integer | null').describe('send the file again with ?skip= this to go on'),
  records: Int,
  imported: Int,
  existing: Int,
  pages: Int,
  problems: Int,
  problemList: type({ ...strict, where: 'string', message: 'string' }).array(),
  'format?': type
    .enumerated(...IMPORT_FORMATS)
    .describe('the format the file was read as (told from the file when none was named)'),
  'dryRun?': type('true').describe('a dry run (`dryRun=true`): nothing was written'),
  'mapping?': type({
    ...strict,
    pages: type({
      ...strict,
      from: type('string').describe('the page key as the file gives it (after the host rewrites)'),
      to: type('string').describe('where its thread goes (the same when no rule matched)'),
      comments: Int,
      'rule?': type('string').describe('the map rule that matched, as normalized'),
    }).array(),
    more: type('number.integer').describe('pages left out of `pages` (it lists the first 1000)'),
    unusedRules: type('string[]').describe('map rules that matched no page of the file'),
  }).describe('a dry run: every page of the file, old key → new key, with its comment count'),
});

export const AuthorExport = type({
  ...strict,
  site: 'string',
  email: 'string',
  exportedAt: Iso,
  comments: NativeComment.array(),
});

export const AuthorErased = type({ ...strict, erased: Int, subscriptions: Int, complete: 'boolean' });

// ---- admin ----

export const Me = type({
  ...strict,
  moderator: { ...strict, email: 'string', name: 'string' },
  sites: type({ ...strict, site: 'string', role: RoleT, name: 'string' }).array(),
  csrfToken: type('string').describe('send as X-CSRF-Token on writes'),
});

export const Ok = type({ ...strict, ok: 'true' });
export const Unbanned = type({
  ...strict,
  ok: 'true',
  'restored?': Int.describe('comments put back (`restore`): those the ban hid and still hidden'),
});

/** A comment named in a list (a ban's, a log entry's, a reply's parent): who wrote it and how it begins. */
export const CommentRef = type({
  ...strict,
  id: 'string',
  page: 'string',
  'url?': type('string').describe("the page's stored URL"),
  name: 'string',
  excerpt: type('string').describe('the start of its text, on one line'),
  'gone?': type('true').describe('erased since (its author deleted it): no name or text left'),
});

export const AdminComment = type({
  ...strict,
  id: 'string',
  site: 'string',
  page: 'string',
  parentId: 'string | null',
  depth: Int,
  body: 'string',
  html: 'string',
  author: {
    ...strict,
    name: 'string',
    'email?': 'string',
    'website?': 'string',
    avatar: 'string',
    'moderator?': 'true',
  },
  status: CommentStatusT,
  createdAt: Iso,
  'editedAt?': Iso,
  'statusAt?': Iso,
  score: Int,
  pinned: 'boolean',
  'placeholder?': 'true',
  'spamReasons?': FlagT.array().describe('its flags, in the order the rules set them'),
  'pageUrl?': type('string').describe("the page's stored URL (queue rows)"),
  'parent?': CommentRef.describe('the comment this one replies to (queue rows)'),
  'remote?': RemoteOriginT.describe('a reply fetched from elsewhere: its source, account and original'),
});

export const StatusCounts = type({ ...strict, pending: Int, approved: Int, spam: Int, deleted: Int });
export const Queue = type({
  ...strict,
  comments: AdminComment.array(),
  counts: StatusCounts,
  nextCursor: Cursor,
});
export const AdminCommentResult = type({ ...strict, comment: AdminComment });
export const BulkResult = type({
  ...strict,
  results: type({
    ...strict,
    id: 'string',
    ok: 'boolean',
    'status?': CommentStatusT,
    'error?': ErrorCode,
  }).array(),
});

export const LockResult = type({ ...strict, site: 'string', page: 'string', locked: 'boolean' });

export const Ban = type({
  ...strict,
  kind: BanKindT,
  hash: type('string').describe('keyed hash of the email or client (never the value)'),
  reason: 'string',
  by: 'string',
  createdAt: Iso,
  'until?': Iso,
  'hidden?': Int.describe('past comments this ban hid, still to be restored by an unban with `restore`'),
  'email?': type('string').describe("the author's email, masked (j***@e***.com)"),
  'account?': type('string').describe(
    'a remote account banned: its source and handle (`mastodon @ann@social.example`)',
  ),
  'comment?': CommentRef.describe('the comment the ban was made from'),
});
export const Bans = type({ ...strict, bans: Ban.array() });
export const BansMade = type({
  ...strict,
  bans: type({ ...strict, kind: BanKindT, hash: 'string', 'until?': Iso }).array(),
  'hidden?': Int.describe("the author's past comments hidden (`hidePast`)"),
});

export const AdminSite = type({
  ...strict,
  ...siteSetup,
  spam: {
    ...strict,
    'requireComposeToken?': 'boolean',
    'minComposeSec?': 'number',
    'maxLinks?': Int,
    'blockedWords?': 'string[]',
    'blockedAction?': type.enumerated(...BLOCKED_ACTIONS),
    'ratePerClient?': Int,
    'ratePerPage?': Int,
    'rateWindowSec?': Int,
    'duplicateWindowSec?': Int,
    'trustAfter?': Int,
    'emailDomains?': type({
      ...strict,
      domain: 'string',
      action: type.enumerated(...DOMAIN_ACTIONS),
    }).array(),
    'disposableEmail?': 'boolean',
    'contentCheck?': 'boolean',
    'contentThreshold?': Int,
    'akismet?': 'boolean',
    akismetKeySet: type('boolean').describe('the key itself is never sent back'),
  },
  reportThreshold: type('number.integer').describe("distinct readers' reports that hold a comment; 0: never"),
  'remote?': type({
    ...strict,
    'premoderate?': 'boolean',
    'discover?': 'boolean',
    'webmention?': 'boolean',
  }).describe('replies from elsewhere: hold them all, read the page’s own links, accept Webmentions'),
  updatedAt: Iso,
});
const ReportReasonT = type.enumerated(...REPORT_REASONS);
/** A reported comment as the admin's Reported view lists it: the comment, how many readers, why. */
export const ReportedComment = type({
  ...strict,
  comment: AdminComment,
  count: type('number.integer').describe(
    'distinct readers who reported it since its reports were last dismissed',
  ),
  reasons: type({ '[string]': 'number.integer' }).describe('how many reports gave each reason'),
  reports: type({ ...strict, reason: ReportReasonT, 'text?': 'string', at: Iso })
    .array()
    .describe('the latest reports, newest first, each with its reason and text (no reader is named)'),
  firstAt: Iso,
  lastAt: Iso,
  held: type('boolean').describe('the reports held it for review (the site threshold was reached)'),
});
export const Reported = type({ ...strict, reported: ReportedComment.array(), nextCursor: Cursor });
export const SiteSettingsResult = type({ ...strict, site: AdminSite });

export const LogEntry = type({
  ...strict,
  at: Iso,
  actor: 'string',
  action: 'string',
  'target?': 'string',
  'detail?': 'string',
  'comment?': CommentRef.describe('the comment named by target'),
  'replyTo?': CommentRef.describe("a reply's parent"),
  'reason?': type({ ...strict, code: type.enumerated(...DECISION_REASONS), 'text?': 'string' }).describe(
    "why a comment was removed or rejected: the preset and the moderator's words",
  ),
  'changes?': type({ ...strict, field: 'string', from: 'string | null', to: 'string | null' })
    .array()
    .describe('a settings save: only the fields it changed, old → new'),
});
export const Log = type({ ...strict, entries: LogEntry.array(), nextCursor: Cursor });
export const Stats = type({
  ...strict,
  days: type({ ...strict, day: type('string').describe('YYYY-MM-DD (UTC)'), count: Int }).array(),
});

// ---- types ----

export type ErrorCode = typeof ErrorCode.infer;
export type ErrorBody = typeof ErrorBody.infer;
export type PublicComment = typeof PublicComment.infer;
export type PublicPage = typeof PublicPage.infer;
export type PublicSettings = typeof PublicSettings.infer;
export type Thread = typeof Thread.infer;
export type ComposeToken = typeof ComposeToken.infer;
export type PostedComment = typeof PostedComment.infer;
export type EditedComment = typeof EditedComment.infer;
export type DeletedComment = typeof DeletedComment.infer;
export type VoteResult = typeof VoteResult.infer;
export type ReactionResult = typeof ReactionResult.infer;
export type Counts = typeof Counts.infer;
export type PreviewResult = typeof PreviewResult.infer;
export type Health = typeof Health.infer;
export type NativeComment = typeof NativeComment.infer;
export type ExportChunk = typeof ExportChunk.infer;
export type ImportOutcome = typeof ImportOutcome.infer;
export type AuthorExport = typeof AuthorExport.infer;
export type AuthorErased = typeof AuthorErased.infer;
export type Me = typeof Me.infer;
export type Ok = typeof Ok.infer;
export type Unbanned = typeof Unbanned.infer;
export type CommentRef = typeof CommentRef.infer;
export type AdminComment = typeof AdminComment.infer;
export type StatusCounts = typeof StatusCounts.infer;
export type Queue = typeof Queue.infer;
export type AdminCommentResult = typeof AdminCommentResult.infer;
export type BulkResult = typeof BulkResult.infer;
export type LockResult = typeof LockResult.infer;
export type Ban = typeof Ban.infer;
export type Bans = typeof Bans.infer;
export type BansMade = typeof BansMade.infer;
export type AdminSite = typeof AdminSite.infer;
export type SiteSettingsResult = typeof SiteSettingsResult.infer;
export type ReportResult = typeof ReportResult.infer;
export type WebmentionStatus = typeof WebmentionStatus.infer;
export type ReportedComment = typeof ReportedComment.infer;
export type Reported = typeof Reported.infer;
export type LogEntry = typeof LogEntry.infer;
export type Log = typeof Log.infer;
export type Stats = typeof Stats.infer;

/** A moderator's note on an author of a site (one per author, shared by the site's moderators). */
const AuthorNote = type({ ...strict, text: 'string', by: 'string', updatedAt: Iso });

export const AuthorHistory = type({
  ...strict,
  author: {
    ...strict,
    key: type("'email' | 'none'").describe(
      '`email`: found by keyed email hash; `none`: the comment has no email, so only it is listed',
    ),
    name: 'string',
    'email?': 'string',
    confirmed: type('boolean').describe('the author confirmed the address: a decision can be mailed to them'),
  },
  counts: StatusCounts,
  total: Int,
  firstSeen: Iso,
  lastSeen: Iso,
  comments: AdminComment.array().describe('newest first'),
  more: type('boolean').describe('the author wrote more than the comments listed or counted'),
  note: AuthorNote.or('null'),
});
export const AuthorNoteResult = type({ ...strict, note: AuthorNote.or('null') });
export const MailChoice = type({ ...strict, digest: type.enumerated(...DIGEST_MODES) });

// ---- moderators' sign-in: passkeys, sessions, the site's passkey rule ----

export const PasskeyOptions = type({
  ...strict,
  attempt: type('string').describe('send back with the answer; its challenge works once, for 5 minutes'),
  options: type('object').describe('WebAuthn options (JSON), for @simplewebauthn/browser'),
});
export const Passkeys = type({
  ...strict,
  passkeys: type({
    ...strict,
    id: 'string',
    name: 'string',
    createdAt: Iso,
    lastUsedAt: Iso.or('null'),
    transports: 'string[]',
  }).array(),
});
export const Sessions = type({
  ...strict,
  sessions: type({
    ...strict,
    ref: 'string',
    createdAt: Iso,
    lastSeenAt: Iso,
    method: "'password' | 'passkey' | 'link'",
    agent: type('string').describe('browser and system, e.g. "Firefox on Linux"'),
    current: type('boolean').describe('the session of this request'),
  }).array(),
});
export const SiteSecurity = type({ ...strict, requirePasskey: 'boolean' });
/** A site's GitHub and OpenID Connect sign-in providers, as its owner sees them (a secret is only ever "set"). */
export const ReaderProviders = type({
  ...strict,
  providers: type({
    ...strict,
    id: 'string',
    kind: "'github' | 'oidc'",
    name: 'string',
    'issuer?': 'string',
    clientId: 'string',
    secretSet: 'boolean',
  }).array(),
});
export type AuthorHistory = typeof AuthorHistory.infer;
export type AuthorNoteResult = typeof AuthorNoteResult.infer;
export type MailChoice = typeof MailChoice.infer;
