/**
 * The site file's body: settings, the counts of every page, the most recent approved comments. Votes do
 * not republish it (changes.ts): a recent comment's `score` is as of the site file's last publish.
 */
import { FILES_FORMAT, SITE_RECENT_CAP, type SiteFile, THREAD_FILE_CAP } from '../contract/files.js';
import { cleanPageUrl } from '../domain/page-path.js';
import { publicSettings } from '../domain/present.js';
import type { CommentItem, PageItem, SiteItem } from '../store/items.js';
import type { StoredComment } from '../store/private.js';
import { fileComment } from './thread.js';

/** `recent` newest first, as read from the site's approved queue. */
export function siteFile(site: SiteItem, pages: PageItem[], recent: StoredComment[], now: Date): SiteFile {
  const byPage = new Map(pages.map((p) => [p.page, p]));
  const counts: Record<string, number> = {};
  for (const p of pages) if (p.count > 0) counts[p.page] = p.count;
  return {
    format: FILES_FORMAT,
    version: pages.reduce((sum, p) => sum + (p.version ?? 0), 0),
    site: site.id,
    settings: publicSettings(site),
    counts,
    recent: recent
      .filter((c) => c.status === 'approved')
      .slice(0, SITE_RECENT_CAP)
      .map((c) => {
        const p = byPage.get(c.page);
        const url = cleanPageUrl(p?.url);
        return {
          page: c.page,
          ...(p?.title ? { title: p.title } : {}),
          ...(url ? { url } : {}),
          comment: fileComment(c),
        };
      }),
    publishedAt: now.toISOString(),
  };
}

/** A page as its publish just read it, strongly consistent (`item` undefined: the page is gone). */
export interface FreshPage {
  page: string;
  item: PageItem | undefined;
  /** Its listed comments oldest first, as read (at most one past THREAD_FILE_CAP). */
  comments: StoredComment[];
}

/**
 * The site's pages and recent comments as the indexes gave them (eventually consistent), corrected by
 * the pages just published: their meta when newer, their approved comments, and none the fresh read
 * no longer lists (an index lagging behind a delete).
 */
export function withFresh(
  pages: PageItem[],
  recent: StoredComment[],
  fresh: FreshPage[],
): { pages: PageItem[]; recent: StoredComment[] } {
  const byPage = new Map(pages.map((p) => [p.page, p]));
  const freshBy = new Map(fresh.map((f) => [f.page, f]));
  for (const f of fresh) {
    const known = byPage.get(f.page);
    if (!f.item) byPage.delete(f.page);
    else if (!known || f.item.version >= known.version) byPage.set(f.page, f.item);
  }
  const byId = new Map<string, StoredComment>();
  for (const c of recent) {
    const f = freshBy.get(c.page);
    const whole = f && f.comments.length <= THREAD_FILE_CAP;
    if (f && whole && !f.comments.some((x) => x.id === c.id && x.status === 'approved')) continue;
    byId.set(c.id, c);
  }
  for (const f of fresh) for (const c of f.comments) if (c.status === 'approved') byId.set(c.id, c);
  const merged = [...byId.values()].sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
  );
  return { pages: [...byPage.values()], recent: merged.slice(0, SITE_RECENT_CAP) };
}
