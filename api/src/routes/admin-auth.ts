/**
 * Admin sign-in (password, email link, passkey), logout and "who am I": sessions as HttpOnly
 * SameSite=Strict cookies, every attempt throttled per client.
 */
import { type Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { AdminLogin } from '../contract/requests.js';
import { AdminLinkRequest, AdminLinkUse, PasskeyAnswer } from '../contract/signin.js';
import type { Deps } from '../deps.js';
import { ADMIN_LINK_TTL_SEC, LINK_LIMITS, linkToken, newNonce, tokenHash } from '../domain/admin-link.js';
import {
  csrfToken,
  isHttps,
  LOGIN_LIMITS,
  ownOrigin,
  SESSION_COOKIE,
  SESSION_PATH,
  SESSION_TTL_SEC,
} from '../domain/auth.js';
import { clientKey } from '../domain/client.js';
import {
  answerCredentialId,
  authenticationOptions,
  CHALLENGE_TTL_SEC,
  relyingParty,
  verifyAuthentication,
} from '../domain/passkeys.js';
import { DUMMY_HASH, verifyPassword } from '../domain/password.js';
import { keyedHash, normalizeEmail } from '../domain/tokens.js';
import { agentSummary } from '../domain/user-agent.js';
import { ApiError } from '../errors.js';
import { checkOrigin, type ModeratorSession, type SessionEnv } from '../middleware/session.js';
import { validate } from '../middleware/validate.js';
import { adminAuthDocs } from '../openapi/operations.js';
import type { MembershipItem, ModeratorItem } from '../store/items.js';
import type { SignInMethod } from '../store/sessions.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sitesOf(deps: Deps, memberships: Array<Pick<MembershipItem, 'site' | 'role'>>) {
  const sites = await Promise.all(memberships.map((m) => deps.store.sites.get(m.site)));
  return memberships.map((m, i) => ({ site: m.site, role: m.role, name: sites[i]?.name ?? m.site }));
}

const tooMany = (retryAfterSec: number, what: string) =>
  new ApiError(
    429,
    'rate_limited',
    `too many ${what}; try again later`,
    { retryAfterSec },
    { 'Retry-After': String(retryAfterSec) },
  );

/**
 * The relying party of the admin page: it is served by the API, so its origin is the API's own, decided
 * as the session cookie's Secure flag is (the configured public URL, else the request's).
 */
export const adminRp = (c: Context, deps: Deps) => relyingParty(ownOrigin(c, deps.config.publicUrl));

/** True when a site the moderator serves requires a passkey (a session covers all their sites). */
export async function passkeyRequired(deps: Deps, email: string): Promise<boolean> {
  const memberships = await deps.store.moderators.memberships(email);
  const rules = await deps.store.siteSecurity.many(memberships.map((m) => m.site));
  return [...rules.values()].some((r) => r.requirePasskey);
}

export function adminLoginRoutes(deps: Deps) {
  const { store, config } = deps;
  const ipHash = (c: Context) => keyedHash(config.secret, 'ip', clientKey(deps.clientIp(c)));

  /**
   * Failed attempts count per client (an IPv6 /64 is one client), refused past the limit. Each attempt
   * takes its place in the client's count before it is checked (attempts sent all at once cannot all
   * pass a count read first); `giveBack` returns it when it did not fail.
   */
  async function clientAttempt(c: Context) {
    const now = deps.now().getTime();
    const counter = `login-ip#${ipHash(c)}`;
    const client = await store.rates.hit(counter, LOGIN_LIMITS.windowSec, now);
    const giveBack = () => store.rates.hit(counter, LOGIN_LIMITS.windowSec, now, -1);
    if (client.count > LOGIN_LIMITS.perClient) {
      await giveBack();
      throw tooMany(client.retryAfterSec, 'login attempts');
    }
    return giveBack;
  }

  /** Sets the session cookie of a moderator just signed in and answers as `/me` does. */
  async function startSession(c: Context, moderator: ModeratorItem, method: SignInMethod) {
    const { id } = await store.sessions.create(moderator.email, deps.now(), SESSION_TTL_SEC, moderator, {
      method,
      agent: agentSummary(c.req.header('user-agent')?.slice(0, 500)),
    });
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
      sites: await sitesOf(deps, await store.moderators.memberships(moderator.email)),
      csrfToken: csrfToken(config.secret, id),
    });
  }

  const refusePasswordless = () =>
    new ApiError(403, 'passkey_required', 'a site you moderate requires a passkey: sign in with it');

  return new Hono()
    .post('/login', adminAuthDocs.login, validate('json', AdminLogin), async (c) => {
      checkOrigin(c, config.publicUrl);
      const { email: raw, password } = c.req.valid('json');
      const email = normalizeEmail(raw);
      // Per account, failures slow the answer down instead: a flood cannot lock the owner out. A
      // successful login, or one refused, counts nowhere.
      const giveBack = await clientAttempt(c);
      const account = `login-acct#${keyedHash(config.secret, 'email', email)}`;
      const moderator = await store.moderators.get(email);
      const ok = await verifyPassword(password, moderator?.passwordHash ?? DUMMY_HASH);
      if (!moderator || !ok) {
        const failures = await store.rates.hit(account, LOGIN_LIMITS.windowSec, deps.now().getTime());
        if (failures.count > LOGIN_LIMITS.perAccount) await sleep(LOGIN_LIMITS.slowDownMs);
        throw new ApiError(401, 'unauthorized', 'wrong email or password');
      }
      await giveBack();
      if (await passkeyRequired(deps, email)) throw refusePasswordless();
      return startSession(c, moderator, 'password');
    })
    .post('/login/link', adminAuthDocs.linkRequest, validate('json', AdminLinkRequest), async (c) => {
      checkOrigin(c, config.publicUrl);
      const email = normalizeEmail(c.req.valid('json').email);
      const now = deps.now();
      const client = await store.rates.hit(`link-ip#${ipHash(c)}`, LINK_LIMITS.windowSec, now.getTime());
      if (client.count > LINK_LIMITS.perClient) throw tooMany(client.retryAfterSec, 'sign-in links');
      // The same answer and the same work for every address: the link is written whether or not the
      // address is a moderator's (the notifier mails moderators only), and past the per-address limit
      // nothing is written, quietly.
      const address = `link-addr#${keyedHash(config.secret, 'email', email)}`;
      const sent = await store.rates.hit(address, LINK_LIMITS.windowSec, now.getTime());
      if (sent.count <= LINK_LIMITS.perAddress) {
        const nonce = newNonce();
        await store.adminLinks.put(tokenHash(linkToken(config.secret, nonce)), {
          email,
          nonce,
          createdAt: now.toISOString(),
          expiresAt: Math.floor(now.getTime() / 1000) + ADMIN_LINK_TTL_SEC,
        });
      }
      c.header('Cache-Control', 'no-store');
      return c.json({ ok: true as const }, 202);
    })
    .post('/login/link/use', adminAuthDocs.linkUse, validate('json', AdminLinkUse), async (c) => {
      checkOrigin(c, config.publicUrl);
      const giveBack = await clientAttempt(c);
      const nowSec = Math.floor(deps.now().getTime() / 1000);
      const email = await store.adminLinks.take(tokenHash(c.req.valid('json').token), nowSec);
      const moderator = email ? await store.moderators.get(email) : undefined;
      if (!moderator)
        throw new ApiError(401, 'signin_link_invalid', 'this sign-in link was used or has expired');
      await giveBack();
      if (await passkeyRequired(deps, moderator.email)) throw refusePasswordless();
      return startSession(c, moderator, 'link');
    })
    .post('/login/passkey/options', adminAuthDocs.passkeyOptions, async (c) => {
      checkOrigin(c, config.publicUrl);
      // Each asking writes a challenge: it counts as an attempt, given back by a sign-in that passes.
      await clientAttempt(c);
      const options = await authenticationOptions(adminRp(c, deps));
      const attempt = newNonce();
      await store.passkeys.putChallenge(attempt, {
        challenge: options.challenge,
        purpose: 'login',
        expiresAt: Math.floor(deps.now().getTime() / 1000) + CHALLENGE_TTL_SEC,
      });
      c.header('Cache-Control', 'no-store');
      return c.json({ attempt, options });
    })
    .post('/login/passkey', adminAuthDocs.passkeyLogin, validate('json', PasskeyAnswer), async (c) => {
      checkOrigin(c, config.publicUrl);
      const giveBack = await clientAttempt(c);
      const { attempt, response } = c.req.valid('json');
      const refused = () => new ApiError(401, 'passkey_failed', 'the passkey was not accepted');
      const challenge = await store.passkeys.takeChallenge(
        attempt,
        'login',
        Math.floor(deps.now().getTime() / 1000),
      );
      const credentialId = answerCredentialId(response);
      const passkey = challenge && credentialId ? await store.passkeys.byCredential(credentialId) : undefined;
      const moderator = passkey ? await store.moderators.get(passkey.email) : undefined;
      if (!challenge || !passkey || !moderator || moderator.createdAt !== passkey.accountCreatedAt)
        throw refused();
      const counter = await verifyAuthentication(adminRp(c, deps), response, challenge.challenge, passkey);
      if (counter === undefined) throw refused();
      // A counter that did not grow (authenticators that count) means a cloned key: refused.
      if (passkey.counter > 0 && counter <= passkey.counter) throw refused();
      if (!(await store.passkeys.used(passkey, counter, deps.now().toISOString()))) throw refused();
      await giveBack();
      return startSession(c, moderator, 'passkey');
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
