/** What moderators see of a comment, a site and a log entry (emails included; never IPs). */
import { siteSetup } from '../domain/present.js';
import type { AuditItem, CommentItem, SiteItem } from '../store/items.js';

export function adminComment(c: CommentItem) {
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
  };
}

export function adminSite(s: SiteItem) {
  const { akismetKey, ...spam } = s.spam ?? {};
  return {
    ...siteSetup(s),
    spam: { ...spam, akismetKeySet: !!akismetKey },
    updatedAt: s.updatedAt,
  };
}

export function adminAudit(a: AuditItem) {
  return {
    at: a.at,
    actor: a.actor,
    action: a.action,
    ...(a.target ? { target: a.target } : {}),
    ...(a.detail ? { detail: a.detail } : {}),
  };
}
