/** Admin login, logout and "who am I": sessions as HttpOnly SameSite=Strict cookies, throttled logins. */
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { AdminLogin } from '../contract/requests.js';
import type { Deps } from '../deps.js';
import {
  csrfToken,
  isHttps,
  LOGIN_LIMITS,
  SESSION_COOKIE,
  SESSION_PATH,
  SESSION_TTL_SEC,
} from '../domain/auth.js';
import { clientKey } from '../domain/client.js';
import { DUMMY_HASH, verifyPassword } from '../domain/password.js';
import { keyedHash, normalizeEmail } from '../domain/tokens.js';
import { ApiError } from '../errors.js';
import { checkOrigin, type ModeratorSession, type SessionEnv } from '../middleware/session.js';
import { validate } from '../middleware/validate.js';
import { adminAuthDocs } from '../openapi/operations.js';
import type { MembershipItem } from '../store/items.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sitesOf(deps: Deps, memberships: Array<Pick<MembershipItem, 'site' | 'role'>>) {
  const sites = await Promise.all(memberships.map((m) => deps.store.sites.get(m.site)));
  return memberships.map((m, i) => ({ site: m.site, role: m.role, name: sites[i]?.name ?? m.site }));
}

export function adminLoginRoutes(deps: Deps) {
  const { store, config } = deps;
  return new Hono().post('/login', adminAuthDocs.login, validate('json', AdminLogin), async (c) => {
    checkOrigin(c, config.publicUrl);
    const { email: raw, password } = c.req.valid('json');
    const email = normalizeEmail(raw);
    const now = deps.now().getTime();
    // Failed attempts count per client (an IPv6 /64 is one client), refused past the limit, and per
    // account, where they slow the answer down instead: a flood cannot lock the owner out. Each attempt
    // takes its place in the client's count before the password is checked (attempts sent all at once
    // cannot all pass a count read first), and gives it back unless it failed: a successful login, or
    // one refused, counts nowhere.
    const ipHash = keyedHash(config.secret, 'ip', clientKey(deps.clientIp(c)));
    const clientCounter = `login-ip#${ipHash}`;
    const client = await store.rates.hit(clientCounter, LOGIN_LIMITS.windowSec, now);
    const giveBack = () => store.rates.hit(clientCounter, LOGIN_LIMITS.windowSec, now, -1);
    if (client.count > LOGIN_LIMITS.perClient) {
      await giveBack();
      throw new ApiError(
        429,
        'rate_limited',
        'too many login attempts; try again later',
        { retryAfterSec: client.retryAfterSec },
        { 'Retry-After': String(client.retryAfterSec) },
      );
    }
    const account = `login-acct#${keyedHash(config.secret, 'email', email)}`;
    const moderator = await store.moderators.get(email);
    const ok = await verifyPassword(password, moderator?.passwordHash ?? DUMMY_HASH);
    if (!moderator || !ok) {
      const failures = await store.rates.hit(account, LOGIN_LIMITS.windowSec, now);
      if (failures.count > LOGIN_LIMITS.perAccount) await sleep(LOGIN_LIMITS.slowDownMs);
      throw new ApiError(401, 'unauthorized', 'wrong email or password');
    }
    await giveBack();
    const { id } = await store.sessions.create(email, deps.now(), SESSION_TTL_SEC, moderator);
    setCookie(c, SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'Strict',
      path: SESSION_PATH,
      secure: isHttps(c, config.publicUrl),
      maxAge: SESSION_TTL_SEC,
    });
    c.header('Cache-Control', 'no-store');
    return c.json({
      moderator: { email: moderator.email, name: moderator.name },
      sites: await sitesOf(deps, await store.moderators.memberships(email)),
      csrfToken: csrfToken(config.secret, id),
    });
  });
}

/** Needs the session middleware in front (admin.ts). */
export function adminSessionRoutes(deps: Deps) {
  const me = async (s: ModeratorSession) => ({
    moderator: { email: s.email, name: s.name },
    sites: await sitesOf(
      deps,
      [...s.roles].map(([site, role]) => ({ site, role })),
    ),
    csrfToken: s.csrf,
  });
  return new Hono<SessionEnv>()
    .get('/me', adminAuthDocs.me, async (c) => c.json(await me(c.get('session'))))
    .post('/logout', adminAuthDocs.logout, async (c) => {
      await deps.store.sessions.end(c.get('session').sessionId);
      deleteCookie(c, SESSION_COOKIE, { path: SESSION_PATH });
      return c.json({ ok: true });
    });
}
