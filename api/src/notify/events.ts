/** What a stream record asks for: moderator mail, a verification mail, reply mail, webhook events. */
import type { CommentItem, WebhookEvent } from '../store/items.js';
import { type DecisionJob, decisionJobs } from './decisions.js';

export type Job =
  | { kind: 'moderators'; comment: CommentItem }
  | { kind: 'verify'; comment: CommentItem }
  | { kind: 'reply'; comment: CommentItem }
  | { kind: 'webhook'; event: WebhookEvent; comment: CommentItem }
  | DecisionJob;

/** Comments older than this when their record is written were imported, not written now: no mail for them. */
export const FRESH_MS = 24 * 3600 * 1000;

/**
 * The old image of a change. A comment moved between its page's listed and hidden ranges arrives as an
 * insert (and a removal of its old item): its `moved` tells the state it left, so it reads as the change.
 */
export function priorImage(before: CommentItem | undefined, after: CommentItem | undefined) {
  if (before || !after?.moved) return before;
  const { editedAt: _edited, moved, ...rest } = after;
  return { ...rest, status: moved.from, ...(moved.editedAt ? { editedAt: moved.editedAt } : {}) };
}

/**
 * The jobs of one change of a comment item. `before`/`after` are the old and new images (undefined
 * for an insert or a removal); `recordAt` is when the change happened.
 */
export function jobsFor(
  before: CommentItem | undefined,
  after: CommentItem | undefined,
  recordAt: number,
): Job[] {
  if (!after) return [];
  const jobs: Job[] = [];
  const c = after;
  if (!before) {
    if (Date.parse(c.createdAt) < recordAt - FRESH_MS) return [];
    if (c.status === 'spam' || c.status === 'deleted') return [];
    if (c.status === 'pending') jobs.push({ kind: 'moderators', comment: c });
    if (c.notify && c.emailHash) jobs.push({ kind: 'verify', comment: c });
    jobs.push({ kind: 'webhook', event: 'created', comment: c });
    if (c.status === 'approved') {
      if (c.parentId) jobs.push({ kind: 'reply', comment: c });
      jobs.push({ kind: 'webhook', event: 'approved', comment: c });
    }
    return jobs;
  }
  jobs.push(...decisionJobs(before, c));
  // Held after it was published (an edit the rules hold, readers' reports): the moderators hear why.
  if (before.status === 'approved' && c.status === 'pending') jobs.push({ kind: 'moderators', comment: c });
  if (before.status !== 'approved' && c.status === 'approved') {
    if (c.parentId) jobs.push({ kind: 'reply', comment: c });
    jobs.push({ kind: 'webhook', event: 'approved', comment: c });
  }
  if (before.status !== 'deleted' && c.status === 'deleted')
    jobs.push({ kind: 'webhook', event: 'deleted', comment: c });
  if (c.editedAt && c.editedAt !== before.editedAt && c.status !== 'deleted' && c.status !== 'spam')
    jobs.push({ kind: 'webhook', event: 'edited', comment: c });
  return jobs;
}
