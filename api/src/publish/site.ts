/** The site file's body: settings, the counts of every page, the most recent approved comments. */
import { FILES_FORMAT, SITE_RECENT_CAP, type SiteFile } from '../contract/files.js';
import { cleanPageUrl } from '../domain/page-path.js';
import { publicSettings } from '../domain/present.js';
import type { CommentItem, PageItem, SiteItem } from '../store/items.js';
import { fileComment } from './thread.js';

/** `recent` newest first, as read from the site's approved queue. */
export function siteFile(site: SiteItem, pages: PageItem[], recent: CommentItem[], now: Date): SiteFile {
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
