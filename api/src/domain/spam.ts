/**
 * Spam rules that need no storage: the honeypot, the signed compose token, links and blocked words.
 * Each returns a verdict; the route combines them with the counters, bans and Akismet (spam-guard.ts).
 */
import type { Flag } from '../contract/flags.js';
import type { SpamSettings } from '../store/items.js';
import { hmac, safeEqual } from './tokens.js';

export type Verdict = { action: 'ok' } | { action: 'pending' | 'spam' | 'reject'; reason: Flag };

export const OK: Verdict = { action: 'ok' };
/** What `afterword site add` sets; a site without the setting holds only forged tokens. */
export const DEFAULT_MIN_COMPOSE_SEC = 3;
/** A compose token older than this is treated as missing (a day: long drafts still pass). */
export const COMPOSE_TOKEN_MAX_AGE_SEC = 24 * 3600;

/** A non-empty honeypot is a bot: refuse (people never see the field). */
export function checkHoneypot(hp: string | undefined): Verdict {
  return hp && hp.trim() !== '' ? { action: 'reject', reason: 'honeypot' } : OK;
}

/** `<issued ms>.<mac>`, bound to the site and page, handed out with the thread. */
export function composeToken(secret: string, site: string, page: string, issuedMs: number): string {
  const mac = hmac(secret, 'compose', `${site}\u0000${page}\u0000${issuedMs}`)
    .toString('base64url')
    .slice(0, 22);
  return `${issuedMs}.${mac}`;
}

/**
 * Minimum compose time. A forged token or one younger than the site's minimum holds the post as
 * pending (a person who types fast is not lost); a missing token passes unless the site requires it.
 */
export function checkComposeToken(
  secret: string,
  site: string,
  page: string,
  token: string | undefined,
  nowMs: number,
  settings: SpamSettings,
): Verdict {
  if (!token)
    return settings.requireComposeToken ? { action: 'pending', reason: 'compose_token_missing' } : OK;
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{22})$/.exec(token);
  const issued = m ? Number(m[1]) : Number.NaN;
  if (!m || !safeEqual(token, composeToken(secret, site, page, issued)))
    return { action: 'pending', reason: 'compose_token_invalid' };
  const age = (nowMs - issued) / 1000;
  const min = settings.minComposeSec ?? 0;
  if (age < min) return { action: 'pending', reason: 'composed_too_fast' };
  if (age > COMPOSE_TOKEN_MAX_AGE_SEC)
    return settings.requireComposeToken ? { action: 'pending', reason: 'compose_token_expired' } : OK;
  return OK;
}

/** Links in a markdown body: URLs with a scheme, `www.` hosts and mailto. */
export function countLinks(body: string): number {
  return (body.match(/\b(?:https?:\/\/|www\.|mailto:)[^\s)>\]]+/gi) ?? []).length;
}

export function checkLinks(body: string, settings: SpamSettings): Verdict {
  if (settings.maxLinks === undefined) return OK;
  return countLinks(body) > settings.maxLinks ? { action: 'pending', reason: 'too_many_links' } : OK;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Blocked words, whole words, case-insensitive, in the body, the name or the website. */
export function checkBlockedWords(text: string, settings: SpamSettings): Verdict {
  const words = (settings.blockedWords ?? []).map((w) => w.trim()).filter(Boolean);
  if (words.length === 0) return OK;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`, 'iu');
  if (!re.test(text.normalize('NFKC'))) return OK;
  return { action: settings.blockedAction === 'reject' ? 'reject' : 'pending', reason: 'blocked_word' };
}

const RANK = { ok: 0, pending: 1, spam: 2, reject: 3 } as const;

/** The strictest of several verdicts, keeping every reason. */
export function combine(verdicts: Verdict[]): { action: Verdict['action']; reasons: Flag[] } {
  let action: Verdict['action'] = 'ok';
  const reasons: Flag[] = [];
  for (const v of verdicts) {
    if (v.action === 'ok') continue;
    reasons.push(v.reason);
    if (RANK[v.action] > RANK[action]) action = v.action;
  }
  return { action, reasons };
}
