/** The mails: verification, reply, moderator and digest, each a text part and a sanitized HTML part. */
import { flagText } from '../contract/flags.js';
import type { CommentItem } from '../store/items.js';
import { build, type Link, line, type OutMail, type PageRef, pageHref, pageName } from './layout.js';
import { type LinkPayload, linkUrl, MODERATE_TTL_SEC, VERIFY_TTL_SEC } from './links.js';

export interface MailContext {
  /** Public origin of the API, for links. */
  baseUrl: string;
  secret: string;
  nowSec: number;
}

const url = (ctx: MailContext, payload: LinkPayload) => linkUrl(ctx.baseUrl, ctx.secret, payload);

const pageLink = (page: PageRef, label = 'Open the page'): Link[] => {
  const href = pageHref(page);
  return href ? [{ label, url: href }] : [];
};

export function moderationLinks(
  ctx: MailContext,
  moderatorHash: string,
  page: PageRef,
  c: CommentItem,
): Link[] {
  const x = ctx.nowSec + MODERATE_TTL_SEC;
  return [
    { label: 'Approve', url: url(ctx, { a: 'approve', s: page.site, c: c.id, m: moderatorHash, x }) },
    { label: 'Delete', url: url(ctx, { a: 'delete', s: page.site, c: c.id, m: moderatorHash, x }) },
    ...pageLink(page),
  ];
}

/** Why a held comment waits, as the admin page says it (its flags); nothing when it has none. */
export function flagsLine(c: CommentItem): string[] {
  const flags = c.spamReasons ?? [];
  return flags.length > 0 ? [`Why it waits: ${flags.map(flagText).join('; ')}.`] : [];
}

/** The one mail an unverified address gets: confirm, or ignore and hear nothing more. */
export function verificationMail(ctx: MailContext, to: string, emailHash: string, page: PageRef): OutMail {
  const all = url(ctx, { a: 'unsub', s: page.site, e: emailHash });
  return build(to, {
    subject: `Confirm reply notifications from ${line(page.siteName, 80)}`,
    intro: [
      // Nothing a poster chose travels in this mail (it reaches any address typed into the form):
      // the site's name and the page's path only, and no link but the confirmation.
      `Someone, hopefully you, left a comment on ${line(page.siteName, 80)} (${line(page.page, 100)}) with this address and asked to hear about replies.`,
      'Confirm below and replies will reach you by mail. If it was not you, ignore this message: no other mail follows.',
    ],
    blocks: [
      {
        actions: [
          {
            label: 'Confirm reply notifications',
            url: url(ctx, { a: 'verify', s: page.site, e: emailHash, x: ctx.nowSec + VERIFY_TTL_SEC }),
          },
        ],
      },
    ],
    footer: `You get this because this address was entered with a comment on ${line(page.siteName, 80)}.`,
    unsubscribe: [{ label: 'Never mail me from this site', url: all }],
    oneClick: all,
  });
}

/** A new approved reply to a subscriber's comment. */
export function replyMail(
  ctx: MailContext,
  to: string,
  emailHash: string,
  page: PageRef,
  reply: CommentItem,
): OutMail {
  const all = url(ctx, { a: 'unsub', s: page.site, e: emailHash });
  const thread = url(ctx, { a: 'unsub', s: page.site, e: emailHash, p: page.page });
  return build(to, {
    subject: `${line(reply.authorName || 'Someone', 60)} replied to your comment on "${pageName(page)}"`,
    intro: [`There is a new reply to your comment on "${pageName(page)}" (${line(page.siteName, 80)}).`],
    blocks: [{ comment: reply, actions: pageLink(page, 'Read the thread') }],
    footer: 'You asked to hear about replies to your comments on this site.',
    unsubscribe: [
      { label: 'Stop mail about this thread', url: thread },
      { label: 'Stop all reply mail from this site', url: all },
    ],
    oneClick: all,
  });
}

/** One comment waiting for a moderator, with single-use approve and delete links. */
export function moderatorMail(
  ctx: MailContext,
  to: string,
  moderatorHash: string,
  page: PageRef,
  comment: CommentItem,
): OutMail {
  const stop = url(ctx, { a: 'unsub-mod', s: page.site, m: moderatorHash });
  const who = comment.authorEmail
    ? `${line(comment.authorName || 'Anonymous', 80)} <${line(comment.authorEmail, 254)}>`
    : line(comment.authorName || 'Anonymous', 80);
  // Held after it was published: by an edit the rules hold, or by readers' reports.
  const again = !!comment.editedAt || !!comment.spamReasons?.includes('reports');
  return build(to, {
    subject: `[${line(page.siteName, 60)}] A comment waits for moderation on "${pageName(page)}"`,
    intro: [
      again
        ? `A comment on "${pageName(page)}" was held again and waits for moderation.`
        : `A new comment on "${pageName(page)}" waits for moderation.`,
      ...(page.claimedTitle && !page.title
        ? [`The poster's browser calls the page "${line(page.claimedTitle, 100)}" (claimed, not checked).`]
        : []),
      `From: ${who}`,
      ...flagsLine(comment),
    ],
    blocks: [{ comment, actions: moderationLinks(ctx, moderatorHash, page, comment) }],
    footer: `You moderate ${line(page.siteName, 80)}. The links work once and expire in 7 days.`,
    unsubscribe: [{ label: 'Stop moderation mail', url: stop }],
    oneClick: stop,
  });
}

/** The daily list of comments waiting on a site, for moderators who chose `daily`. */
export function digestMail(
  ctx: MailContext,
  to: string,
  moderatorHash: string,
  site: { id: string; name: string },
  waiting: Array<{ page: PageRef; comment: CommentItem }>,
): OutMail {
  const stop = url(ctx, { a: 'unsub-mod', s: site.id, m: moderatorHash });
  const n = waiting.length;
  return build(to, {
    subject: `[${line(site.name, 60)}] ${n} comment${n === 1 ? '' : 's'} waiting for moderation`,
    intro: [
      `${n} new comment${n === 1 ? '' : 's'} on ${line(site.name, 80)} wait${n === 1 ? 's' : ''} for moderation.`,
    ],
    blocks: waiting.map(({ page, comment }) => ({
      heading: `On "${pageName(page)}"${comment.spamReasons?.length ? ` (${comment.spamReasons.map(flagText).join('; ')})` : ''}`,
      comment,
      actions: moderationLinks(ctx, moderatorHash, page, comment),
    })),
    footer: `You moderate ${line(site.name, 80)} and chose a daily digest. The links work once and expire in 7 days.`,
    unsubscribe: [{ label: 'Stop moderation mail', url: stop }],
    oneClick: stop,
  });
}
