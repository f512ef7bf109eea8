/** Webmention receiving: `POST /webmention/:site` (a form: source, target → 202 and a status URL) and the status. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  WEBMENTION_BODY_MAX,
  WebmentionForm,
  WebmentionSiteParam,
  WebmentionStatusParam,
} from '../contract/webmention.js';
import type { Deps } from '../deps.js';
import { receiveWebmention } from '../domain/webmention/receive.js';
import { ApiError } from '../errors.js';
import { validate } from '../middleware/validate.js';
import { webmentionDocs } from '../openapi/webmention.js';
import { requireSite } from './helpers.js';

/** Mounted at `/webmention`. */
export function webmentionRoutes(deps: Deps) {
  const env = { store: deps.store, secret: deps.config.secret, now: deps.now };
  return new Hono()
    .use(
      bodyLimit({
        maxSize: WEBMENTION_BODY_MAX,
        onError: () => {
          throw new ApiError(
            413,
            'payload_too_large',
            `a Webmention is at most ${WEBMENTION_BODY_MAX} bytes`,
          );
        },
      }),
    )
    .post(
      '/:site',
      webmentionDocs.receive,
      validate('param', WebmentionSiteParam),
      validate('form', WebmentionForm),
      async (c) => {
        const site = await requireSite(deps, c.req.valid('param').site);
        const w = await receiveWebmention(env, site, c.req.valid('form'), deps.clientIp(c));
        const base = deps.config.publicUrl ?? new URL(c.req.url).origin;
        const location = `${base}/api/v1/webmention/${site.id}/${w.id}`;
        c.header('Location', location);
        c.header('Cache-Control', 'no-store');
        return c.json({ status: 'queued' as const, location }, 202);
      },
    )
    .get('/:site/:id', webmentionDocs.status, validate('param', WebmentionStatusParam), async (c) => {
      const { site, id } = c.req.valid('param');
      const w = await deps.store.webmentions.get(id);
      if (!w || w.site !== site) throw new ApiError(404, 'not_found', 'no such Webmention on this site');
      c.header('Cache-Control', 'no-store');
      return c.json({
        status: w.status,
        ...(w.result ? { result: w.result } : {}),
        ...(w.reason ? { reason: w.reason } : {}),
      });
    });
}
