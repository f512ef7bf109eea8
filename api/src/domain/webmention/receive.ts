/**
 * Receiving a Webmention (W3C Recommendation, 3.2): the request checked at once (the site accepts them,
 * `source` is an http(s) URL other than `target`, `target` a page on one of the site's origins), throttled
 * per client and per source host, then queued; the stream verifies it (domain/webmention/verify.ts).
 */
import type { Store } from '../../store/index.js';
import type { SiteItem } from '../../store/items.js';
import type { WebmentionItem } from '../../store/webmentions.js';
import { clientKey } from '../client.js';
import { Refusal } from '../failure.js';
import { normalizePage } from '../page-path.js';
import { keyedHash, newId } from '../tokens.js';

export interface WebmentionEnv {
  store: Store;
  secret: string;
  now: () => Date;
}

/** Webmentions taken in a window: per client (any site) and per source host on a site. */
export const WEBMENTION_LIMITS = { windowSec: 600, perClient: 30, perSourceHost: 20 };

const invalid = (field: 'source' | 'target', message: string) =>
  new Refusal('webmention_invalid', message, { fields: [field] });

/** An absolute http(s) URL without credentials, its fragment dropped; undefined otherwise. */
export function webUrl(raw: string): URL | undefined {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.username || url.password) return undefined;
    url.hash = '';
    return url;
  } catch {
    return undefined;
  }
}

/** Checks a Webmention and queues it for verification; returns the queued item (its id names the status URL). */
export async function receiveWebmention(
  env: WebmentionEnv,
  site: SiteItem,
  form: { source: string; target: string },
  ip: string,
): Promise<WebmentionItem> {
  if (!site.remote?.webmention) throw new Refusal('webmention_off', 'this site accepts no Webmentions');
  const source = webUrl(form.source);
  if (!source) throw invalid('source', 'source must be an http(s) URL');
  const target = webUrl(form.target);
  if (!target) throw invalid('target', 'target must be an http(s) URL');
  if (source.href === target.href) throw invalid('source', 'source and target are the same URL');
  if (!site.origins.includes(target.origin))
    throw invalid('target', 'target is not on one of the site’s origins');
  const page = normalizePage(target.href);
  if (!page) throw invalid('target', 'target is not a page that can take comments');
  const now = env.now();
  const client = keyedHash(env.secret, 'ip', clientKey(ip));
  await throttle(env, `wm-ip#${client}`, WEBMENTION_LIMITS.perClient, now);
  await throttle(env, `wm-src#${site.id}#${source.host}`, WEBMENTION_LIMITS.perSourceHost, now);
  return env.store.webmentions.queue({
    id: newId(),
    site: site.id,
    source: source.href,
    target: target.href,
    page,
    createdAt: now.toISOString(),
  });
}

async function throttle(env: WebmentionEnv, key: string, limit: number, now: Date): Promise<void> {
  const rate = await env.store.rates.hit(key, WEBMENTION_LIMITS.windowSec, now.getTime());
  if (rate.count > limit)
    throw new Refusal(
      'rate_limited',
      'too many Webmentions; try again later',
      { retryAfterSec: rate.retryAfterSec },
      rate.retryAfterSec,
    );
}
