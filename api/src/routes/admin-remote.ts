/** A site's pages linked to their posts on Mastodon and Bluesky (owner or moderator of the site): list, link, unlink. */
import { Hono } from 'hono';
import { RemoteLinkBody } from '../contract/remote-links.js';
import { AdminSiteParam } from '../contract/requests.js';
import type { Deps } from '../deps.js';
import { linkPost, linksView, unlinkPost } from '../domain/remote/links.js';
import { ApiError } from '../errors.js';
import { assertRole, type SessionEnv } from '../middleware/session.js';
import { validate } from '../middleware/validate.js';
import { adminRemoteDocs } from '../openapi/remote.js';
import { logAction } from './admin-log.js';
import { requirePage, requireSite } from './helpers.js';

export function adminRemoteRoutes(deps: Deps) {
  const env = { store: deps.store, outboundAllow: deps.config.outboundAllow, now: deps.now };
  const list = async (site: string) => linksView(await deps.store.remoteLinks.list(site));

  return new Hono<SessionEnv>()
    .get('/sites/:site/remote-links', adminRemoteDocs.list, validate('param', AdminSiteParam), async (c) => {
      const { site } = c.req.valid('param');
      assertRole(c.get('session'), site);
      return c.json(await list(site));
    })
    .put(
      '/sites/:site/remote-links',
      adminRemoteDocs.link,
      validate('param', AdminSiteParam),
      validate('json', RemoteLinkBody),
      async (c) => {
        const { site } = c.req.valid('param');
        const s = c.get('session');
        assertRole(s, site);
        await requireSite(deps, site);
        const body = c.req.valid('json');
        const page = requirePage(body.page);
        const linked = await linkPost(env, site, page, body.url);
        await logAction(deps, s, site, 'remote:link', page, linked.posts.at(-1)?.url);
        return c.json(await list(site));
      },
    )
    .delete(
      '/sites/:site/remote-links',
      adminRemoteDocs.unlink,
      validate('param', AdminSiteParam),
      validate('json', RemoteLinkBody),
      async (c) => {
        const { site } = c.req.valid('param');
        const s = c.get('session');
        assertRole(s, site);
        const body = c.req.valid('json');
        const page = requirePage(body.page);
        if (!(await unlinkPost(env, site, page, body.url)))
          throw new ApiError(404, 'not_found', 'this page is not linked to this post');
        await logAction(deps, s, site, 'remote:unlink', page, body.url);
        return c.json(await list(site));
      },
    );
}
