/** Moderator session cookie and CSRF token: names, lifetimes, and the values bound to a session. */
import type { Context } from 'hono';
import { hmac } from './tokens.js';

export const SESSION_COOKIE = 'afterword_session';
export const SESSION_PATH = '/api/v1/admin';
/** Sessions last 12 hours. */
export const SESSION_TTL_SEC = 12 * 3600;
export const CSRF_HEADER = 'x-csrf-token';

/** Login attempts allowed per window: per account and per client. */
/**
 * Login throttling: failures count per client (refused once `perClient` is reached) and per account,
 * where past `perAccount` each further failure is answered `slowDownMs` later, never refused;
 * successful logins count nowhere.
 */
export const LOGIN_LIMITS = { windowSec: 15 * 60, perAccount: 10, perClient: 30, slowDownMs: 250 };

/** The CSRF token of a session: derived from the session id, so it needs no storage. */
export function csrfToken(secret: string, sessionId: string): string {
  return hmac(secret, 'csrf', sessionId).toString('base64url');
}

/** The API's own origin: the configured public URL, else the request's (scheme from x-forwarded-proto). */
export function ownOrigin(c: Context, publicUrl: string | undefined): string {
  if (publicUrl) return new URL(publicUrl).origin;
  const url = new URL(c.req.url);
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
  if (proto === 'https' || proto === 'http') url.protocol = `${proto}:`;
  return url.origin;
}

export function isHttps(c: Context, publicUrl: string | undefined): boolean {
  return ownOrigin(c, publicUrl).startsWith('https:');
}
