/** The admin API under /api/v1/admin: login is open; everything else needs a moderator session. */
import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import { requireModerator, type SessionEnv } from '../middleware/session.js';
import { adminLoginRoutes, adminSessionRoutes } from './admin-auth.js';
import { adminAuthorRoutes } from './admin-authors.js';
import { adminCommentRoutes } from './admin-comments.js';
import { adminMailRoutes } from './admin-mail.js';
import { adminProviderRoutes } from './admin-providers.js';
import { adminRemoteRoutes } from './admin-remote.js';
import { adminReportRoutes } from './admin-reports.js';
import { adminSecurityRoutes } from './admin-security.js';
import { adminSiteRoutes } from './admin-sites.js';

export function adminRoutes(deps: Deps) {
  const guarded = new Hono<SessionEnv>()
    .use(requireModerator({ deps }))
    .route('/', adminSessionRoutes(deps))
    .route('/', adminCommentRoutes(deps))
    .route('/', adminReportRoutes(deps))
    .route('/', adminAuthorRoutes(deps))
    .route('/', adminMailRoutes(deps))
    .route('/', adminSecurityRoutes(deps))
    .route('/', adminProviderRoutes(deps))
    .route('/', adminRemoteRoutes(deps))
    .route('/', adminSiteRoutes(deps));
  return new Hono().route('/', adminLoginRoutes(deps)).route('/', guarded);
}
