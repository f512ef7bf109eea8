/** OpenAPI of readers' GitHub and OpenID Connect sign-in: a redirect, then the popup's closing page. */
import { describeRoute } from 'hono-openapi';
import { op, schemaRef } from './describe.js';

/** An answer that is the popup page, or (for a query the schema refuses) the JSON error envelope. */
const pageOr = (description: string) => ({
  description,
  content: {
    'text/html': { schema: schemaRef('HtmlPage') },
    'application/json': { schema: schemaRef('ErrorBody') },
  },
});
const html = (description: string) => ({
  description,
  content: { 'text/html': { schema: schemaRef('HtmlPage') } },
});
const storage = { $ref: '#/components/responses/Error503' };
const bug = { $ref: '#/components/responses/Error500' };

export const readerOAuthDocs = {
  start: describeRoute({
    summary: 'Begin a reader’s GitHub or OpenID Connect sign-in (opened in a popup)',
    description:
      'Stores a pending attempt (PKCE S256 verifier, nonce, `origin`; used once, for 10 minutes) under the ' +
      'hash of a random `state`, sets the browser binding cookie `afterword_oauth` (HttpOnly, SameSite=Lax; ' +
      'the callback needs it) and redirects to the provider. `origin` must be one of the site’s origins. ' +
      'A refusal is a page that posts `{type: "afterword-signin", error}` to `window.opener` at that origin ' +
      '(when it is allowed). Throttled per client.',
    tags: ['readers'],
    responses: {
      302: { description: 'to the provider’s authorization endpoint (`Location`)' },
      400: pageOr('invalid query (JSON), or `origin_not_allowed` (page)'),
      403: html('`signin_method_off`: the site offers no such provider'),
      404: html('`site_not_found`'),
      429: html('`rate_limited` (`Retry-After`)'),
      502: html('`oauth_failed`: the provider could not be reached'),
      500: bug,
      503: storage,
    },
  }),
  callback: describeRoute({
    summary: 'Where the provider sends the reader back: finishes the sign-in',
    description:
      'Takes the attempt of `state` once (refused without the binding cookie of the browser that began it), ' +
      'exchanges `code` with its PKCE verifier and validates the answer ' +
      '(OpenID Connect: the ID token’s issuer, audience and nonce; GitHub: `/user` and `/user/emails`). ' +
      'Answers a page (strict CSP, `no-store`, no Referer) that posts `{type: "afterword-signin", session}` — ' +
      'or `{type, error}` — to `window.opener` at exactly the attempt’s origin and closes. An unknown, used ' +
      'or expired state (`oauth_state_invalid`) posts nothing.',
    tags: ['readers'],
    responses: {
      200: html('signed in: the page posts the session'),
      400: pageOr('invalid query (JSON), or `oauth_state_invalid` (page)'),
      403: html('`oauth_denied`, `oauth_failed` or `signin_method_off` (page)'),
      404: html('`site_not_found`: the site is gone'),
      502: html('`oauth_failed`: the provider could not be reached'),
      500: bug,
      503: storage,
    },
  }),
  handoff: op({
    tag: 'readers',
    summary: 'The outcome of a sign-in started with `handoff`, for a popup that could not post it',
    description:
      '`secret` is the widget’s random secret whose SHA-256 (base64url) it gave as `handoff`: 204 while the ' +
      'sign-in is not finished, then once the session (200) or its error code (403); kept 10 minutes.',
    ok: { 200: 'ReaderSession', 204: null },
    errors: [400, 403, 404],
  }),
};

/** An admin provider route: a moderator session, the site's providers as the answer. */
const providerOp = (summary: string, description?: string) =>
  op({
    tag: 'admin',
    summary,
    ...(description ? { description } : {}),
    auth: 'session',
    ok: { 200: 'ReaderProviders' },
    errors: [400, 401, 403, 404],
  });

/** The admin API's provider routes (owners change them; a moderator of the site may read them). */
export const adminProviderDocs = {
  list: providerOp('A site’s GitHub and OpenID Connect sign-in providers (secrets shown only as secretSet)'),
  put: providerOp(
    'Add or change a sign-in provider (owners)',
    'A new provider needs `clientSecret`; left out, a known provider keeps its secret. The secret is stored ' +
      'sealed apart from the site and never answered. An OpenID Connect issuer must be an https URL.',
  ),
  remove: providerOp('Remove a sign-in provider and its secret (owners)'),
};
