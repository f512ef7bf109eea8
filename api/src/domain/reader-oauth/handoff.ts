/**
 * The handoff, for a popup that cannot post its answer (a provider's Cross-Origin-Opener-Policy cuts
 * `window.opener`): the widget makes a random secret, starts with its SHA-256 (`handoff`), and fetches the
 * outcome with the secret itself. The outcome is kept sealed, once, for 10 minutes.
 */
import { createHash } from 'node:crypto';
import type { ErrorCode } from '../../contract/codes.js';
import type { ReaderSession } from '../../contract/reader.js';
import type { OAuthAttempt } from '../../store/reader-oauth.js';
import type { ReaderEnv } from '../reader.js';
import { openSecret, sealSecret } from './seal.js';

export const HANDOFF_TTL_SEC = 600;

/** What `handoff` is on the start URL: the SHA-256 of the widget's secret, base64url. */
export const handoffHash = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/** Binds a sealed session to its handoff (it opens for no other). */
const purpose = (hash: string) => `handoff ${hash}`;

export type Outcome = { session: ReaderSession } | { error: ErrorCode };

/** Keeps a finished attempt's outcome when the attempt has a handoff. */
export async function keepOutcome(env: ReaderEnv, attempt: OAuthAttempt, outcome: Outcome): Promise<void> {
  if (!attempt.handoff) return;
  const expiresAt = Math.floor(env.now().getTime() / 1000) + HANDOFF_TTL_SEC;
  const kept =
    'session' in outcome
      ? {
          sealed: sealSecret(
            env.secret,
            attempt.site,
            purpose(attempt.handoff),
            JSON.stringify(outcome.session),
          ),
        }
      : { error: outcome.error };
  await env.store.readerOAuth.putHandoff(attempt.handoff, { site: attempt.site, ...kept, expiresAt });
}

/** The outcome kept for `secret` on `site`, once; undefined while there is none. */
export async function takeOutcome(
  env: ReaderEnv,
  site: string,
  secret: string,
): Promise<Outcome | undefined> {
  const hash = handoffHash(secret);
  const kept = await env.store.readerOAuth.takeHandoff(hash, Math.floor(env.now().getTime() / 1000));
  if (!kept || kept.site !== site) return undefined;
  if (kept.error) return { error: kept.error as ErrorCode };
  const opened = kept.sealed && openSecret(env.secret, site, purpose(hash), kept.sealed);
  return opened ? { session: JSON.parse(opened) as ReaderSession } : undefined;
}
