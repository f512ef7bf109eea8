/**
 * A reader's GitHub or OpenID Connect sign-in: `beginSignIn` stores a pending attempt (PKCE verifier,
 * nonce, the blog page's origin) under the hash of a random `state` and gives the provider's authorize
 * URL; `finishSignIn` takes that attempt once, exchanges the code with the verifier, validates the
 * answer (ID token issuer, audience, nonce) and signs the identity in.
 */
import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import type { ErrorCode } from '../../contract/codes.js';
import type { ReaderProvider, ReaderSession } from '../../contract/reader.js';
import type { SiteItem } from '../../store/items.js';
import type { OAuthAttempt } from '../../store/reader-oauth.js';
import { normalizeOrigin } from '../../store/sites.js';
import { type ReaderEnv, signInReader } from '../reader.js';
import { clientOf, type OAuthConfig, SCOPES } from './client.js';
import { keepOutcome } from './handoff.js';
import { githubIdentity, oidcIdentity } from './identity.js';
import { openSecret } from './seal.js';

/** A pending attempt lasts 10 minutes. */
export const ATTEMPT_TTL_SEC = 600;
/** Sign-in starts allowed per client and window (each one writes an attempt and asks the provider). */
export const START_LIMITS = { windowSec: 600, perClient: 30 };
/** The widget polls a handoff every 2 s for up to 10 minutes: a client gets that, and a little more. */
export const HANDOFF_LIMITS = { windowSec: 600, perClient: 400 };

export type OAuthEnv = ReaderEnv & { config: OAuthConfig };

/** Why a sign-in stops; `origin` is known once the request or the attempt names an allowed one. */
export class OAuthFailure extends Error {
  override name = 'OAuthFailure';
  constructor(
    readonly status: 400 | 403 | 404 | 429 | 502,
    readonly code: ErrorCode,
    message: string,
    readonly origin?: string,
  ) {
    super(message);
  }
}

export const stateHash = (state: string) => createHash('sha256').update(state).digest('hex');

const providerOf = (site: SiteItem, id: string): ReaderProvider | undefined =>
  site.readers?.providers?.find((p) => p.id === id);

/** The provider and its opened secret, or a failure saying the site does not offer it. */
async function configured(env: OAuthEnv, site: SiteItem, id: string, origin?: string) {
  const provider = providerOf(site, id);
  const sealed = provider && (await env.store.readerOAuth.secret(site.id, provider.id));
  const secret = sealed && openSecret(env.secret, site.id, provider.id, sealed);
  if (!provider || !secret)
    throw new OAuthFailure(403, 'signin_method_off', `this site offers no sign-in with "${id}"`, origin);
  return { provider, secret };
}

/** The blog page's origin when it is one of the site's, else a failure (nothing will be posted to it). */
export function allowedOrigin(site: SiteItem, raw: string): string {
  const origin = normalizeOrigin(raw);
  if (!origin || !site.origins.includes(origin))
    throw new OAuthFailure(400, 'origin_not_allowed', 'this page is not on one of the site’s origins');
  return origin;
}

export async function beginSignIn(
  env: OAuthEnv,
  site: SiteItem,
  providerId: string,
  origin: string,
  redirectUri: string,
  /** SHA-256 of the browser's binding cookie: only that browser can finish the attempt. */
  binding: string,
  handoff?: string,
): Promise<URL> {
  const { provider, secret } = await configured(env, site, providerId, origin);
  const state = oidc.randomState();
  const verifier = oidc.randomPKCECodeVerifier();
  const nonce = provider.kind === 'oidc' ? oidc.randomNonce() : undefined;
  const attempt: OAuthAttempt = {
    site: site.id,
    provider: provider.id,
    verifier,
    ...(nonce ? { nonce } : {}),
    origin,
    redirectUri,
    binding,
    ...(handoff ? { handoff } : {}),
    expiresAt: Math.floor(env.now().getTime() / 1000) + ATTEMPT_TTL_SEC,
  };
  let to: URL;
  try {
    // openid-client refuses plain http unless the host is allow-listed (client.ts): a 502, not a bug.
    to = oidc.buildAuthorizationUrl(await clientOf(provider, secret, env.config), {
      redirect_uri: redirectUri,
      scope: SCOPES[provider.kind],
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      ...(nonce ? { nonce } : {}),
    });
  } catch (err) {
    throw unreachable(err as Error, origin);
  }
  await env.store.readerOAuth.putAttempt(stateHash(state), attempt);
  return to;
}

function unreachable(err: Error, origin: string) {
  console.warn(`reader sign-in: the provider could not be reached: ${err.name}: ${err.message}`);
  return new OAuthFailure(502, 'oauth_failed', 'the sign-in provider could not be reached', origin);
}

export interface CallbackParams {
  state?: string | undefined;
  code?: string | undefined;
  error?: string | undefined;
  iss?: string | undefined;
  /** SHA-256 of the binding cookie the callback came with. */
  binding?: string | undefined;
}

/**
 * Finishes an attempt once: the session and the origin to post it to. The outcome, session or error, is
 * also kept for the widget to fetch when the attempt was started with a handoff (handoff.ts).
 */
export async function finishSignIn(
  env: OAuthEnv,
  params: CallbackParams,
): Promise<{ session: ReaderSession; origin: string }> {
  const nowSec = Math.floor(env.now().getTime() / 1000);
  const { state } = params;
  const attempt = state ? await env.store.readerOAuth.takeAttempt(stateHash(state), nowSec) : undefined;
  if (!attempt || !state)
    throw new OAuthFailure(400, 'oauth_state_invalid', 'this sign-in is unknown, used or expired');
  try {
    const session = await complete(env, attempt, { ...params, state });
    await keepOutcome(env, attempt, { session });
    return { session, origin: attempt.origin };
  } catch (err) {
    if (err instanceof OAuthFailure) await keepOutcome(env, attempt, { error: err.code });
    throw err;
  }
}

/** The code exchanged and checked, the identity signed in. */
async function complete(
  env: OAuthEnv,
  attempt: OAuthAttempt,
  params: CallbackParams & { state: string },
): Promise<ReaderSession> {
  const { origin } = attempt;
  // Begun in another browser (someone else's attempt, its authorize URL sent to this reader): refused
  // before the code is used, so no session comes out of it for whoever began it.
  if (!params.binding || params.binding !== attempt.binding)
    throw new OAuthFailure(403, 'oauth_state_invalid', 'this sign-in was begun in another browser', origin);
  if (params.error || !params.code)
    throw new OAuthFailure(403, 'oauth_denied', 'the sign-in was refused at the provider', origin);
  const site = await env.store.sites.get(attempt.site);
  if (!site) throw new OAuthFailure(404, 'site_not_found', 'the site is gone', origin);
  const { provider, secret } = await configured(env, site, attempt.provider, origin);
  const client = await clientOf(provider, secret, env.config).catch((err: Error) => {
    throw unreachable(err, origin);
  });
  // The URL the provider sent the reader back to, as the token request must name it.
  const back = new URL(attempt.redirectUri);
  back.searchParams.set('code', params.code);
  back.searchParams.set('state', params.state);
  if (params.iss) back.searchParams.set('iss', params.iss);
  let identity: Awaited<ReturnType<typeof githubIdentity>>;
  try {
    const tokens = await oidc.authorizationCodeGrant(client, back, {
      pkceCodeVerifier: attempt.verifier,
      expectedState: params.state,
      ...(attempt.nonce ? { expectedNonce: attempt.nonce } : {}),
      idTokenExpected: provider.kind === 'oidc',
    });
    identity =
      provider.kind === 'oidc'
        ? await oidcIdentity(client, tokens)
        : await githubIdentity(env.config, tokens.access_token);
  } catch (err) {
    const e = err as Error & { code?: string; error?: string };
    const why = e.cause instanceof Error ? ` (${e.cause.message})` : e.error ? ` (${e.error})` : '';
    console.warn(
      `reader sign-in refused (${provider.kind}): ${e.name}${e.code ? ` ${e.code}` : ''}: ${e.message}${why}`,
    );
    throw new OAuthFailure(403, 'oauth_failed', 'the provider’s answer was refused', origin);
  }
  return signInReader(env, site, identity);
}
