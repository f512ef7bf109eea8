/** What each route answers, by route group: the describeRoute middlewares the route chains put before their validators. */
import { op } from './describe.js';

const SESSION_ERRORS = [400, 401, 403] as const;
const session = 'session' as const;

export const commentDocs = {
  list: op({
    tag: 'comments',
    summary: 'One page of a thread (ETag, 304)',
    ok: { 200: 'Thread', 304: null },
    errors: [400, 403, 404],
  }),
  own: op({
    tag: 'comments',
    summary: 'Own comment as its author sees it (pending included)',
    description:
      'For the browser that wrote it, wherever the comment sits in its thread: the widget asks for its own ' +
      'held comments that the first page of the thread does not hold. A comment held as spam reads as pending.',
    auth: 'editToken',
    ok: { 200: 'EditedComment' },
    errors: [400, 403, 404, 410],
  }),
  post: op({
    tag: 'comments',
    summary: 'Post a comment',
    description:
      'A retry with the same Idempotency-Key from the same client returns the first result (with ' +
      '`Idempotent-Replayed: true`); the same key with another request is a 409 `idempotency_conflict`.',
    ok: { 201: 'PostedComment', 202: 'PostedComment' },
    errors: [400, 403, 404, 409, 413, 422, 429],
  }),
  edit: op({
    tag: 'comments',
    summary: 'Edit own comment within the edit window',
    description: 'The edit runs the rules a post runs: 202 when the site holds the new text for review.',
    auth: 'editToken',
    ok: { 200: 'EditedComment', 202: 'EditedComment' },
    errors: [400, 403, 404, 409, 410, 413, 422, 429],
  }),
  delete: op({
    tag: 'comments',
    summary: 'Delete own comment within the edit window',
    auth: 'editToken',
    ok: { 200: 'DeletedComment' },
    errors: [400, 403, 404, 409, 410],
  }),
  vote: op({
    tag: 'comments',
    summary: 'Vote once (1, -1, or 0 to withdraw)',
    ok: { 200: 'VoteResult' },
    errors: [400, 403, 404, 409],
  }),
};

export const composeDocs = op({
  tag: 'comments',
  summary: 'A compose token for the thread a reader starts writing in',
  description:
    'The widget asks when a reader first focuses or types in a composer (a thread read from its file has ' +
    "none). The token carries when it was issued: a post sooner than the site's minimum compose time " +
    'after it is held as pending.',
  ok: { 200: 'ComposeToken' },
  errors: [400, 403, 404],
});

export const countDocs = op({
  tag: 'comments',
  summary: 'Comment counts for many pages (repeat page=)',
  ok: { 200: 'Counts' },
  errors: [400, 403, 404],
});

export const previewDocs = op({
  tag: 'comments',
  summary: 'Render markdown exactly as a stored comment would be',
  ok: { 200: 'PreviewResult' },
  errors: [400, 403, 404, 413, 429],
});

export const healthDocs = op({ tag: 'meta', summary: 'Storage reachable or not', ok: { 200: 'Health' } });

export const openapiDocs = op({ tag: 'meta', summary: 'This OpenAPI 3.1 document', ok: { 200: 'openapi' } });

export const feedDocs = op({
  tag: 'feeds',
  summary: 'Atom feed of recent approved comments of a site or a page',
  ok: { 200: 'atom' },
  errors: [400, 404],
});

export const exportDocs = op({
  tag: 'portability',
  summary: 'Export every comment in the native format, chunked by cursor',
  auth: 'exportToken',
  ok: { 200: 'ExportChunk' },
  errors: [400, 401, 403, 404],
});

export const importDocs = op({
  tag: 'portability',
  summary: 'Import an export file (up to 6 MB) of the given format',
  description:
    'Stops before time runs out with `complete: false`; send the file again with `?skip=<nextSkip>`. ' +
    '`map=old=new` (repeatable; a trailing `*` on both sides maps a prefix) moves page paths after the ' +
    '`rewrite` hosts; `dryRun=true` answers `mapping` (old → new per page) and writes nothing.',
  auth: 'importToken',
  fileBody: true,
  ok: { 200: 'ImportOutcome' },
  errors: [400, 401, 403, 404, 413],
});

/** Mail-link pages answer bad or expired links with an HTML page too (400, 410). */
const mailPage = (summary: string, extra: { 403?: 'html'; 409?: 'html' } = {}) =>
  op({ tag: 'mail', summary, auth: 'mailLink', ok: { 200: 'html', 400: 'html', 410: 'html', ...extra } });

export const subscriptionDocs = {
  verifyPage: mailPage('Page confirming reply notifications (link from a mail)'),
  verify: mailPage('Confirm reply notifications'),
  unsubscribePage: mailPage('Page to stop mails (link from a mail)'),
  unsubscribe: mailPage('Stop mails (also RFC 8058 one-click)'),
};

export const mailActionDocs = {
  page: mailPage('Page to approve or reject a comment from a moderator mail', { 409: 'html' }),
  moderate: mailPage('Approve or reject a comment from a moderator mail', { 403: 'html', 409: 'html' }),
};

export const mailReviewDocs = {
  page: mailPage('Page to ask for the review of a removed comment (link from the decision mail)', {
    409: 'html',
  }),
  review: mailPage('Ask for review: the removed comment waits for moderation again', { 409: 'html' }),
};

export const adminAuthDocs = {
  login: op({
    tag: 'admin',
    summary: 'Log in with email and password (sets the session cookie)',
    description:
      'A correct password of a moderator who serves a site that requires a passkey is `403 passkey_required`.',
    ok: { 200: 'Me' },
    errors: [400, 401, 403, 429],
  }),
  me: op({
    tag: 'admin',
    summary: 'The logged-in moderator, sites and roles',
    auth: session,
    ok: { 200: 'Me' },
    errors: [401],
  }),
  logout: op({
    tag: 'admin',
    summary: 'End the session',
    auth: session,
    ok: { 200: 'Ok' },
    errors: [401, 403],
  }),
  linkRequest: op({
    tag: 'admin',
    summary: 'Ask for a sign-in link by mail',
    description:
      'Always 202, whether or not the address is a moderator’s (no account enumeration); the link goes to ' +
      'moderators only, works once for 15 minutes and opens the admin page of the API’s public origin. ' +
      'Throttled per address (quietly) and per client (429).',
    ok: { 202: 'Ok' },
    errors: [400, 403, 429],
  }),
  linkUse: op({
    tag: 'admin',
    summary: 'Sign in with the token of a sign-in link (sets the session cookie)',
    description:
      '`signin_link_invalid` for a used, expired or unknown token; `passkey_required` where a site requires a passkey.',
    ok: { 200: 'Me' },
    errors: [400, 401, 403, 429],
  }),
  passkeyOptions: op({
    tag: 'admin',
    summary: 'Begin a passkey sign-in: WebAuthn options and the attempt id',
    description: 'The relying party is the admin page’s host; its challenge works once, for 5 minutes.',
    ok: { 200: 'PasskeyOptions' },
    errors: [403, 429],
  }),
  passkeyLogin: op({
    tag: 'admin',
    summary: 'Sign in with a passkey (sets the session cookie)',
    ok: { 200: 'Me' },
    errors: [400, 401, 403, 429],
  }),
};

/** The moderator's own sessions and passkeys, a site's passkey rule, an owner ending a moderator's sessions. */
export const adminSecurityDocs = {
  sessions: op({
    tag: 'admin',
    summary: 'The moderator’s live sessions (the current one marked)',
    auth: session,
    ok: { 200: 'Sessions' },
    errors: [401, 403],
  }),
  revokeSession: op({
    tag: 'admin',
    summary: 'Revoke one of the moderator’s sessions: its next request is a 401',
    auth: session,
    ok: { 200: 'Ok' },
    errors: [...SESSION_ERRORS, 404],
  }),
  passkeys: op({
    tag: 'admin',
    summary: 'The moderator’s passkeys',
    auth: session,
    ok: { 200: 'Passkeys' },
    errors: [401, 403],
  }),
  passkeyOptions: op({
    tag: 'admin',
    summary: 'Begin registering a passkey: WebAuthn options and the attempt id',
    auth: session,
    ok: { 200: 'PasskeyOptions' },
    errors: [401, 403],
  }),
  register: op({
    tag: 'admin',
    summary: 'Register a passkey with the authenticator’s answer',
    auth: session,
    ok: { 201: 'Passkeys' },
    errors: [...SESSION_ERRORS, 409],
  }),
  removePasskey: op({
    tag: 'admin',
    summary: 'Remove one of the moderator’s passkeys',
    auth: session,
    ok: { 200: 'Passkeys' },
    errors: [...SESSION_ERRORS, 404],
  }),
  security: op({
    tag: 'admin',
    summary: 'Whether the site requires a passkey of its moderators',
    auth: session,
    ok: { 200: 'SiteSecurity' },
    errors: [...SESSION_ERRORS],
  }),
  setSecurity: op({
    tag: 'admin',
    summary: 'Require a passkey of the site’s moderators, or not (owner)',
    description:
      'With it on, a moderator of the site signs in with a passkey only (a password or a link is ' +
      '`passkey_required`). The owner must have a passkey before turning it on.',
    auth: session,
    ok: { 200: 'SiteSecurity' },
    errors: [...SESSION_ERRORS],
  }),
  endSessions: op({
    tag: 'admin',
    summary: 'End every session of a moderator of the site (owner)',
    auth: session,
    ok: { 200: 'Ok' },
    errors: [...SESSION_ERRORS, 404],
  }),
};

export const adminCommentDocs = {
  queue: op({
    tag: 'admin',
    summary: 'Comments by status, page, author or text',
    auth: session,
    ok: { 200: 'Queue' },
    errors: [...SESSION_ERRORS],
  }),
  bulk: op({
    tag: 'admin',
    summary: 'Approve, mark spam, delete or hold many comments',
    auth: session,
    ok: { 200: 'BulkResult' },
    errors: [...SESSION_ERRORS, 404],
  }),
  status: op({
    tag: 'admin',
    summary: 'Set one comment’s status',
    description:
      'A removal (spam, deleted) may carry a `reason` (preset and text), logged and kept on the comment; ' +
      'with `tellAuthor` an author who confirmed their address gets it by mail with a link to ask for review.',
    auth: session,
    ok: { 200: 'AdminCommentResult' },
    errors: [...SESSION_ERRORS, 404, 409],
  }),
  edit: op({
    tag: 'admin',
    summary: 'Edit a comment',
    auth: session,
    ok: { 200: 'AdminCommentResult' },
    errors: [...SESSION_ERRORS, 404, 409, 413],
  }),
  reply: op({
    tag: 'admin',
    summary: 'Reply as a moderator (approves a pending parent)',
    auth: session,
    ok: { 201: 'AdminCommentResult' },
    errors: [...SESSION_ERRORS, 404, 409, 413],
  }),
  pin: op({
    tag: 'admin',
    summary: 'Pin or unpin a comment',
    auth: session,
    ok: { 200: 'AdminCommentResult' },
    errors: [...SESSION_ERRORS, 404, 409],
  }),
};

export const adminAuthorDocs = {
  history: op({
    tag: 'admin',
    summary: 'The history of a comment’s author on its site',
    description:
      'Found by keyed email hash: the newest 200 comments, counts by status (up to 1000 read), first and ' +
      'last seen, whether the address is confirmed, and the moderators’ note. A comment without an email ' +
      'has no history beyond itself (`author.key: none`: comments are not indexed by client).',
    auth: session,
    ok: { 200: 'AuthorHistory' },
    errors: [...SESSION_ERRORS, 404],
  }),
  note: op({
    tag: 'admin',
    summary: 'Replace the moderators’ note on a comment’s author (empty text removes it)',
    auth: session,
    ok: { 200: 'AuthorNoteResult' },
    errors: [...SESSION_ERRORS, 404, 409],
  }),
};

export const adminMailDocs = {
  get: op({
    tag: 'admin',
    summary: 'The logged-in moderator’s moderation mail: each, daily or off',
    auth: session,
    ok: { 200: 'MailChoice' },
    errors: [401],
  }),
  put: op({
    tag: 'admin',
    summary: 'Choose moderation mail: one per waiting comment, a daily digest, or none',
    auth: session,
    ok: { 200: 'MailChoice' },
    errors: [...SESSION_ERRORS],
  }),
};

export const adminSiteDocs = {
  lock: op({
    tag: 'admin',
    summary: 'Lock or unlock a thread',
    auth: session,
    ok: { 200: 'LockResult' },
    errors: [...SESSION_ERRORS],
  }),
  bans: op({
    tag: 'admin',
    summary: 'Bans of a site',
    auth: session,
    ok: { 200: 'Bans' },
    errors: [...SESSION_ERRORS],
  }),
  ban: op({
    tag: 'admin',
    summary: 'Ban a comment’s author by email and/or client',
    auth: session,
    ok: { 201: 'BansMade' },
    errors: [...SESSION_ERRORS, 404],
  }),
  unban: op({
    tag: 'admin',
    summary: 'Lift a ban (with `restore`: put back the past comments it hid)',
    auth: session,
    ok: { 200: 'Unbanned' },
    errors: [...SESSION_ERRORS],
  }),
  settings: op({
    tag: 'admin',
    summary: 'A site’s settings',
    auth: session,
    ok: { 200: 'SiteSettingsResult' },
    errors: [...SESSION_ERRORS, 404],
  }),
  saveSettings: op({
    tag: 'admin',
    summary: 'Change a site’s settings (owners)',
    auth: session,
    ok: { 200: 'SiteSettingsResult' },
    errors: [...SESSION_ERRORS, 404, 409],
  }),
  log: op({
    tag: 'admin',
    summary: 'Moderation log',
    auth: session,
    ok: { 200: 'Log' },
    errors: [...SESSION_ERRORS],
  }),
  stats: op({
    tag: 'admin',
    summary: 'Comments per day',
    auth: session,
    ok: { 200: 'Stats' },
    errors: [...SESSION_ERRORS],
  }),
};

export const gdprDocs = {
  authorExport: op({
    tag: 'admin',
    summary: 'GDPR: everything one author (by email) wrote on the site',
    auth: session,
    ok: { 200: 'AuthorExport' },
    errors: [...SESSION_ERRORS, 404],
  }),
  authorErase: op({
    tag: 'admin',
    summary: 'GDPR: erase everything one author (by email) wrote on the site, and their subscription',
    auth: session,
    ok: { 200: 'AuthorErased' },
    errors: [...SESSION_ERRORS, 404],
  }),
  export: op({
    tag: 'admin',
    summary: 'Export the site (owners), like the token export',
    auth: session,
    ok: { 200: 'ExportChunk' },
    errors: [...SESSION_ERRORS, 404],
  }),
  import: op({
    tag: 'admin',
    summary: 'Import a file up to 6 MB (owners)',
    auth: session,
    fileBody: true,
    ok: { 200: 'ImportOutcome' },
    errors: [...SESSION_ERRORS, 404, 413],
  }),
};

export const reportDocs = {
  report: op({
    tag: 'comments',
    summary: 'Report a comment to the moderators (once per reader)',
    description:
      "A reason (spam, abuse, off-topic, illegal, other) and an optional text. A reader's second report of " +
      'the same comment is a 409 `already_reported` and changes nothing; a burst of reports from one client is ' +
      "a 429. At the site's `reportThreshold` of distinct readers an approved comment is held for review.",
    ok: { 201: 'ReportResult' },
    errors: [400, 403, 404, 409, 429],
  }),
};

export const adminReportDocs = {
  list: op({
    tag: 'admin',
    summary: "Reported comments of a site, last reported first, with each report's reason and text",
    auth: session,
    ok: { 200: 'Reported' },
    errors: [...SESSION_ERRORS],
  }),
  dismiss: op({
    tag: 'admin',
    summary: 'Dismiss the reports of a comment: keep it (published again if they held it), clear them',
    auth: session,
    ok: { 200: 'AdminCommentResult' },
    errors: [...SESSION_ERRORS, 404, 409],
  }),
};

const reader = 'readerSession' as const;
const READER_ERRORS = [400, 401, 403, 404] as const;

export const readerDocs = {
  linkRequest: op({
    tag: 'readers',
    summary: 'Ask for a sign-in link by mail',
    description:
      'Always 202 for any address (no enumeration). The link leads back to `page`, which must be on one of ' +
      'the site’s origins, with its token in the fragment; it works once, for 15 minutes, on this site only. ' +
      'Throttled per address (quietly) and per client (429). 403 `signin_method_off` unless the site offers it.',
    ok: { 202: 'Ok' },
    errors: [400, 403, 404, 429],
  }),
  linkUse: op({
    tag: 'readers',
    summary: 'Sign in with the token of a sign-in link; the address counts as verified from then on',
    ok: { 200: 'ReaderSession' },
    errors: [400, 401, 403, 404, 429],
  }),
  me: op({
    tag: 'readers',
    summary: 'The signed-in reader',
    auth: reader,
    ok: { 200: 'ReaderMe' },
    errors: [...READER_ERRORS],
  }),
  rename: op({
    tag: 'readers',
    summary: 'Change the name the reader’s comments show (new comments)',
    auth: reader,
    ok: { 200: 'ReaderMe' },
    errors: [...READER_ERRORS],
  }),
  comments: op({
    tag: 'readers',
    summary: 'The reader’s own comments on the site (every status), oldest first',
    auth: reader,
    ok: { 200: 'MyComments' },
    errors: [...READER_ERRORS],
  }),
  export: op({
    tag: 'readers',
    summary: 'Everything the reader wrote on the site, as a JSON download (the native export format)',
    auth: reader,
    ok: { 200: 'ReaderExport' },
    errors: [...READER_ERRORS],
  }),
  erase: op({
    tag: 'readers',
    summary: 'Erase every comment the reader wrote on the site (replied-to ones stay as placeholders)',
    auth: reader,
    ok: { 200: 'ReaderErased' },
    errors: [...READER_ERRORS],
  }),
  signOut: op({
    tag: 'readers',
    summary: 'End this session',
    auth: reader,
    ok: { 200: 'Ok' },
    errors: [...READER_ERRORS],
  }),
  signOutAll: op({
    tag: 'readers',
    summary: 'End every session of the reader, on every device',
    auth: reader,
    ok: { 200: 'Ok' },
    errors: [...READER_ERRORS],
  }),
};

/** Readers' passkeys: the relying party is the blog page's origin (one of the site's), never the API's. */
export const readerPasskeyDocs = {
  registerOptions: op({
    tag: 'readers',
    summary: 'Begin registering a passkey: for the signed-in reader, else for a new account named `name`',
    description:
      'The relying party is the blog: the request’s Origin must be one of the site’s origins (its host is the ' +
      'RP id). Its challenge works once, for 5 minutes, from that origin and for that reader only. Throttled ' +
      'per client (429); 403 `signin_method_off` unless the site offers passkeys.',
    auth: reader,
    ok: { 200: 'PasskeyOptions' },
    errors: [400, 401, 403, 404, 429],
  }),
  register: op({
    tag: 'readers',
    summary: 'Finish the registration with the authenticator’s answer and sign in',
    description: 'A new account is made here, when the registration began without a session.',
    auth: reader,
    ok: { 200: 'ReaderSession' },
    errors: [400, 401, 403, 404, 429],
  }),
  signInOptions: op({
    tag: 'readers',
    summary: 'Begin a passkey sign-in (usernameless): WebAuthn options and the attempt id',
    ok: { 200: 'PasskeyOptions' },
    errors: [400, 403, 404, 429],
  }),
  signIn: op({
    tag: 'readers',
    summary: 'Sign in with a passkey registered on this site',
    description: 'A passkey registered on another site’s blog signs in nowhere else: `401 passkey_failed`.',
    ok: { 200: 'ReaderSession' },
    errors: [400, 401, 403, 404, 429],
  }),
};
