/** Small lookups shared by the public route groups; each turns a miss into the right ApiError. */

import type { Context } from 'hono';
import type { Deps } from '../deps.js';
import type { ClientFacts, CommentEnv } from '../domain/comment/create.js';
import { normalizePage } from '../domain/page-path.js';
import { editToken, safeEqual } from '../domain/tokens.js';
import { ApiError } from '../errors.js';
import { grantOrigin } from '../middleware/cors.js';
import type { CommentItem, SiteItem } from '../store/items.js';

export async function requireSite(deps: Deps, id: string): Promise<SiteItem> {
  const site = await deps.store.sites.get(id);
  if (!site) throw new ApiError(404, 'site_not_found', `no site "${id}"`, { site: id });
  return site;
}

export function requirePage(raw: string): string {
  const page = normalizePage(raw);
  if (!page)
    throw new ApiError(400, 'invalid_page', 'page must be a path or an http(s) URL', { fields: ['page'] });
  return page;
}

export async function requireComment(deps: Deps, id: string): Promise<CommentItem> {
  const comment = await deps.store.comments.read(id);
  if (!comment) throw new ApiError(404, 'comment_not_found', `no comment "${id}"`);
  return comment;
}

/** A comment, its site and the CORS grant of the request's origin: what every route on one comment needs first. */
export async function commentForOrigin(
  deps: Deps,
  c: Context,
  id: string,
): Promise<{ comment: CommentItem; site: SiteItem }> {
  const comment = await requireComment(deps, id);
  const site = await requireSite(deps, comment.site);
  grantOrigin(c, site);
  return { comment, site };
}

/** The edit token proves the caller wrote the comment (403 otherwise). */
export function checkAuthor(deps: Deps, comment: CommentItem, token: string | undefined): void {
  if (!token || !safeEqual(token, editToken(deps.config.secret, comment.id, comment.createdAt))) {
    throw new ApiError(403, 'edit_token_invalid', 'the edit token does not match this comment');
  }
}

/** What the comment service needs of the app: storage, the secret, Akismet's endpoint, the clock. */
export function commentEnv(deps: Deps): CommentEnv {
  return {
    store: deps.store,
    secret: deps.config.secret,
    akismetUrl: deps.config.akismetUrl,
    contentCheck: deps.config.contentCheck,
    now: deps.now,
  };
}

/** The client as the platform saw it, for the spam guard. */
export function clientFacts(deps: Deps, c: Context): ClientFacts {
  return { ip: deps.clientIp(c), userAgent: c.req.header('user-agent') ?? '' };
}
