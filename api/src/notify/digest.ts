/** The daily moderator digest: one mail per site and moderator who chose `daily`, listing what waits. */
import type { Store } from '../store/index.js';
import type { Notifier } from './handler.js';
import { digestMail } from './mail.js';

/** Most comments one digest lists (the oldest first); the rest wait for the admin page. */
export const DIGEST_MAX = 50;

/** Sends today's digests; safe to call more than once a day (each digest is sent once per day). */
export async function runDigest(store: Store, notifier: Notifier): Promise<{ sent: number; failed: number }> {
  const day = notifier.now().toISOString().slice(0, 10);
  let sent = 0;
  let failed = 0;
  for (const site of await store.sites.list()) {
    const daily = (await store.moderators.forSite(site.id)).filter((m) => m.moderator.digest === 'daily');
    if (daily.length === 0) continue;
    const comments = await store.moderation.inStatus(site.id, 'pending', DIGEST_MAX, 'oldest');
    if (comments.length === 0) continue;
    const pages = new Map<string, Awaited<ReturnType<Notifier['pageRef']>>>();
    for (const c of comments) if (!pages.has(c.page)) pages.set(c.page, await notifier.pageRef(site, c.page));
    const list = comments.map((comment) => ({ page: pages.get(comment.page)!, comment }));
    for (const { moderator } of daily) {
      const modHash = notifier.hash('moderator', moderator.email);
      try {
        const did = await notifier.once(`digest:${site.id}:${modHash}:${day}`, 30 * 86400, () =>
          notifier.send(digestMail(notifier.mailCtx(), moderator.email, modHash, site, list)),
        );
        if (did) sent++;
      } catch (err) {
        failed++;
        notifier.log(`digest: ${site.id} failed: ${(err as Error).message}`.slice(0, 300));
      }
    }
  }
  return { sent, failed };
}
