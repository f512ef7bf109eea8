/** A reader's report of a comment: `POST /comments/:id/report` (loaded on the first report). */
import { Hono } from 'hono';
import { IdParam, ReportComment } from '../contract/requests.js';
import type { Deps } from '../deps.js';
import { reportComment } from '../domain/reports.js';
import { ApiError } from '../errors.js';
import { validate } from '../middleware/validate.js';
import { reportDocs } from '../openapi/operations.js';
import { commentForOrigin } from './helpers.js';

/** Mounted at `/comments/:id/report`. */
export function reportRoutes(deps: Deps) {
  return new Hono().post(
    '/',
    reportDocs.report,
    validate('param', IdParam),
    validate('json', ReportComment),
    async (c) => {
      const { comment, site } = await commentForOrigin(deps, c, c.req.valid('param').id);
      // Only what readers see can be reported; a held or removed comment reads as missing (as for votes).
      if (comment.status !== 'approved')
        throw new ApiError(404, 'comment_not_found', 'no such comment to report');
      const { reason, text } = c.req.valid('json');
      await reportComment(
        { store: deps.store, secret: deps.config.secret, now: deps.now },
        { site, comment, ip: deps.clientIp(c), reason, ...(text ? { text } : {}) },
      );
      c.header('Cache-Control', 'no-store');
      return c.json({ reported: true as const }, 201);
    },
  );
}
