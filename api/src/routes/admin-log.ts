/** Writes one entry of a site's moderation log for an admin action. */
import type { Deps } from '../deps.js';
import type { Reason } from '../domain/comment/decision.js';
import type { SettingChange } from '../domain/settings-diff.js';
import type { ModeratorSession } from '../middleware/session.js';

export async function logAction(
  deps: Deps,
  session: ModeratorSession,
  site: string,
  action: string,
  target?: string,
  detail?: string,
  changes?: SettingChange[],
  /** Why a comment was removed or rejected (kept beside the entry, shown in the log). */
  reason?: Reason,
): Promise<void> {
  const entry: Parameters<Deps['store']['audit']['add']>[0] & { reason?: Reason } = {
    site,
    actor: session.email,
    action,
    at: deps.now().toISOString(),
    ...(target ? { target } : {}),
    ...(detail ? { detail: detail.slice(0, 300) } : {}),
    ...(changes ? { changes: changes.slice(0, 40) } : {}),
    ...(reason ? { reason } : {}),
  };
  await deps.store.audit.add(entry);
}
