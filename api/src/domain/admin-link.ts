/**
 * Moderators' sign-in links: the token is the HMAC of a random nonce, so the stored item (the nonce and
 * the token's hash) gives no link without the secret; the link always points to the admin page of the
 * API's public origin, with the token in the fragment (never sent to a server or in a Referer).
 */
import { createHash, randomBytes } from 'node:crypto';
import { hmac } from './tokens.js';

/** A link works once, for 15 minutes. */
export const ADMIN_LINK_TTL_SEC = 15 * 60;

/** Link requests: per address (quietly dropped past it: the answer never changes) and per client (429). */
export const LINK_LIMITS = { windowSec: 15 * 60, perAddress: 3, perClient: 10 };

export const newNonce = () => randomBytes(24).toString('base64url');

export const linkToken = (secret: string, nonce: string) =>
  hmac(secret, 'admin-link', nonce).toString('base64url');

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The fixed target of every sign-in link: the admin page of `base` (the API's public origin). */
export function adminLinkUrl(base: string, token: string): string {
  return `${new URL(base).origin}/admin/#signin=${token}`;
}
