/** Signed links in mail: verify, unsubscribe and moderate, each an HMAC over a small payload, most expiring. */
import { hmac, safeEqual } from '../domain/tokens.js';

export type LinkAction = 'verify' | 'unsub' | 'unsub-mod' | 'approve' | 'delete' | 'review';

export interface LinkPayload {
  a: LinkAction;
  /** Site id. */
  s: string;
  /** Keyed email hash (verify, unsub). */
  e?: string;
  /** Page of a per-thread unsubscribe. */
  p?: string;
  /** Comment id (approve, delete). */
  c?: string;
  /** Keyed hash of the moderator a moderation or unsub-mod link was sent to. */
  m?: string;
  /** Expiry, epoch seconds; absent for unsubscribe links, which must keep working. */
  x?: number;
  /** When the link was issued, epoch seconds (optional: a verify link's expiry tells it too). */
  i?: number;
  /** A review link: the time of the decision it asks to review (it acts only while that decision stands). */
  d?: string;
}

export const VERIFY_TTL_SEC = 7 * 86400;
export const MODERATE_TTL_SEC = 7 * 86400;
/** An author may ask for the review of a decision for this long after its mail. */
export const REVIEW_TTL_SEC = 30 * 86400;

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

export function signLink(secret: string, payload: LinkPayload): string {
  const body = b64(JSON.stringify(payload));
  return `${body}.${hmac(secret, 'mail-link', body).toString('base64url')}`;
}

export type LinkCheck = { ok: true; payload: LinkPayload } | { ok: false; reason: 'invalid' | 'expired' };

const ACTIONS = new Set<LinkAction>(['verify', 'unsub', 'unsub-mod', 'approve', 'delete', 'review']);

export function readLink(secret: string, token: string, nowSec: number): LinkCheck {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined || token.length > 2000) return { ok: false, reason: 'invalid' };
  if (!safeEqual(sig, hmac(secret, 'mail-link', body).toString('base64url')))
    return { ok: false, reason: 'invalid' };
  let payload: LinkPayload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as LinkPayload;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (
    typeof payload !== 'object' ||
    payload === null ||
    !ACTIONS.has(payload.a) ||
    typeof payload.s !== 'string'
  )
    return { ok: false, reason: 'invalid' };
  if (payload.x !== undefined && payload.x < nowSec) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}

/**
 * When a link was issued, epoch seconds: its `i`, else (a verify link) its expiry less VERIFY_TTL_SEC,
 * else 0 (as old as can be). A verify link acts only when issued after the address's last unsubscribe.
 */
export function issuedSec(payload: LinkPayload): number {
  if (typeof payload.i === 'number') return payload.i;
  if (payload.a === 'verify' && typeof payload.x === 'number') return payload.x - VERIFY_TTL_SEC;
  return 0;
}

/** Path of the page that confirms a link's action (GET shows it, POST performs it). */
export function linkPath(action: LinkAction): string {
  if (action === 'approve' || action === 'delete') return '/api/v1/mail/moderate';
  if (action === 'verify') return '/api/v1/subscriptions/verify';
  if (action === 'review') return '/api/v1/mail/review';
  return '/api/v1/subscriptions/unsubscribe';
}

export function linkUrl(baseUrl: string, secret: string, payload: LinkPayload): string {
  return `${baseUrl.replace(/\/+$/, '')}${linkPath(payload.a)}?token=${signLink(secret, payload)}`;
}
