/** Every key of the single table is built here, and only here. */

export const SEP = '#';

/** Sort key of every item that is the only one of its partition. */
export const META = 'META';
/** Page meta sorts before the page's comments so one ascending Query reads both. */
export const PAGE_META = '#META';
/**
 * A page partition holds its meta, then its listed comments (`C#<createdAt>#<id>`: approved, and
 * placeholders of deleted ones with replies), then its hidden ones (`H#<createdAt>#<id>`: pending, spam,
 * deleted without replies). A public read of the listed range never reads a hidden comment.
 */
export const COMMENT_SK_PREFIX = 'C#';
export const HIDDEN_SK_PREFIX = 'H#';
/** Upper bound (exclusive) of a page partition's meta and listed comment sort keys. */
export const PAGE_SK_END = 'C$';
/** Upper bound (exclusive) of the hidden range, so of every comment of a page. */
export const HIDDEN_SK_END = 'H$';

/** Which range a comment in this state lives in: listed ones are what a public thread shows. */
export function isListedState(status: string, placeholder?: boolean): boolean {
  return status === 'approved' || (status === 'deleted' && placeholder === true);
}

export const keys = {
  site: (site: string) => ({ pk: `SITE#${site}`, sk: META }),
  /** Reverse index from an allowed origin to the sites that allow it (for CORS preflight). */
  origin: (origin: string, site: string) => ({ pk: `ORIGIN#${origin}`, sk: `SITE#${site}` }),
  originPk: (origin: string) => `ORIGIN#${origin}`,
  page: (site: string, page: string) => ({ pk: pagePk(site, page), sk: PAGE_META }),
  pagePk,
  /** A comment, in the listed range (default) or the hidden one. */
  comment: (site: string, page: string, createdAt: string, id: string, listed = true) => ({
    pk: pagePk(site, page),
    sk: `${listed ? COMMENT_SK_PREFIX : HIDDEN_SK_PREFIX}${createdAt}${SEP}${id}`,
  }),
  /** Locator from a comment id to its page; also the idempotency guard of a create. */
  commentRef: (id: string) => ({ pk: `CMT#${id}`, sk: META }),
  vote: (commentId: string, voterHash: string) => ({ pk: `VOTE#${commentId}`, sk: voterHash }),
  /**
   * One reader's reaction with one emoji: on a comment (`REACT#C#<id>`) or on a page (`REACT#P#<site>#<page>`),
   * sorted by emoji then reader, so a target's reactions of one emoji are one range.
   */
  reaction: (target: ReactionTarget, emoji: string, reactor: string) => ({
    pk: reactionPk(target),
    sk: `${emoji}${SEP}${reactor}`,
  }),
  reactionPk,
  rate: (key: string, window: number) => ({ pk: `RATE#${key}#${window}`, sk: '-' }),
  /** A moderator session, by the SHA-256 of its random id (the cookie value is never stored). */
  session: (idHash: string) => ({ pk: `SESSION#${idHash}`, sk: META }),
  /** A ban on a site, by kind (`email` | `client`) and keyed hash. */
  ban: (site: string, kind: string, hash: string) => ({ pk: `BAN#${site}`, sk: `${kind}${SEP}${hash}` }),
  banPk: (site: string) => `BAN#${site}`,
  /** One entry of a site's moderation log, newest last. */
  audit: (site: string, at: string, id: string) => ({ pk: `LOG#${site}`, sk: `${at}${SEP}${id}` }),
  auditPk: (site: string) => `LOG#${site}`,
  /** A moderator account, by normalized email. */
  moderator: (email: string) => ({ pk: `MOD#${email}`, sk: META }),
  moderatorPk: (email: string) => `MOD#${email}`,
  /** A moderator's role on one site; lives in the moderator's partition, indexed by site on GSI3. */
  membership: (email: string, site: string) => ({ pk: `MOD#${email}`, sk: `SITE#${site}` }),
  membershipIndex: (site: string, email: string) => ({ gsi3pk: `MODS#${site}`, gsi3sk: email }),
  membershipIndexPk: (site: string) => `MODS#${site}`,
  /** GSI1: moderation queue per site and status, newest last. */
  queue: (site: string, status: string, createdAt: string, id: string) => ({
    gsi1pk: `QUEUE#${site}#${status}`,
    gsi1sk: `${createdAt}${SEP}${id}`,
  }),
  queuePk: (site: string, status: string) => `QUEUE#${site}#${status}`,
  /** GSI2: everything one author (by keyed email hash) wrote on a site. */
  author: (site: string, emailHash: string, createdAt: string, id: string) => ({
    gsi2pk: `AUTHOR#${site}#${emailHash}`,
    gsi2sk: `${createdAt}${SEP}${id}`,
  }),
  authorPk: (site: string, emailHash: string) => `AUTHOR#${site}#${emailHash}`,
  /**
   * GSI4 (sparse): a page's listed comments whose score is not zero, best first: the sort key's rank is
   * TOP_ZERO − score in fixed width, so ascending order is score descending, then oldest first.
   */
  top: (site: string, page: string, score: number, createdAt: string, id: string) => ({
    gsi4pk: topPk(site, page),
    gsi4sk: `${topRank(score)}${SEP}${createdAt}${SEP}${id}`,
  }),
  topPk,
  /** GSI3: all pages of a site (for exports and the admin page list). */
  sitePages: (site: string, page: string) => ({ gsi3pk: `PAGES#${site}`, gsi3sk: page }),
  sitePagesPk: (site: string) => `PAGES#${site}`,
  /** GSI3: all sites, for `site list`. */
  siteList: (site: string) => ({ gsi3pk: 'SITES', gsi3sk: site }),
  siteListPk: () => 'SITES',
  /** An API token (scoped to one site), by its public id; listed per site on GSI3. */
  apiToken: (id: string) => ({ pk: `TOKEN#${id}`, sk: META }),
  apiTokenIndex: (site: string, id: string) => ({ gsi3pk: `TOKENS#${site}`, gsi3sk: id }),
  apiTokensPk: (site: string) => `TOKENS#${site}`,
  /** A reader subscribed to reply mail on a site, by keyed email hash; thread opt-outs share the partition. */
  subscriber: (site: string, emailHash: string) => ({ pk: `SUB#${site}${SEP}${emailHash}`, sk: META }),
  threadMute: (site: string, emailHash: string, page: string) => ({
    pk: `SUB#${site}${SEP}${emailHash}`,
    sk: `MUTE${SEP}${page}`,
  }),
  /** Claim of one notification (mail or webhook delivery), so a retried stream batch sends it once. */
  notifyMark: (key: string) => ({ pk: `SENT#${key}`, sk: '-' }),
  /** A moderators' note on one author of a site, by kind (`email`) and keyed hash. */
  authorNote: (site: string, kind: string, hash: string) => ({
    pk: `NOTE#${site}`,
    sk: `${kind}${SEP}${hash}`,
  }),
  /** A reader's report of a comment (by keyed reporter hash), and the comment's report summary (META). */
  report: (commentId: string, reporter: string) => ({ pk: `REPORT#${commentId}`, sk: reporter }),
  reportSummary: (commentId: string) => ({ pk: `REPORT#${commentId}`, sk: META }),
  /** GSI3: a site's reported comments, by their last report (store/reports.ts). */
  reported: (site: string, at: string, commentId: string) => ({
    gsi3pk: `REPORTED#${site}`,
    gsi3sk: `${at}${SEP}${commentId}`,
  }),
  reportedPk: (site: string) => `REPORTED#${site}`,
  /** A single-use mail link that has been used. */
  linkUse: (id: string) => ({ pk: `USED#${id}`, sk: '-' }),
  /** A moderator's entry for one of their sessions (listed and revoked by its ref), in their partition. */
  sessionEntry: (email: string, ref: string) => ({ pk: `MOD#${email}`, sk: `SESS#${ref}` }),
  /** A moderator's passkey, in their partition, and its locator by credential id (store/passkeys.ts). */
  passkey: (email: string, credentialId: string) => ({ pk: `MOD#${email}`, sk: `PASSKEY#${credentialId}` }),
  passkeyRef: (credentialId: string) => ({ pk: `PASSKEY#${credentialId}`, sk: '-' }),
  /** A WebAuthn challenge, by the SHA-256 of the attempt id it was handed out with; used once. */
  challenge: (attemptHash: string) => ({ pk: `CHALLENGE#${attemptHash}`, sk: '-' }),
  /** A moderator's sign-in link, by the SHA-256 of its token; used once. */
  adminLink: (tokenHash: string) => ({ pk: `ADMINLINK#${tokenHash}`, sk: '-' }),
  /** A reader's account on a site (store/readers.ts), by its random id. */
  reader: (site: string, id: string) => ({ pk: `READER#${site}${SEP}${id}`, sk: META }),
  /** Which reader account an identity (kind and hashed subject) of a site signs in to. */
  readerIdentity: (site: string, kind: string, subjectHash: string) => ({
    pk: `RIDENT#${site}${SEP}${kind}${SEP}${subjectHash}`,
    sk: META,
  }),
  /** A reader's session, by the SHA-256 of its token. */
  readerSession: (tokenHash: string) => ({ pk: `RSESSION#${tokenHash}`, sk: '-' }),
  /** A reader's email sign-in link, by the SHA-256 of its token; used once. */
  readerLink: (tokenHash: string) => ({ pk: `RLINK#${tokenHash}`, sk: '-' }),
  /** A reader's passkey, in its account's list (store/reader-passkeys.ts). */
  readerPasskey: (site: string, readerId: string, credentialId: string) => ({
    pk: `RPASSKEYS#${site}${SEP}${readerId}`,
    sk: credentialId,
  }),
  /** Which reader of a site a passkey (by credential id) belongs to: a credential is found on its own site only. */
  readerPasskeyRef: (site: string, credentialId: string) => ({
    pk: `RPASSKEY#${site}${SEP}${credentialId}`,
    sk: '-',
  }),
  /** A site's sign-in rules for its moderators (require a passkey). */
  siteSecurity: (site: string) => ({ pk: `SITE#${site}`, sk: 'SECURITY' }),
  /** A reader's pending GitHub or OpenID Connect sign-in, by the SHA-256 of its `state`; used once. */
  oauthAttempt: (stateHash: string) => ({ pk: `OAUTHSTATE#${stateHash}`, sk: '-' }),
  /** A site's reader sign-in provider's client secret (sealed), beside the site item. */
  oauthSecret: (site: string, provider: string) => ({ pk: `SITE#${site}`, sk: `OAUTHSECRET#${provider}` }),
  /** A finished reader sign-in kept for the widget to fetch (when the popup had no opener), by its handoff hash; used once. */
  oauthHandoff: (handoffHash: string) => ({ pk: `OAUTHHANDOFF#${handoffHash}`, sk: '-' }),
  /** A Webmention received, queued for verification, then its outcome (store/webmentions.ts), by random id. */
  webmention: (id: string) => ({ pk: `WM#${id}`, sk: '-' }),
  /** A like or repost of a page by a Webmention source (the source's keyed hash), counted on the page. */
  mention: (site: string, page: string, sourceHash: string) => ({
    pk: `MENTION#${site}${SEP}${sourceHash}`,
    sk: page,
  }),
};

/** What a reaction is on: a comment (by id) or a page. */
export type ReactionTarget = { commentId: string } | { site: string; page: string };

function reactionPk(t: ReactionTarget): string {
  return 'commentId' in t ? `REACT#C#${t.commentId}` : `REACT#P#${t.site}${SEP}${t.page}`;
}

function pagePk(site: string, page: string): string {
  return `PAGE#${site}${SEP}${page}`;
}

function topPk(site: string, page: string): string {
  return `TOP#${site}${SEP}${page}`;
}

/** The rank of score 0 in the top index (no entry has it: zero-score comments are not indexed). */
export const TOP_ZERO = 10 ** 15;
const RANK_WIDTH = 16;

/** A score's rank in the top index: TOP_ZERO − score, zero-padded so strings sort as numbers. */
export function topRank(score: number): string {
  return String(TOP_ZERO - score).padStart(RANK_WIDTH, '0');
}

/** A top index sort key exactly as `keys.top` writes it (cursors are checked with it). */
export function isTopSk(sk: unknown): sk is string {
  return typeof sk === 'string' && TOP_SK.test(sk) && sk.slice(0, RANK_WIDTH) !== topRank(0);
}
const TOP_SK = /^\d{16}#\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z#[0-9a-z]{8,40}$/;

/** True when a comment's sort key is in the listed range. */
export function isListedSk(sk: string): boolean {
  return sk.startsWith(COMMENT_SK_PREFIX);
}

/** Parses the id out of a comment sort key (`C#<createdAt>#<id>` or `H#<createdAt>#<id>`). */
export function commentIdFromSk(sk: string): string | undefined {
  if (!sk.startsWith(COMMENT_SK_PREFIX) && !sk.startsWith(HIDDEN_SK_PREFIX)) return undefined;
  const at = sk.lastIndexOf(SEP);
  return at > COMMENT_SK_PREFIX.length ? sk.slice(at + 1) : undefined;
}

/** The comment ranges a sort key may be in: what a public thread reads, the hidden one, or either. */
export type CommentRange = 'listed' | 'hidden' | 'any';

/**
 * A comment's sort key exactly as written here (`C#<ISO time>#<id>`, or `H#…` for a hidden one) in
 * `range` (the listed one unless told): cursors are checked with it, so a position handed out by one
 * read is never accepted by a read of another range.
 */
export function isCommentSk(sk: unknown, range: CommentRange = 'listed'): sk is string {
  if (typeof sk !== 'string' || !COMMENT_SK.test(sk)) return false;
  return range === 'any' || (range === 'listed') === sk.startsWith(COMMENT_SK_PREFIX);
}
const COMMENT_SK = /^[CH]#\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z#[0-9a-z]{8,40}$/;

/** A queue or author index sort key (`<ISO time>#<id>`). */
export function isIndexSk(sk: unknown): sk is string {
  return typeof sk === 'string' && COMMENT_SK.test(`C#${sk}`);
}
