/** What moderators see of a comment, a site, a ban and a log entry (emails included in a comment; never IPs). */
import { REPORT_LIMITS } from '../contract/limits.js';
import type { CommentRef } from '../contract/responses.js';
import { REASON_TEXT, type Reason } from '../domain/comment/decision.js';
import { siteSetup } from '../domain/present.js';
import { excerpt } from '../domain/who.js';
import type { AuditItem, BanItem, CommentItem, SiteItem } from '../store/items.js';

/** Wiped by its author's delete (or an erase): marked so, or from before the mark, deleted with no text. */
export function isWiped(c: CommentItem): boolean {
  if ((c as CommentItem & { wiped?: unknown }).wiped === true) return true;
  return c.status === 'deleted' && c.body === '' && c.authorName === '';
}

/** A comment named in a list: author and the start of its text (nothing of a wiped one). */
export function commentRef(c: CommentItem, url?: string): CommentRef {
  const base = { id: c.id, page: c.page, ...(url ? { url } : {}) };
  if (isWiped(c)) return { ...base, name: '', excerpt: '', gone: true };
  return { ...base, name: c.authorName, excerpt: excerpt(c.html) };
}

/** What a queue row shows beside the comment: its page's URL and the comment it replies to. */
export interface RowContext {
  pageUrl?: string | undefined;
  parent?: CommentRef | undefined;
}

export function adminComment(c: CommentItem, ctx: RowContext = {}) {
  return {
    id: c.id,
    site: c.site,
    page: c.page,
    parentId: c.parentId,
    depth: c.depth,
    body: c.body,
    html: c.html,
    author: {
      name: c.authorName,
      ...(c.authorEmail ? { email: c.authorEmail } : {}),
      ...(c.authorWebsite ? { website: c.authorWebsite } : {}),
      avatar: c.avatar,
      ...(c.byModerator ? { moderator: true } : {}),
    },
    status: c.status,
    createdAt: c.createdAt,
    ...(c.editedAt ? { editedAt: c.editedAt } : {}),
    ...(c.statusAt ? { statusAt: c.statusAt } : {}),
    score: c.score,
    pinned: c.pinned === true,
    ...(c.placeholder ? { placeholder: true } : {}),
    ...(c.spamReasons?.length ? { spamReasons: c.spamReasons } : {}),
    ...(ctx.pageUrl ? { pageUrl: ctx.pageUrl } : {}),
    ...(ctx.parent ? { parent: ctx.parent } : {}),
    ...(c.remote ? { remote: c.remote } : {}),
  };
}

export function adminSite(s: SiteItem) {
  const { akismetKey, ...spam } = s.spam ?? {};
  return {
    ...siteSetup(s),
    spam: { ...spam, akismetKeySet: !!akismetKey },
    reportThreshold: s.reportThreshold ?? REPORT_LIMITS.threshold,
    ...(s.remote ? { remote: s.remote } : {}),
    updatedAt: s.updatedAt,
  };
}

/** A ban with who it bans as the ban's comment showed them; `now` is that comment today (gone once erased). */
export function adminBan(b: BanItem, now: CommentRef | undefined) {
  const a = b.about;
  const gone = !now || now.gone === true;
  const where = a ? { id: a.commentId, page: a.page, ...(a.url ? { url: a.url } : {}) } : undefined;
  return {
    kind: b.kind,
    hash: b.hash,
    reason: b.reason,
    by: b.by,
    createdAt: b.createdAt,
    ...(b.until ? { until: b.until } : {}),
    ...(b.hidden?.length ? { hidden: b.hidden.length } : {}),
    ...(a?.email && !gone ? { email: a.email } : {}),
    ...(a?.account && !gone ? { account: a.account } : {}),
    ...(a && where
      ? {
          comment: gone
            ? { ...where, name: '', excerpt: '', gone: true as const }
            : { ...where, name: a.name, excerpt: a.excerpt },
        }
      : {}),
  };
}

/** The parent's id a moderator's reply was logged with (`to <id>`). */
const replyParent = (a: AuditItem) =>
  a.action === 'reply' ? /^to (\S+)$/.exec(a.detail ?? '')?.[1] : undefined;

/** A log entry; `refs` holds the comments its target and a reply's parent name (by id). */
export function adminAudit(a: AuditItem, refs: Map<string, CommentRef> = new Map()) {
  const comment = a.target ? refs.get(a.target) : undefined;
  const parentId = replyParent(a);
  const replyTo = parentId ? refs.get(parentId) : undefined;
  return {
    at: a.at,
    actor: a.actor,
    action: a.action,
    ...(a.target ? { target: a.target } : {}),
    ...(a.detail ? { detail: a.detail } : {}),
    ...(comment ? { comment } : {}),
    ...(replyTo ? { replyTo } : {}),
    ...(a.changes ? { changes: a.changes } : {}),
    ...auditReason(a),
  };
}

/** The reason a removal was logged with (see admin-log.ts), as the log shows it. */
function auditReason(a: AuditItem): { reason?: Reason } {
  const r = (a as AuditItem & { reason?: Reason }).reason;
  if (!r || typeof r !== 'object' || !(r.code in REASON_TEXT)) return {};
  return { reason: { code: r.code, ...(typeof r.text === 'string' && r.text ? { text: r.text } : {}) } };
}

/** The comment ids a log entry names (its target, a reply's parent), to look up in one go. */
export function auditCommentIds(a: AuditItem): string[] {
  return [a.target, replyParent(a)].filter((id): id is string => !!id && /^[0-9a-z]{8,40}$/i.test(id));
}
