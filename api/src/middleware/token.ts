/** Bearer-token auth for the portability API: a live token of this site with the needed scope. */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';
import type { ApiTokenItem, TokenScope } from '../store/items.js';
import type { TokenStore } from '../store/tokens.js';

export interface TokenAuthOptions {
  tokens: TokenStore;
  secret: string;
  scope: TokenScope;
  /** Route parameter holding the site the token must belong to. */
  siteParam?: string;
}

export type TokenEnv = { Variables: { apiToken: ApiTokenItem } };

export function tokenAuth(options: TokenAuthOptions): MiddlewareHandler<TokenEnv> {
  const param = options.siteParam ?? 'site';
  return async function bearerToken(c, next) {
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) {
      throw new ApiError(
        401,
        'unauthorized',
        'an API token is needed: Authorization: Bearer <token>',
        undefined,
        {
          'WWW-Authenticate': 'Bearer realm="afterword"',
        },
      );
    }
    const token = await options.tokens.verify(options.secret, m[1]!);
    if (!token) {
      throw new ApiError(401, 'unauthorized', 'the API token is not valid or was revoked', undefined, {
        'WWW-Authenticate': 'Bearer realm="afterword", error="invalid_token"',
      });
    }
    if (token.site !== c.req.param(param) || token.scope !== options.scope) {
      throw new ApiError(403, 'forbidden', `this token does not grant ${options.scope} on this site`);
    }
    c.set('apiToken', token);
    await next();
  };
}
