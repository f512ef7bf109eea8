/**
 * Reader reports: one per reader per comment, a burst from one client limited, and at the site's threshold
 * of distinct readers an approved comment held for review (flag `reports`) by the status change moderators use.
 */
import { REPORT_LIMITS, type ReportReason } from '../contract/limits.js';
import { StatusConflictError } from '../store/comments.js';
import type { Store } from '../store/index.js';
import type { CommentItem, SiteItem } from '../store/items.js';
import { AlreadyReportedError, type ReportSummary } from '../store/reports.js';
import { clientKey } from './client.js';
import { Refusal } from './failure.js';
import { keyedHash } from './tokens.js';

export interface ReportEnv {
  store: Store;
  secret: string;
  now: () => Date;
}

/** Distinct readers' reports that hold a comment on this site (0: never). */
export function reportThreshold(site: SiteItem): number {
  return site.reportThreshold ?? REPORT_LIMITS.threshold;
}

/** Who reports, keyed per site like a voter: the same client is the same reader; no IP is kept. */
export function reporterOf(secret: string, site: string, ip: string): string {
  return keyedHash(secret, 'reporter', `${site}\u0000${clientKey(ip)}`);
}

/** Who acted in the log when the readers' reports held a comment. */
export const REPORTS_ACTOR = 'reader reports';

/**
 * Records a reader's report of an approved comment. Refuses (`rate_limited`) a client past its burst, and
 * (`already_reported`) the same reader's second report. Holds the comment once this round's reports reach
 * the site's threshold; returns whether this report held it.
 */
export async function reportComment(
  env: ReportEnv,
  input: { site: SiteItem; comment: CommentItem; ip: string; reason: ReportReason; text?: string },
): Promise<{ held: boolean; summary: ReportSummary }> {
  const { store } = env;
  const { site, comment } = input;
  const now = env.now();
  const reporter = reporterOf(env.secret, site.id, input.ip);
  const rate = await store.rates.hit(`report#${reporter}`, REPORT_LIMITS.windowSec, now.getTime());
  if (rate.count > REPORT_LIMITS.perClient)
    throw new Refusal(
      'rate_limited',
      'too many reports; try again later',
      { retryAfterSec: rate.retryAfterSec },
      rate.retryAfterSec,
    );
  const text = input.text?.trim();
  const summary = await store.reports
    .add({
      commentId: comment.id,
      site: site.id,
      reporter,
      reason: input.reason,
      ...(text ? { text } : {}),
      now: now.toISOString(),
    })
    .catch((err: unknown) => {
      if (err instanceof AlreadyReportedError)
        throw new Refusal('already_reported', 'you have already reported this comment');
      throw err;
    });
  const threshold = reportThreshold(site);
  if (threshold === 0 || summary.count < threshold || summary.held) return { held: false, summary };
  return { held: await holdForReports(env, comment.id, summary), summary };
}

/** Holds the comment (approved → pending, flag `reports`) unless another report's request already did. */
async function holdForReports(env: ReportEnv, id: string, summary: ReportSummary): Promise<boolean> {
  const { store } = env;
  // The comment as it is now: a moderator may have acted since it was read.
  const current = await store.comments.read(id);
  if (current?.status !== 'approved') return false;
  if (!(await store.reports.markHeld(id))) return false;
  const at = env.now().toISOString();
  const flags = [...new Set([...(current.spamReasons ?? []), 'reports'])];
  try {
    await store.comments.setStatus(current, 'pending', at, { extra: { spamReasons: flags } });
  } catch (err) {
    // A moderator moved it in between: their decision stands.
    if (err instanceof StatusConflictError) return false;
    throw err;
  }
  await store.audit.add({
    site: current.site,
    actor: REPORTS_ACTOR,
    action: 'status:pending',
    target: id,
    detail: `held after reports from ${summary.count} readers`,
    at,
  });
  return true;
}
