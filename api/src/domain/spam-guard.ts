/**
 * The spam defences of a new comment that read or write storage or ask a service: bans, rate counters,
 * email-domain rules and disposable mail, duplicates, the external content check, Akismet.
 */
import type { Flag } from '../contract/flags.js';
import type { Store } from '../store/index.js';
import type { SiteItem } from '../store/items.js';
import type { ContentCheckConfig } from './content-check.js';
import { Refusal } from './failure.js';
import {
  checkBlockedWords,
  checkComposeToken,
  checkHoneypot,
  checkLinks,
  combine,
  OK,
  type Verdict,
} from './spam.js';
import { akismetCheck } from './spam-akismet.js';
import { domainRule, emailDomain, isDisposable } from './spam-email.js';
import { keyedHash } from './tokens.js';

/** What the guard needs around it: the counters and bans, the secret, the services' endpoints, a clock. */
export interface GuardEnv {
  store: Pick<Store, 'bans' | 'rates'>;
  secret: string;
  akismetUrl: string;
  /** The external content check, when the API is configured with one (config.ts); sites opt in. */
  contentCheck?: ContentCheckConfig | undefined;
  now: () => Date;
}

export interface PostFacts {
  id: string;
  page: string;
  body: string;
  name: string;
  email?: string | undefined;
  emailHash?: string | undefined;
  ipHash: string;
  website?: string | undefined;
  url?: string | undefined;
  hp?: string | undefined;
  composeToken?: string | undefined;
  /** An edit of a stored comment: no honeypot or compose token to check; every other rule runs. */
  edit?: boolean;
  /** A reply fetched from elsewhere: no honeypot, compose token, client counters or Akismet (no client). */
  remote?: boolean;
  /** The client as the platform saw it; only Akismet (when a site turns it on) is told. */
  client: { ip: string; userAgent: string };
}

/** The guard's decision: keep the moderation mode's status, hold, store as spam, or refuse. */
export type GuardResult =
  | { action: 'ok' | 'pending' | 'spam'; reasons: Flag[] }
  | { action: 'refuse'; refusal: Refusal };

const rejected = (reasons: Flag[]): GuardResult => ({
  action: 'refuse',
  refusal: new Refusal('spam_rejected', 'this comment looks like spam and was not accepted', { reasons }),
});

/**
 * Runs every defence in order of cost: honeypot, bans (one BatchGet; a second only when an address ban
 * matched, to see whether the client is banned too), rate counters, content rules,
 * the duplicate marker, then Akismet. It never throws a refusal: it returns one (banned, rate_limited,
 * spam_rejected), and the comment service decides what to do with it.
 */
export async function guardPost(env: GuardEnv, site: SiteItem, p: PostFacts): Promise<GuardResult> {
  const { store, secret } = env;
  const rules = site.spam ?? {};
  const now = env.now();
  const hash = (purpose: string, v: string) => keyedHash(secret, purpose, v);

  if (!p.edit && !p.remote && checkHoneypot(p.hp).action !== 'ok') return rejected(['honeypot']);

  // A ban on the poster's own connection is told (without its end: nothing to plan a return by).
  // An address alone is not proof of who posts: anyone can type it, so the answer must not reveal
  // whether, or until when, it is banned. Such a post is stored as spam and answered like a held one.
  const ban = await store.bans.find(
    site.id,
    [
      { kind: 'client', hash: p.ipHash },
      { kind: 'email', hash: p.emailHash },
    ],
    now,
  );
  const clientBanned =
    ban?.kind === 'client' ||
    (ban !== undefined && !!(await store.bans.find(site.id, [{ kind: 'client', hash: p.ipHash }], now)));
  if (clientBanned)
    return { action: 'refuse', refusal: new Refusal('banned', 'you cannot comment on this site') };
  if (ban) return { action: 'spam', reasons: ['banned'] };

  const windowSec = rules.rateWindowSec ?? 600;
  const limits: Array<[string, number | undefined]> = [
    [`post#${site.id}#${p.ipHash}`, rules.ratePerClient],
    [`page#${site.id}#${hash('page', p.page)}`, rules.ratePerPage],
  ];
  for (const [key, limit] of limits) {
    if (!limit || p.remote) continue;
    const r = await store.rates.hit(key, windowSec, now.getTime());
    if (r.count > limit)
      return {
        action: 'refuse',
        refusal: new Refusal(
          'rate_limited',
          'too many comments; try again later',
          { retryAfterSec: r.retryAfterSec },
          r.retryAfterSec,
        ),
      };
  }

  // The author's email domain: a site's rule may refuse it (told as such) or hold it; disposable mail holds.
  const domain = emailDomain(p.email);
  const rule = domainRule(domain, rules.emailDomains);
  if (rule === 'block')
    return {
      action: 'refuse',
      refusal: new Refusal('email_domain_blocked', 'comments from this email domain are not accepted'),
    };

  const verdicts: Verdict[] = [
    ...(p.edit || p.remote
      ? []
      : [checkComposeToken(secret, site.id, p.page, p.composeToken, now.getTime(), rules)]),
    checkLinks(p.body, rules),
    checkBlockedWords(`${p.body}\n${p.name}\n${p.website ?? ''}`, rules),
    rule === 'hold' ? { action: 'pending', reason: 'domain_rule' } : OK,
    rules.disposableEmail && (await isDisposable(domain)) ? { action: 'pending', reason: 'disposable' } : OK,
  ];
  const content = combine(verdicts);
  if (content.action === 'reject') return rejected(content.reasons);

  if (rules.duplicateWindowSec) {
    const who = p.emailHash ?? p.ipHash;
    const body = p.body.replace(/\s+/g, ' ').trim().toLowerCase();
    const key = `dup#${site.id}#${hash('dup', `${who}\u0000${body}`)}`;
    if (!(await store.rates.claim(key, rules.duplicateWindowSec, now.getTime(), p.id)))
      return rejected(['duplicate']);
  }

  // The external check sees the text only; slow or down, it has no say and the rules above decide.
  if (rules.contentCheck && env.contentCheck) {
    const outcome = await contentCheck(env.contentCheck, p.body, rules.contentThreshold);
    if ('flags' in outcome && outcome.flags.length > 0) {
      content.reasons.push(...outcome.flags);
      if (content.action === 'ok') content.action = 'pending';
    }
  }

  if (rules.akismet && rules.akismetKey && !p.remote) {
    try {
      const spam = await akismetCheck(env.akismetUrl, rules.akismetKey, {
        blog: site.origins[0] ?? `https://${site.id}`,
        userIp: p.client.ip,
        userAgent: p.client.userAgent,
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

/** The content check's module is loaded by the first post of a site that uses it. */
async function contentCheck(config: ContentCheckConfig, text: string, thresholdPct: number | undefined) {
  const { httpContentChecker, runContentCheck } = await import('./content-check.js');
  return runContentCheck(httpContentChecker(config), text, config.timeoutMs, thresholdPct);
}
