/**
 * WebAuthn for moderators through @simplewebauthn/server: options and verification of registrations and
 * sign-ins against one relying party, the admin page's (its host is the RP id, its origin the only
 * origin accepted). Failures come back as undefined, never as exceptions.
 */
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Passkey } from '../store/passkeys.js';

export interface RelyingParty {
  /** The admin page's host (no port). */
  id: string;
  /** The admin page's origin (scheme, host, port). */
  origin: string;
  name: string;
}

/** A challenge answers for 5 minutes. */
export const CHALLENGE_TTL_SEC = 5 * 60;

/** The relying party of an admin page served from `origin` (the API's own, as the session cookie's). */
export function relyingParty(origin: string): RelyingParty {
  return { id: new URL(origin).hostname, origin, name: 'Afterword admin' };
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

export async function registrationOptions(
  rp: RelyingParty,
  moderator: { email: string; name: string },
  existing: Array<Pick<Passkey, 'credentialId' | 'transports'>>,
  /** The user handle (stable per account); a moderator's is made from the address, never the address itself. */
  handle = b64(new TextEncoder().encode(moderator.email)).slice(0, 64),
) {
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: moderator.email,
    userDisplayName: moderator.name,
    userID: new TextEncoder().encode(handle),
    timeout: CHALLENGE_TTL_SEC * 1000,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
}

export type NewCredential = Pick<Passkey, 'credentialId' | 'publicKey' | 'counter' | 'transports'>;

export async function verifyRegistration(
  rp: RelyingParty,
  response: unknown,
  challenge: string,
): Promise<NewCredential | undefined> {
  try {
    const r = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
    if (!r.verified) return undefined;
    const { credential } = r.registrationInfo;
    return {
      credentialId: credential.id,
      publicKey: b64(credential.publicKey),
      counter: credential.counter,
      transports: (credential.transports ?? []).map(String),
    };
  } catch {
    return undefined;
  }
}

export function authenticationOptions(rp: RelyingParty) {
  // No allowCredentials: the authenticator offers its discoverable passkeys for this RP.
  return generateAuthenticationOptions({
    rpID: rp.id,
    timeout: CHALLENGE_TTL_SEC * 1000,
    userVerification: 'required',
  });
}

/** The credential id an answer names (before its passkey is looked up), or undefined. */
export function answerCredentialId(response: unknown): string | undefined {
  const id = (response as { id?: unknown } | null)?.id;
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,1400}$/.test(id) ? id : undefined;
}

/** The authenticator's new counter when the answer is a valid signature of `challenge` by `passkey`. */
export async function verifyAuthentication(
  rp: RelyingParty,
  response: unknown,
  challenge: string,
  passkey: Pick<Passkey, 'credentialId' | 'publicKey' | 'counter' | 'transports'>,
): Promise<number | undefined> {
  try {
    const r = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
        counter: passkey.counter,
        transports: passkey.transports as never,
      },
    });
    return r.verified ? r.authenticationInfo.newCounter : undefined;
  } catch {
    return undefined;
  }
}
