/**
 * Portability for moderators (session cookie, under /api/v1/admin): export or erase everything one
 * author (by email) wrote on a site, found through GSI2 (`AUTHOR#<site>#<emailHash>`); and the site's
 * export and import for the admin page. Mounted before the general body limit: imports take 6 MB.
 */
import { Hono } from 'hono';
import { ExportQuery, GdprQuery, ImportQuery, SiteParam } from '../contract/requests.js';
import type { Deps } from '../deps.js';
import { authorComments, eraseAuthor } from '../domain/author-erase.js';
import { keyedHash, normalizeEmail } from '../domain/tokens.js';
import { assertRole, requireModerator, type SessionEnv } from '../middleware/session.js';
import { validate } from '../middleware/validate.js';
import { gdprDocs } from '../openapi/operations.js';
import { nativeComment } from '../portability/native.js';
import { answerExport } from './export.js';
import { requireSite } from './helpers.js';
import { answerImport, IMPORT_RESERVE_MS, importBodyLimit } from './import.js';

export function portabilityAdminRoutes(deps: Deps) {
  const { store, config } = deps;
  /** The author index's key of an address. */
  const authorKey = (email: string) => keyedHash(config.secret, 'email', normalizeEmail(email));

  // Per route, not `.use()`: a pattern here would also run before the other admin groups' routes.
  const session = requireModerator({ deps });
  return new Hono<SessionEnv>()
    .get(
      '/sites/:site/authors/export',
      gdprDocs.authorExport,
      session,
      validate('param', SiteParam),
      validate('query', GdprQuery),
      async (c) => {
        const site = await requireSite(deps, c.req.valid('param').site);
        assertRole(c.get('session'), site.id);
        const email = c.req.valid('query').email;
        const hash = authorKey(email);
        const comments = await authorComments(store, site.id, hash);
        c.header('Content-Disposition', `attachment; filename="afterword-${site.id}-author.json"`);
        return c.json({
          site: site.id,
          email: normalizeEmail(email),
          exportedAt: deps.now().toISOString(),
          comments: comments.map((x) => nativeComment(x, [])),
        });
      },
    )
    .delete(
      '/sites/:site/authors',
      gdprDocs.authorErase,
      session,
      validate('param', SiteParam),
      validate('query', GdprQuery),
      async (c) => {
        const site = await requireSite(deps, c.req.valid('param').site);
        assertRole(c.get('session'), site.id);
        const email = c.req.valid('query').email;
        const hash = authorKey(email);
        const { erased, complete } = await eraseAuthor(
          store,
          site.id,
          hash,
          deps.now,
          () => deps.remainingMs(c) >= IMPORT_RESERVE_MS,
        );
        // The reply-mail subscription holds the address too.
        const subscriptions = complete ? await store.subscriptions.forget(site.id, hash) : 0;
        return c.json({ erased, subscriptions, complete });
      },
    )
    .get(
      '/sites/:site/export',
      gdprDocs.export,
      session,
      validate('param', SiteParam),
      validate('query', ExportQuery),
      async (c) => {
        const site = await requireSite(deps, c.req.valid('param').site);
        assertRole(c.get('session'), site.id, 'owner');
        return answerExport(deps, c, site);
      },
    )
    .post(
      '/sites/:site/import',
      gdprDocs.import,
      session,
      validate('param', SiteParam),
      validate('query', ImportQuery),
      importBodyLimit(),
      async (c) => {
        const site = await requireSite(deps, c.req.valid('param').site);
        assertRole(c.get('session'), site.id, 'owner');
        return answerImport(deps, c, site.id, c.req.valid('query'));
      },
    );
}
