/** The spam defences of a new comment that read or write storage: bans, rate counters, duplicates, Akismet. */
import type { Context } from 'hono';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { SiteItem } from '../store/items.js';
import {
  checkBlockedWords,
  checkComposeToken,
  checkHoneypot,
  checkLinks,
  combine,
  type Verdict,
} from './spam.js';
import { akismetCheck } from './spam-akismet.js';
import { keyedHash } from './tokens.js';

export interface PostFacts {
  id: string;
  page: string;
  body: string;
  name: string;
  email?: string;
  emailHash?: string;
  ipHash: string;
  website?: string;
  url?: string;
  hp?: string;
  composeToken?: string;
}

export interface GuardResult {
  /** `ok` keeps the moderation mode's status; `pending` holds; `spam` stores it as spam. */
  action: 'ok' | 'pending' | 'spam';
  reasons: string[];
}

const rejected = (reasons: string[]) =>
  new ApiError(422, 'spam_rejected', 'this comment looks like spam and was not accepted', { reasons });

/**
 * Runs every defence in order of cost: honeypot, bans (one BatchGet), rate counters, content rules,
 * the duplicate marker, then Akismet. Refusals throw (403 banned, 429 rate_limited, 422 spam_rejected).
 */
export async function guardPost(deps: Deps, c: Context, site: SiteItem, p: PostFacts): Promise<GuardResult> {
  const { store, config } = deps;
  const rules = site.spam ?? {};
  const now = deps.now();
  const hash = (purpose: string, v: string) => keyedHash(config.secret, purpose, v);

  if (checkHoneypot(p.hp).action !== 'ok') throw rejected(['honeypot']);

  const ban = await store.bans.find(
    site.id,
    [
      { kind: 'email', hash: p.emailHash },
      { kind: 'client', hash: p.ipHash },
    ],
    now,
  );
  if (ban)
    throw new ApiError(
      403,
      'banned',
      'you cannot comment on this site',
      ban.until ? { until: ban.until } : undefined,
    );

  const windowSec = rules.rateWindowSec ?? 600;
  const limits: Array<[string, number | undefined]> = [
    [`post#${site.id}#${p.ipHash}`, rules.ratePerClient],
    [`page#${site.id}#${hash('page', p.page)}`, rules.ratePerPage],
  ];
  for (const [key, limit] of limits) {
    if (!limit) continue;
    const r = await store.rates.hit(key, windowSec, now.getTime());
    if (r.count > limit)
      throw new ApiError(
        429,
        'rate_limited',
        'too many comments; try again later',
        { retryAfterSec: r.retryAfterSec },
        {
          'Retry-After': String(r.retryAfterSec),
        },
      );
  }

  const verdicts: Verdict[] = [
    checkComposeToken(config.secret, site.id, p.page, p.composeToken, now.getTime(), rules),
    checkLinks(p.body, rules),
    checkBlockedWords(`${p.body}\n${p.name}\n${p.website ?? ''}`, rules),
  ];
  const content = combine(verdicts);
  if (content.action === 'reject') throw rejected(content.reasons);

  if (rules.duplicateWindowSec) {
    const who = p.emailHash ?? p.ipHash;
    const body = p.body.replace(/\s+/g, ' ').trim().toLowerCase();
    const key = `dup#${site.id}#${hash('dup', `${who}\u0000${body}`)}`;
    if (!(await store.rates.claim(key, rules.duplicateWindowSec, now.getTime(), p.id)))
      throw rejected(['duplicate']);
  }

  if (rules.akismet && rules.akismetKey) {
    try {
      const spam = await akismetCheck(config.akismetUrl, rules.akismetKey, {
        blog: site.origins[0] ?? `https://${site.id}`,
        userIp: deps.clientIp(c),
        userAgent: c.req.header('user-agent') ?? '',
        author: p.name,
        email: p.email,
        website: p.website,
        content: p.body,
        permalink: p.url,
      });
      if (spam) return { action: 'spam', reasons: [...content.reasons, 'akismet'] };
    } catch (err) {
      // Akismet down or slow: fail open, the other defences still stand.
      console.warn('akismet check failed', (err as Error).message);
    }
  }
  return { action: content.action === 'spam' ? 'spam' : content.action, reasons: content.reasons };
}
