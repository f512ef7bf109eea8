/** The hot public GETs of comments: a thread's page (sorts, cursor, ETag) and a compose token for a reader who starts writing. */
import { Hono } from 'hono';
import { pageSize } from '../contract/limits.js';
import type { Deps } from '../deps.js';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import { publicComment, publicPage, publicSettings } from '../domain/present.js';
import { composeToken } from '../domain/spam.js';
import { ApiError } from '../errors.js';
import { grantOrigin } from '../middleware/cors.js';
import { isCommentSk } from '../store/keys.js';
import type { Sort } from '../store/threads.js';
import { isTopCursor } from '../store/top.js';
import { type HotEdge, LEAN_EDGE } from './edge.js';
import { requirePage, requireSite } from './helpers.js';

/**
 * A CDN may keep a thread for 5 s; browsers always revalidate with the ETag (a cheap 304), so a reader
 * never sees a thread without the comment they just posted. No stale-while-revalidate: browsers honour it too.
 */
export const THREAD_CACHE_CONTROL = 'public, max-age=0, s-maxage=5, must-revalidate';

function etagOf(version: number, sort: string, limit: number, cursor: string): string {
  return `"v${version}-${sort}-${limit}-${cursor.length > 0 ? cursor.slice(-16) : '0'}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/** `GET /compose`: a fresh token, asked for when a reader starts writing (a thread file carries none). */
export function composeRoutes(deps: Deps, edge: HotEdge = LEAN_EDGE) {
  return new Hono().get('/', edge.compose.docs, edge.compose.query, async (c) => {
    const q = c.req.valid('query');
    const site = await requireSite(deps, q.site);
    grantOrigin(c, site);
    const page = requirePage(q.page);
    // Each token carries its own issue time: no cache may hand one reader's token to another.
    c.header('Cache-Control', 'private, no-store');
    return c.json({ composeToken: composeToken(deps.config.secret, site.id, page, deps.now().getTime()) });
  });
}

/** `GET /comments`: a page of a thread. */
export function threadRoutes(deps: Deps, edge: HotEdge = LEAN_EDGE) {
  const { store, config } = deps;
  return new Hono().get('/', edge.thread.docs, edge.thread.query, async (c) => {
    const q = c.req.valid('query');
    const site = await requireSite(deps, q.site);
    grantOrigin(c, site);
    const page = requirePage(q.page);
    const sort: Sort = q.sort ?? 'oldest';
    const limit = pageSize('thread', q.limit);
    const rawCursor = q.cursor ?? '';
    let cursor: string | undefined;
    if (rawCursor) {
      const decoded = decodeCursor(rawCursor);
      const value = decoded?.k;
      // A cursor is a position we handed out: a place in the top passes, or a comment's sort key.
      const ok = decoded?.s === sort && (sort === 'top' ? isTopCursor(value) : isCommentSk(value));
      if (!ok || typeof value !== 'string') {
        throw new ApiError(400, 'invalid_cursor', 'the cursor is not valid for this thread and sort');
      }
      cursor = value;
    }
    c.header('Cache-Control', THREAD_CACHE_CONTROL);
    if (c.req.header('if-none-match')) {
      const version = (await store.threads.version(site.id, page)) ?? 0;
      const etag = etagOf(version, sort, limit, rawCursor);
      if (matches(c.req.header('if-none-match'), etag)) {
        c.header('ETag', etag);
        return c.body(null, 304);
      }
    }
    const result = await store.threads.list(site.id, page, sort, limit, cursor);
    c.header('ETag', etagOf(result.page?.version ?? 0, sort, limit, rawCursor));
    return c.json({
      page: publicPage(site, page, result.page),
      settings: publicSettings(site),
      comments: result.comments.map(publicComment),
      nextCursor: result.next === undefined ? null : encodeCursor({ s: sort, k: result.next }),
      composeToken: composeToken(config.secret, site.id, page, deps.now().getTime()),
    });
  });
}
