/** Admin: a site's GitHub and OpenID Connect sign-in providers (owners change them; secrets never come back). */
import { Hono } from 'hono';
import { ProviderBody, ProviderParam } from '../contract/reader-oauth.js';
import { AdminSiteParam } from '../contract/requests.js';
import type { Deps } from '../deps.js';
import {
  listProviders,
  type ProviderEnv,
  ProviderError,
  removeProvider,
  saveProvider,
} from '../domain/reader-oauth/providers.js';
import { ApiError } from '../errors.js';
import { assertRole, type SessionEnv } from '../middleware/session.js';
import { validate } from '../middleware/validate.js';
import { adminProviderDocs } from '../openapi/reader-oauth.js';
import { logAction } from './admin-log.js';

export const providerEnv = (deps: Deps): ProviderEnv => ({
  store: deps.store,
  secret: deps.config.secret,
  now: deps.now,
  outboundAllow: deps.config.outboundAllow,
});

/** A provider refusal as the API's error. */
async function answered<T>(work: Promise<T>): Promise<T> {
  return work.catch((err: unknown) => {
    if (err instanceof ProviderError)
      throw err.status === 404
        ? new ApiError(404, 'site_not_found', err.message)
        : new ApiError(400, 'invalid_input', err.message, { fields: [err.field] });
    throw err;
  });
}

export function adminProviderRoutes(deps: Deps) {
  const env = providerEnv(deps);
  return new Hono<SessionEnv>()
    .get(
      '/sites/:site/reader-providers',
      adminProviderDocs.list,
      validate('param', AdminSiteParam),
      async (c) => {
        const { site } = c.req.valid('param');
        assertRole(c.get('session'), site);
        return c.json({ providers: await answered(listProviders(env, site)) });
      },
    )
    .put(
      '/sites/:site/reader-providers/:id',
      adminProviderDocs.put,
      validate('param', ProviderParam),
      validate('json', ProviderBody),
      async (c) => {
        const { site, id } = c.req.valid('param');
        const session = c.get('session');
        assertRole(session, site, 'owner');
        const { clientSecret, ...rest } = c.req.valid('json');
        const providers = await answered(saveProvider(env, site, { id, ...rest }, clientSecret));
        const what = `${rest.kind} ${id}${clientSecret ? ', secret set' : ''}`;
        await logAction(deps, session, site, 'settings', undefined, `sign-in provider ${what}`);
        return c.json({ providers });
      },
    )
    .delete(
      '/sites/:site/reader-providers/:id',
      adminProviderDocs.remove,
      validate('param', ProviderParam),
      async (c) => {
        const { site, id } = c.req.valid('param');
        const session = c.get('session');
        assertRole(session, site, 'owner');
        if (!(await answered(removeProvider(env, site, id))))
          throw new ApiError(404, 'not_found', `the site has no sign-in provider "${id}"`);
        await logAction(deps, session, site, 'settings', undefined, `sign-in provider ${id} removed`);
        return c.json({ providers: await listProviders(env, site) });
      },
    );
}
