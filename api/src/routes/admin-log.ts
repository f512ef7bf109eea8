/** Writes one entry of a site's moderation log for an admin action. */
import type { Deps } from '../deps.js';
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
): Promise<void> {
  await deps.store.audit.add({
    site,
    actor: session.email,
    action,
    at: deps.now().toISOString(),
    ...(target ? { target } : {}),
    ...(detail ? { detail: detail.slice(0, 300) } : {}),
    ...(changes ? { changes: changes.slice(0, 40) } : {}),
  });
}
