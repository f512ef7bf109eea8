/** Admin report routes: a site's reported comments with their reasons, and dismissing a comment's reports. */
import { Hono } from 'hono';
import { pageSize } from '../contract/limits.js';
import { AdminIdParam, AdminReportsQuery, AdminSiteParam } from '../contract/requests.js';
import type { Deps } from '../deps.js';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import { ApiError } from '../errors.js';
import { assertRole, type SessionEnv } from '../middleware/session.js';
import { validate } from '../middleware/validate.js';
import { adminReportDocs } from '../openapi/operations.js';
import { keys } from '../store/keys.js';
import type { ReportSummary } from '../store/reports.js';
import { logAction } from './admin-log.js';
import { rowContexts } from './admin-refs.js';
import { adminComment } from './admin-view.js';

/** A list cursor is exactly the key a page of this site's list hands out. */
function startKey(site: string, raw: string | undefined): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  const k = decodeCursor(raw);
  const ok =
    k !== undefined &&
    Object.keys(k).sort().join() === 'gsi3pk,gsi3sk,pk,sk' &&
    k.gsi3pk === keys.reportedPk(site) &&
    typeof k.pk === 'string' &&
    /^[0-9a-z]{8,40}$/.test(k.pk.slice(k.pk.indexOf('#') + 1)) &&
    k.pk === keys.reportSummary(k.pk.slice(k.pk.indexOf('#') + 1)).pk &&
    k.sk === keys.reportSummary('').sk &&
    typeof k.gsi3sk === 'string' &&
    k.gsi3sk.length <= 100;
  if (!ok) throw new ApiError(400, 'invalid_cursor', 'the cursor does not belong to this listing');
  return k;
}

export function adminReportRoutes(deps: Deps) {
  const { store } = deps;
  return new Hono<SessionEnv>()
    .get(
      '/sites/:site/reports',
      adminReportDocs.list,
      validate('param', AdminSiteParam),
      validate('query', AdminReportsQuery),
      async (c) => {
        const { site } = c.req.valid('param');
        assertRole(c.get('session'), site);
        const q = c.req.valid('query');
        const { summaries, next } = await store.reports.list(
          site,
          pageSize('queue', q.limit),
          startKey(site, q.cursor),
        );
        // Each comment as it is now (one batch, private fields included), and each one's reports of this round.
        const comments = await store.lookup.comments(summaries.map((s) => s.commentId));
        const rows = await Promise.all(
          summaries.flatMap((s) => {
            const comment = comments.get(s.commentId);
            if (comment?.site !== site) return [];
            return [store.reports.of(s.commentId, s.since).then((reports) => ({ s, comment, reports }))];
          }),
        );
        const context = await rowContexts(
          store,
          site,
          rows.map((r) => r.comment),
        );
        return c.json({
          reported: rows.map(({ s, comment, reports }) => ({
            comment: adminComment(comment, context.get(comment.id)),
            ...counts(s),
            reports: reports.map((r) => ({
              reason: r.reason,
              ...(r.text ? { text: r.text } : {}),
              at: r.createdAt,
            })),
          })),
          nextCursor: next ? encodeCursor(next as Record<string, string>) : null,
        });
      },
    )

    .delete('/comments/:id/reports', adminReportDocs.dismiss, validate('param', AdminIdParam), async (c) => {
      const session = c.get('session');
      const { id } = c.req.valid('param');
      let comment = await store.comments.read(id);
      if (!comment) throw new ApiError(404, 'comment_not_found', `no comment "${id}"`);
      assertRole(session, comment.site);
      const summary = await store.reports.summary(id);
      const now = deps.now().toISOString();
      await store.reports.dismiss(id, now);
      // Kept: a comment the reports held is published again, its `reports` flag gone.
      if (summary?.held && comment.status === 'pending') {
        const flags = (comment.spamReasons ?? []).filter((f) => f !== 'reports');
        comment = await store.comments.setStatus(comment, 'approved', now, { extra: { spamReasons: flags } });
      }
      await logAction(
        deps,
        session,
        comment.site,
        'reports:dismiss',
        id,
        summary?.count ? `${summary.count} reports dismissed` : 'no reports',
      );
      return c.json({ comment: adminComment(comment) });
    });
}

function counts(s: ReportSummary) {
  return { count: s.count, reasons: s.reasons, firstAt: s.firstAt, lastAt: s.lastAt, held: s.held };
}
