/**
 * Moderator sessions for `/api/v1/admin`: the cookie, the Origin check and the CSRF token on every
 * state-changing call, and role checks per site. Reusable by any admin route group.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Deps } from '../deps.js';
import { CSRF_HEADER, csrfToken, ownOrigin, SESSION_COOKIE } from '../domain/auth.js';
import { safeEqual } from '../domain/tokens.js';
import { ApiError } from '../errors.js';
import type { ModeratorItem, Role } from '../store/items.js';
import { sessionCurrent } from '../store/sessions.js';

export interface ModeratorSession {
  email: string;
  name: string;
  /** Site id → role, for every site this moderator serves. */
  roles: Map<string, Role>;
  sessionId: string;
  /** The ref of the session in its moderator's list (absent on sessions from before the list). */
  sessionRef?: string;
  csrf: string;
  moderator: ModeratorItem;
}

export type SessionEnv = { Variables: { session: ModeratorSession } };

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses cross-origin requests: a foreign `Origin` (or `Sec-Fetch-Site: cross-site`) is 403 on any
 * method; a state-changing call must carry an Origin equal to the API's own.
 */
export function checkOrigin(c: Context, publicUrl: string | undefined): void {
  const origin = c.req.header('origin');
  const own = ownOrigin(c, publicUrl);
  if (c.req.header('sec-fetch-site') === 'cross-site')
    throw new ApiError(403, 'csrf_failed', 'cross-site requests are not allowed here');
  if (origin !== undefined && origin !== own)
    throw new ApiError(403, 'csrf_failed', `origin ${origin} may not call the admin API`);
  if (!SAFE.has(c.req.method) && origin === undefined)
    throw new ApiError(403, 'csrf_failed', 'state-changing admin calls need an Origin header');
}

export interface SessionOptions {
  deps: Deps;
}

/** Needs a live session (401 otherwise); on writes also the Origin and the session's CSRF token (403). */
export function requireModerator(options: SessionOptions): MiddlewareHandler<SessionEnv> {
  const { deps } = options;
  return async function moderatorSession(c, next) {
    checkOrigin(c, deps.config.publicUrl);
    const id = getCookie(c, SESSION_COOKIE);
    const session = id && id.length <= 100 ? await deps.store.sessions.get(id, deps.now()) : undefined;
    if (!id || !session) throw new ApiError(401, 'unauthorized', 'log in first');
    const csrf = csrfToken(deps.config.secret, id);
    if (!SAFE.has(c.req.method) && !safeEqual(c.req.header(CSRF_HEADER) ?? '', csrf))
      throw new ApiError(403, 'csrf_failed', 'the CSRF token is missing or wrong');
    const [moderator, memberships] = await Promise.all([
      deps.store.moderators.get(session.email),
      deps.store.moderators.memberships(session.email),
    ]);
    // A password set or a removal since the session began gave the account a new epoch: log in again.
    if (!moderator || !sessionCurrent(session, moderator))
      throw new ApiError(401, 'unauthorized', 'log in first');
    c.set('session', {
      email: moderator.email,
      name: moderator.name,
      roles: new Map(memberships.map((m) => [m.site, m.role])),
      sessionId: id,
      ...(session.ref ? { sessionRef: session.ref } : {}),
      csrf,
      moderator,
    });
    await deps.store.sessions.touch(session, deps.now());
    c.header('Cache-Control', 'no-store');
    await next();
  };
}

/** Throws 403 unless the session's moderator serves `site` (as owner when `need` is owner). */
export function assertRole(session: ModeratorSession, site: string, need: Role = 'moderator'): Role {
  const role = session.roles.get(site);
  if (!role) throw new ApiError(403, 'forbidden', `you do not moderate site "${site}"`);
  if (need === 'owner' && role !== 'owner')
    throw new ApiError(403, 'forbidden', `only an owner of "${site}" may do this`);
  return role;
}
