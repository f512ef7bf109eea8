/**
 * The stream's part in decisions: a removal with `tell` mails the author when their address is confirmed;
 * an author's request for review mails the moderators who take mail for each comment. Each once.
 */
import { currentDecision, currentReview } from '../domain/comment/decision.js';
import type { Store } from '../store/index.js';
import type { CommentItem, SiteItem } from '../store/items.js';
import { decisionMail, reviewMail } from './decision-mail.js';
import type { OutMail, PageRef } from './layout.js';
import type { MailContext } from './mail.js';
import { MARK_TTL_SEC } from './once.js';

export type DecisionJob =
  | { kind: 'decision'; comment: CommentItem; rejected: boolean }
  | { kind: 'review'; comment: CommentItem };

/** The decision jobs of one change (see events.ts): a removal to tell, a review asked for. */
export function decisionJobs(before: CommentItem, after: CommentItem): DecisionJob[] {
  if (before.status === after.status) return [];
  // Held and never published is a rejection; held by readers' reports, it had been published.
  const rejected = before.status === 'pending' && !before.spamReasons?.includes('reports');
  if (currentDecision(after)?.tell) return [{ kind: 'decision', comment: after, rejected }];
  if (currentReview(after)) return [{ kind: 'review', comment: after }];
  return [];
}

export interface DecisionNoticeDeps {
  store: Store;
  once: (key: string, ttlSec: number | undefined, send: () => Promise<void>) => Promise<boolean>;
  mail: (m: OutMail) => Promise<void>;
  mailCtx: () => MailContext;
  hash: (purpose: string, value: string) => string;
}

export function createDecisionNotices(deps: DecisionNoticeDeps) {
  const { store, once, mail, mailCtx, hash } = deps;

  /** The author, at their confirmed address, while the decision still stands. */
  async function tellAuthor(site: SiteItem, job: Extract<DecisionJob, { kind: 'decision' }>, page: PageRef) {
    const c = await store.comments.read(job.comment.id);
    const d = c && currentDecision(c);
    if (!c || !d?.tell || d.at !== currentDecision(job.comment)?.at || !c.emailHash) return;
    const sub = await store.subscriptions.get(site.id, c.emailHash);
    if (!sub?.verified || sub.unsubscribedAt) return;
    const emailHash = c.emailHash;
    await once(`decision:${c.id}:${d.at}`, MARK_TTL_SEC, () =>
      mail(decisionMail(mailCtx(), sub.email, emailHash, page, c, d, job.rejected)),
    );
  }

  /** Every moderator who takes a mail for each waiting comment, while the comment still waits from it. */
  async function tellModerators(
    site: SiteItem,
    job: Extract<DecisionJob, { kind: 'review' }>,
    page: PageRef,
  ) {
    const c = await store.comments.read(job.comment.id);
    const r = c && currentReview(c);
    if (!c || !r || r.at !== currentReview(job.comment)?.at) return;
    const errors: unknown[] = [];
    for (const { moderator } of await store.moderators.forSite(site.id)) {
      if (moderator.digest !== 'each') continue;
      const modHash = hash('moderator', moderator.email);
      try {
        await once(`review:${c.id}:${r.at}:${modHash}`, MARK_TTL_SEC, () =>
          mail(reviewMail(mailCtx(), moderator.email, modHash, page, c, r.decision)),
        );
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) throw errors[0];
  }

  return (site: SiteItem, job: DecisionJob, page: PageRef): Promise<void> =>
    job.kind === 'decision' ? tellAuthor(site, job, page) : tellModerators(site, job, page);
}
