/**
 * Readers' sign-in with GitHub or an OpenID Connect issuer, in a popup (a route group of its own: only
 * these routes load openid-client).
 *
 * The popup protocol, for the widget:
 * 1. On a click, the widget opens the popup itself (no `noopener`, so the popup keeps `window.opener`):
 *    `popup = window.open(API + '/api/v1/reader/oauth/start?site=<site>&provider=<provider id>&origin=' +
 *    encodeURIComponent(location.origin), 'afterword-signin', 'popup,width=520,height=680')`.
 *    `origin` must be one of the site's origins (else the popup shows an error and posts nothing).
 * 2. The API answers 302 to the provider; the provider sends the reader back to
 *    `/api/v1/reader/oauth/callback`, whose page posts ONE message to `window.opener` with
 *    `targetOrigin` exactly the `origin` given in step 1 (never `*`), then closes:
 *    `{type: 'afterword-signin', session: {token, expiresAt, reader}}` or
 *    `{type: 'afterword-signin', error: <error code>}` (`oauth_denied`, `oauth_failed`,
 *    `signin_method_off`, `rate_limited`, ...).
 * 3. The widget listens on `window` for `message` and takes one only when `event.origin` is exactly the
 *    API's origin (that of the URL it opened), `event.source === popup` (the very window it opened) and
 *    `event.data.type === 'afterword-signin'`; anything else is ignored. It keeps `session.token` (its
 *    usual storage) and sends it in `x-afterword-session`. A popup that closes without a message (the
 *    reader closed it; or an unknown, used or expired state, whose page knows no origin to post to) is a
 *    cancelled sign-in: the widget polls `popup.closed`.
 * The start sets an HttpOnly, SameSite=Lax cookie on the API origin (first-party in the popup) that the
 * callback must bring back: an attempt finishes only in the browser that began it.
 * 4. Where a provider's Cross-Origin-Opener-Policy cuts the popup off from its opener (no message can
 *    come, and `popup.closed` may read true at once), the handoff: the widget makes a random secret
 *    (32 bytes, base64url), adds `&handoff=<base64url SHA-256 of it>` to the start URL, and asks
 *    `POST /api/v1/reader/oauth/handoff {site, secret}` every few seconds (up to 10 minutes, until a
 *    message came): 204 nothing yet; 200 the session (once); 403 with the error code.
 */
import { randomBytes } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { OAuthCallbackQuery, OAuthHandoffBody, OAuthStartQuery } from '../contract/reader-oauth.js';
import type { Deps } from '../deps.js';
import { isHttps, ownOrigin } from '../domain/auth.js';
import { clientKey } from '../domain/client.js';
import {
  ATTEMPT_TTL_SEC,
  allowedOrigin,
  beginSignIn,
  finishSignIn,
  HANDOFF_LIMITS,
  OAuthFailure,
  START_LIMITS,
  stateHash,
} from '../domain/reader-oauth/flow.js';
import { takeOutcome } from '../domain/reader-oauth/handoff.js';
import { popupPage, SIGNIN_MESSAGE, type SigninMessage } from '../domain/reader-oauth/popup.js';
import { keyedHash } from '../domain/tokens.js';
import { ApiError } from '../errors.js';
import { grantOrigin } from '../middleware/cors.js';
import { validate } from '../middleware/validate.js';
import { readerOAuthDocs } from '../openapi/reader-oauth.js';
import { requireSite } from './helpers.js';
import { readerEnv } from './reader-helpers.js';

export const CALLBACK_PATH = '/api/v1/reader/oauth/callback';
/** The browser binding: set by start, needed by the callback (an attempt finishes where it began). */
const BINDING_COOKIE = 'afterword_oauth';
const BINDING = /^[A-Za-z0-9_-]{43}$/;
const bindingOf = (c: Context) => {
  const v = getCookie(c, BINDING_COOKIE);
  return v && BINDING.test(v) ? v : undefined;
};

function page(c: Context, message: SigninMessage, origin: string | undefined, status: ContentfulStatusCode) {
  const { html, headers } = popupPage(message, origin);
  return c.body(html, status, headers);
}

/** A failure as the popup page (posted to the origin when one is known), anything else thrown on. */
function failed(c: Context, err: unknown) {
  if (!(err instanceof OAuthFailure)) throw err;
  return page(c, { type: SIGNIN_MESSAGE, error: err.code }, err.origin, err.status);
}

export function readerOAuthRoutes(deps: Deps) {
  const { store, config } = deps;
  const env = { ...readerEnv(deps), config };

  return new Hono()
    .get('/start', readerOAuthDocs.start, validate('query', OAuthStartQuery), async (c) => {
      const q = c.req.valid('query');
      try {
        const site = await store.sites.get(q.site);
        if (!site) throw new OAuthFailure(404, 'site_not_found', `no site "${q.site}"`);
        const origin = allowedOrigin(site, q.origin);
        const client = keyedHash(config.secret, 'ip', clientKey(deps.clientIp(c)));
        const hit = await store.rates.hit(`oauth-ip#${client}`, START_LIMITS.windowSec, deps.now().getTime());
        if (hit.count > START_LIMITS.perClient) {
          c.header('Retry-After', String(hit.retryAfterSec));
          throw new OAuthFailure(429, 'rate_limited', 'too many sign-ins; try again later', origin);
        }
        const redirectUri = `${ownOrigin(c, config.publicUrl)}${CALLBACK_PATH}`;
        const binding = bindingOf(c) ?? randomBytes(32).toString('base64url');
        const to = await beginSignIn(
          env,
          site,
          q.provider,
          origin,
          redirectUri,
          stateHash(binding),
          q.handoff,
        );
        setCookie(c, BINDING_COOKIE, binding, {
          httpOnly: true,
          sameSite: 'Lax',
          path: '/api/v1/reader/oauth',
          secure: isHttps(c, config.publicUrl),
          maxAge: ATTEMPT_TTL_SEC,
        });
        c.header('Cache-Control', 'no-store');
        c.header('Referrer-Policy', 'no-referrer');
        return c.redirect(to.href, 302);
      } catch (err) {
        return failed(c, err);
      }
    })

    .get('/callback', readerOAuthDocs.callback, validate('query', OAuthCallbackQuery), async (c) => {
      try {
        const binding = bindingOf(c);
        const params = { ...c.req.valid('query'), binding: binding && stateHash(binding) };
        const { session, origin } = await finishSignIn(env, params);
        return page(c, { type: SIGNIN_MESSAGE, session }, origin, 200);
      } catch (err) {
        return failed(c, err);
      }
    })

    .post('/handoff', readerOAuthDocs.handoff, validate('json', OAuthHandoffBody), async (c) => {
      const { site: id, secret } = c.req.valid('json');
      const site = await requireSite(deps, id);
      grantOrigin(c, site);
      c.header('Cache-Control', 'no-store');
      const client = keyedHash(config.secret, 'ip', clientKey(deps.clientIp(c)));
      const hit = await store.rates.hit(
        `handoff-ip#${client}`,
        HANDOFF_LIMITS.windowSec,
        deps.now().getTime(),
      );
      if (hit.count > HANDOFF_LIMITS.perClient)
        throw new ApiError(429, 'rate_limited', 'too many sign-in checks; try again later', undefined, {
          'Retry-After': String(hit.retryAfterSec),
        });
      const outcome = await takeOutcome(env, site.id, secret);
      if (!outcome) return c.body(null, 204);
      if ('error' in outcome) throw new ApiError(403, outcome.error, 'the sign-in did not work');
      return c.json(outcome.session);
    });
}
