/**
 * Reactions (loaded on the first one): `PUT`/`DELETE /comments/:id/reactions/:emoji` on a comment, and
 * `PUT`/`DELETE /reactions/:emoji?site&page` on the page itself.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { READER_HEADER } from '../contract/reader-names.js';
import { PageReactionParam, PageReactionQuery, ReactionParam, ReaderHeader } from '../contract/requests.js';
import type { Deps } from '../deps.js';
import { offered, type ReactionEnv, react, reactable, readerFrom, sessionAsk } from '../domain/reactions.js';
import { ApiError } from '../errors.js';
import { grantOrigin } from '../middleware/cors.js';
import { validate } from '../middleware/validate.js';
import { reactionDocs } from '../openapi/reactions.js';
import { requirePage, requireSite } from './helpers.js';

const env = (deps: Deps): ReactionEnv => ({ store: deps.store, secret: deps.config.secret, now: deps.now });

/** Mounted at `/comments/:id/reactions`. */
export function commentReactionRoutes(deps: Deps) {
  /** Reads the comment and the session in two calls, then writes in one (store/reactions.ts). */
  const handle = async (c: Context, p: { id: string; emoji: string }, on: boolean) => {
    const e = env(deps);
    const found = await deps.store.reactions.comment(p.id, sessionAsk(e, c.req.header(READER_HEADER)));
    if (!found.comment) throw new ApiError(404, 'comment_not_found', 'no such comment to react to');
    const site = await requireSite(deps, found.comment.site);
    grantOrigin(c, site);
    offered(site, 'comments', p.emoji);
    const target = { kind: 'comment' as const, comment: reactable(found.comment) };
    const reader = readerFrom(found.reader);
    c.header('Cache-Control', 'no-store');
    return c.json(await react(e, { site, target, emoji: p.emoji, on, reader, ip: deps.clientIp(c) }));
  };
  return new Hono()
    .put(
      '/:emoji',
      reactionDocs.commentOn,
      validate('param', ReactionParam),
      validate('header', ReaderHeader),
      (c) => handle(c, c.req.valid('param'), true),
    )
    .delete(
      '/:emoji',
      reactionDocs.commentOff,
      validate('param', ReactionParam),
      validate('header', ReaderHeader),
      (c) => handle(c, c.req.valid('param'), false),
    );
}

/** Mounted at `/reactions`. */
export function pageReactionRoutes(deps: Deps) {
  /** The site (cached), then the page's meta and the session in one call (two signed in), then the write. */
  const handle = async (c: Context, emoji: string, q: { site: string; page: string }, on: boolean) => {
    const e = env(deps);
    const site = await requireSite(deps, q.site);
    grantOrigin(c, site);
    const page = requirePage(q.page);
    offered(site, 'page', emoji);
    const found = await deps.store.reactions.page(site.id, page, sessionAsk(e, c.req.header(READER_HEADER)));
    const reader = readerFrom(found.reader);
    if (found.item?.locked) throw new ApiError(403, 'thread_locked', 'this thread is locked');
    const target = { kind: 'page' as const, site: site.id, page, item: found.item };
    c.header('Cache-Control', 'no-store');
    return c.json(await react(e, { site, target, emoji, on, reader, ip: deps.clientIp(c) }));
  };
  return new Hono()
    .put(
      '/:emoji',
      reactionDocs.pageOn,
      validate('param', PageReactionParam),
      validate('query', PageReactionQuery),
      validate('header', ReaderHeader),
      (c) => handle(c, c.req.valid('param').emoji, c.req.valid('query'), true),
    )
    .delete(
      '/:emoji',
      reactionDocs.pageOff,
      validate('param', PageReactionParam),
      validate('query', PageReactionQuery),
      validate('header', ReaderHeader),
      (c) => handle(c, c.req.valid('param').emoji, c.req.valid('query'), false),
    );
}
