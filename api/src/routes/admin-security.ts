/**
 * A moderator's own sessions (list, revoke) and passkeys (register, list, remove); a site's passkey rule;
 * an owner ending every session of a moderator of their site. Needs the session middleware in front.
 */
import { Hono } from 'hono';
import { AdminSiteParam } from '../contract/requests.js';
import {
  PasskeyParam,
  PasskeyRegister,
  SessionParam,
  SiteModeratorParam,
  SiteSecurityBody,
} from '../contract/signin.js';
import type { Deps } from '../deps.js';
import { newNonce } from '../domain/admin-link.js';
import { CHALLENGE_TTL_SEC, registrationOptions, verifyRegistration } from '../domain/passkeys.js';
import { normalizeEmail } from '../domain/tokens.js';
import { ApiError } from '../errors.js';
import { assertRole, type SessionEnv } from '../middleware/session.js';
import { validate } from '../middleware/validate.js';
import { adminSecurityDocs } from '../openapi/operations.js';
import type { Passkey } from '../store/passkeys.js';
import { adminRp } from './admin-auth.js';
import { logAction } from './admin-log.js';

const shown = (p: Passkey) => ({
  id: p.credentialId,
  name: p.name,
  createdAt: p.createdAt,
  lastUsedAt: p.lastUsedAt ?? null,
  transports: p.transports,
});

export function adminSecurityRoutes(deps: Deps) {
  const { store } = deps;
  const nowSec = () => Math.floor(deps.now().getTime() / 1000);
  const passkeys = async (email: string) => ({ passkeys: (await store.passkeys.list(email)).map(shown) });

  return new Hono<SessionEnv>()
    .get('/me/sessions', adminSecurityDocs.sessions, async (c) => {
      const s = c.get('session');
      const list = await store.sessions.list(s.moderator, deps.now());
      return c.json({
        sessions: list.map(({ expiresAt: _e, ...e }) => ({ ...e, current: e.ref === s.sessionRef })),
      });
    })
    .delete(
      '/me/sessions/:ref',
      adminSecurityDocs.revokeSession,
      validate('param', SessionParam),
      async (c) => {
        if (!(await store.sessions.revoke(c.get('session').email, c.req.valid('param').ref)))
          throw new ApiError(404, 'not_found', 'you have no such session');
        return c.json({ ok: true as const });
      },
    )
    .get('/me/passkeys', adminSecurityDocs.passkeys, async (c) =>
      c.json(await passkeys(c.get('session').email)),
    )
    .post('/me/passkeys/options', adminSecurityDocs.passkeyOptions, async (c) => {
      const s = c.get('session');
      const existing = await store.passkeys.list(s.email);
      const options = await registrationOptions(adminRp(c, deps), s, existing);
      const attempt = newNonce();
      await store.passkeys.putChallenge(attempt, {
        challenge: options.challenge,
        purpose: 'register',
        email: s.email,
        expiresAt: nowSec() + CHALLENGE_TTL_SEC,
      });
      return c.json({ attempt, options });
    })
    .post('/me/passkeys', adminSecurityDocs.register, validate('json', PasskeyRegister), async (c) => {
      const s = c.get('session');
      const { attempt, response, name } = c.req.valid('json');
      const challenge = await store.passkeys.takeChallenge(attempt, 'register', nowSec());
      // The challenge was handed to this moderator: another's session cannot finish their registration.
      const credential =
        challenge && challenge.email === s.email
          ? await verifyRegistration(adminRp(c, deps), response, challenge.challenge)
          : undefined;
      if (!credential) throw new ApiError(400, 'passkey_failed', 'the passkey could not be registered');
      const at = deps.now().toISOString();
      const added = await store.passkeys.add({
        ...credential,
        email: s.email,
        name: name?.trim() || `Passkey ${at.slice(0, 10)}`,
        createdAt: at,
        accountCreatedAt: s.moderator.createdAt,
      });
      if (!added) throw new ApiError(409, 'conflict', 'this passkey is registered already');
      return c.json(await passkeys(s.email), 201);
    })
    .delete(
      '/me/passkeys/:id',
      adminSecurityDocs.removePasskey,
      validate('param', PasskeyParam),
      async (c) => {
        const s = c.get('session');
        if (!(await store.passkeys.remove(s.email, c.req.valid('param').id)))
          throw new ApiError(404, 'not_found', 'you have no such passkey');
        return c.json(await passkeys(s.email));
      },
    )
    .get(
      '/sites/:site/security',
      adminSecurityDocs.security,
      validate('param', AdminSiteParam),
      async (c) => {
        const { site } = c.req.valid('param');
        assertRole(c.get('session'), site);
        return c.json(await store.siteSecurity.get(site));
      },
    )
    .put(
      '/sites/:site/security',
      adminSecurityDocs.setSecurity,
      validate('param', AdminSiteParam),
      validate('json', SiteSecurityBody),
      async (c) => {
        const { site } = c.req.valid('param');
        const s = c.get('session');
        assertRole(s, site, 'owner');
        const rules = c.req.valid('json');
        // An owner without a passkey would lock themselves out with their next sign-in.
        if (rules.requirePasskey && (await store.passkeys.list(s.email)).length === 0)
          throw new ApiError(403, 'passkey_required', 'register a passkey of your own before requiring one');
        await store.siteSecurity.set(site, rules, s.email, deps.now().toISOString());
        await logAction(
          deps,
          s,
          site,
          'security',
          undefined,
          `require passkey: ${rules.requirePasskey ? 'on' : 'off'}`,
        );
        return c.json(rules);
      },
    )
    .delete(
      '/sites/:site/moderators/:email/sessions',
      adminSecurityDocs.endSessions,
      validate('param', SiteModeratorParam),
      async (c) => {
        const { site, email: raw } = c.req.valid('param');
        const s = c.get('session');
        assertRole(s, site, 'owner');
        const email = normalizeEmail(raw);
        const serves = (await store.moderators.memberships(email)).some((m) => m.site === site);
        if (!serves || !(await store.moderators.endSessions(email)))
          throw new ApiError(404, 'not_found', `no moderator of "${site}" has this address`);
        await logAction(deps, s, site, 'sessions:ended', email);
        return c.json({ ok: true as const });
      },
    );
}
