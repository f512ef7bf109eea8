/** Mail about a moderator's decision: to its author (the reason, a link to ask for review), and to moderators when review is asked. */
import { type ModeratorDecision, reasonLine } from '../domain/comment/decision.js';
import type { CommentItem } from '../store/items.js';
import { build, line, type OutMail, type PageRef, pageName } from './layout.js';
import { linkUrl, REVIEW_TTL_SEC } from './links.js';
import { type MailContext, moderationLinks } from './mail.js';

/** The author hears what was decided and why; the link puts the comment back in the queue, once. */
export function decisionMail(
  ctx: MailContext,
  to: string,
  emailHash: string,
  page: PageRef,
  comment: CommentItem,
  decision: ModeratorDecision,
  /** It had never been shown: it was held, and is now turned down. */
  rejected: boolean,
): OutMail {
  const site = line(page.siteName, 80);
  const all = linkUrl(ctx.baseUrl, ctx.secret, { a: 'unsub', s: page.site, e: emailHash });
  const review = linkUrl(ctx.baseUrl, ctx.secret, {
    a: 'review',
    s: page.site,
    c: comment.id,
    d: decision.at,
    i: ctx.nowSec,
    x: ctx.nowSec + REVIEW_TTL_SEC,
  });
  const done = rejected ? 'did not publish' : 'removed';
  return build(to, {
    subject: `[${line(page.siteName, 60)}] Your comment on "${pageName(page)}" was ${rejected ? 'not published' : 'removed'}`,
    intro: [
      `The moderators of ${site} ${done} your comment on "${pageName(page)}".`,
      `Reason: ${line(reasonLine(decision), 600)}`,
      'If you think this was a mistake, ask for a review below: your comment goes back to the moderators, who look at it again. The link works once, for 30 days.',
    ],
    blocks: [{ comment, actions: [{ label: 'Ask for a review', url: review }] }],
    footer: `You get this because you left a comment on ${site} with this address and confirmed it.`,
    unsubscribe: [{ label: 'Never mail me from this site', url: all }],
    oneClick: all,
  });
}

/** A moderator hears that an author asked for review: the comment waits again, with the decision it had. */
export function reviewMail(
  ctx: MailContext,
  to: string,
  moderatorHash: string,
  page: PageRef,
  comment: CommentItem,
  decision: ModeratorDecision,
): OutMail {
  const stop = linkUrl(ctx.baseUrl, ctx.secret, { a: 'unsub-mod', s: page.site, m: moderatorHash });
  return build(to, {
    subject: `[${line(page.siteName, 60)}] Review asked for a removed comment on "${pageName(page)}"`,
    intro: [
      `The author of a comment on "${pageName(page)}" asks for a review: it waits for moderation again.`,
      `It was removed for: ${line(reasonLine(decision), 600)}`,
    ],
    blocks: [{ comment, actions: moderationLinks(ctx, moderatorHash, page, comment) }],
    footer: `You moderate ${line(page.siteName, 80)}. The links work once and expire in 7 days.`,
    unsubscribe: [{ label: 'Stop moderation mail', url: stop }],
    oneClick: stop,
  });
}
