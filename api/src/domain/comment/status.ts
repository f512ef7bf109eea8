/**
 * One status decision for every write that changes public text: a post, an edit. Moderators publish;
 * readers' text runs the spam guard and the site's moderation mode. An edit never lifts a hold.
 */
import type { Flag } from '../../contract/flags.js';
import type { CommentStatus, SiteItem } from '../../store/items.js';
import { initialStatus } from '../moderation.js';
import { guardPost, type PostFacts } from '../spam-guard.js';
import type { CommentEnv } from './create.js';
import type { CommentSource } from './prepare.js';

export interface Decision {
  status: CommentStatus;
  /** Its flags (contract/flags.ts): none on a comment published at once. */
  reasons: Flag[];
}

/** How held a status is: an edit may move a comment down this list, never up. */
const RANK: Record<CommentStatus, number> = { approved: 0, pending: 1, spam: 2, deleted: 3 };

export async function decideStatus(
  env: CommentEnv,
  site: SiteItem,
  source: Exclude<CommentSource, 'import'>,
  facts: PostFacts,
  /** The status before an edit; absent for a new comment. */
  current?: CommentStatus,
): Promise<Decision> {
  if (source === 'moderator') return { status: current ?? 'approved', reasons: [] };
  const guard = await guardPost(env, site, facts);
  if (guard.action === 'refuse') throw guard.refusal;
  // A site may hold every remote reply; else a remote account earns trust like any author.
  const base =
    facts.remote && site.remote?.premoderate
      ? ({ status: 'pending', flags: ['premoderation'] } as const)
      : await initialStatus(env.store, site, { emailHash: facts.emailHash });
  const status: CommentStatus = guard.action === 'ok' ? base.status : guard.action;
  // Every held comment says why: the rules' flags, then the mode's (a new author, a site holding all).
  const reasons: Flag[] = [...guard.reasons, ...(base.status === 'pending' ? base.flags : [])];
  if (current && RANK[current] > RANK[status]) return { status: current, reasons };
  return { status, reasons };
}
