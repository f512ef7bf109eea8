/**
 * Readers' passkeys (`/api/v1/reader/passkeys`): register (for the signed-in reader, or a new account) and
 * sign in, each as options then the authenticator's answer. The relying party is the blog page the request
 * comes from: its Origin must be one of the site's. Every attempt counts per client; a passing one is given back.
 */
import { type Context, Hono } from 'hono';
import { ReaderPasskeyAnswer, ReaderPasskeyBegin } from '../contract/reader-passkeys.js';
import type { Deps } from '../deps.js';
import { LOGIN_LIMITS } from '../domain/auth.js';
import { clientKey } from '../domain/client.js';
import { signInReader } from '../domain/reader.js';
import {
  beginRegistration,
  beginSignIn,
  finishRegistration,
  finishSignIn,
  type PasskeyEnv,
  readerRp,
} from '../domain/reader-passkeys.js';
import { keyedHash } from '../domain/tokens.js';
import { ApiError } from '../errors.js';
import { grantOrigin } from '../middleware/cors.js';
import { validate } from '../middleware/validate.js';
import { readerPasskeyDocs as docs } from '../openapi/operations.js';
import { requireSite } from './helpers.js';
import { assertSignIn, optionalReader, readerEnv } from './reader-helpers.js';

export function readerPasskeyRoutes(deps: Deps) {
  const { store, config } = deps;
  const env: PasskeyEnv = {
    passkeys: store.passkeys,
    readerPasskeys: store.readerPasskeys,
    now: deps.now,
    signIn: (site, identity, readerId) => signInReader(readerEnv(deps), site, identity, { readerId }),
  };

  /** The site, offering passkeys, asked from one of its origins: that origin's relying party. */
  async function relyingParty(c: Context, id: string) {
    const site = await requireSite(deps, id);
    grantOrigin(c, site);
    c.header('Cache-Control', 'private, no-store');
    assertSignIn(site, 'passkey');
    const rp = readerRp(site, c.req.header('origin'));
    if (!rp) throw new ApiError(403, 'origin_not_allowed', `passkeys are used from site ${id}'s own pages`);
    return { site, rp };
  }

  /** Takes the attempt's place in the client's count (429 past the limit); `giveBack` when it passed. */
  async function attempt(c: Context) {
    const now = deps.now().getTime();
    const counter = `rpasskey-ip#${keyedHash(config.secret, 'ip', clientKey(deps.clientIp(c)))}`;
    const hit = await store.rates.hit(counter, LOGIN_LIMITS.windowSec, now);
    const giveBack = () => store.rates.hit(counter, LOGIN_LIMITS.windowSec, now, -1);
    if (hit.count > LOGIN_LIMITS.perClient) {
      await giveBack();
      throw new ApiError(
        429,
        'rate_limited',
        'too many passkey attempts; try again later',
        { retryAfterSec: hit.retryAfterSec },
        { 'Retry-After': String(hit.retryAfterSec) },
      );
    }
    return giveBack;
  }

  const refused = () => new ApiError(401, 'passkey_failed', 'the passkey was not accepted');

  return new Hono()
    .post('/register/options', docs.registerOptions, validate('json', ReaderPasskeyBegin), async (c) => {
      const { site: id, name } = c.req.valid('json');
      const { site, rp } = await relyingParty(c, id);
      await attempt(c);
      const reader = await optionalReader(deps, c, site);
      if (!reader && !name?.trim())
        throw new ApiError(400, 'invalid_input', 'a new account needs a name', { fields: ['name'] });
      return c.json(await beginRegistration(env, site, rp, reader ? { reader } : { name: name!.trim() }));
    })
    .post('/register', docs.register, validate('json', ReaderPasskeyAnswer), async (c) => {
      const { site: id, attempt: a, response } = c.req.valid('json');
      const { site, rp } = await relyingParty(c, id);
      const giveBack = await attempt(c);
      const reader = await optionalReader(deps, c, site);
      const session = await finishRegistration(env, site, rp, reader?.id, a, response);
      if (!session) throw refused();
      await giveBack();
      return c.json(session);
    })
    .post('/login/options', docs.signInOptions, validate('json', ReaderPasskeyBegin), async (c) => {
      const { site, rp } = await relyingParty(c, c.req.valid('json').site);
      await attempt(c);
      return c.json(await beginSignIn(env, site, rp));
    })
    .post('/login', docs.signIn, validate('json', ReaderPasskeyAnswer), async (c) => {
      const { site: id, attempt: a, response } = c.req.valid('json');
      const { site, rp } = await relyingParty(c, id);
      const giveBack = await attempt(c);
      const session = await finishSignIn(env, site, rp, a, response);
      if (!session) throw refused();
      await giveBack();
      return c.json(session);
    });
}
