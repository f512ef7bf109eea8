/**
 * Readers' email sign-in links: asked for with an address and the blog page to come back to (on one of the
 * site's origins, so a link never leads anywhere else); the token is the HMAC of a stored nonce, in the
 * page's fragment (never sent to a server); used once, within 15 minutes, on its own site only.
 */
import { READER_LINK_FRAGMENT, READER_LINK_TTL_SEC } from '../contract/reader-names.js';
import type { SiteItem } from '../store/items.js';
import { LINK_LIMITS, newNonce } from './admin-link.js';
import { Refusal } from './failure.js';
import { type ReaderEnv, signInReader, tokenHash } from './reader.js';
import { hmac, keyedHash, normalizeEmail } from './tokens.js';

export const readerLinkToken = (secret: string, nonce: string) =>
  hmac(secret, 'reader-link', nonce).toString('base64url');

/** The page a link leads to, with its token: only a page on one of the site's origins. */
export function readerLinkUrl(page: string, token: string): string {
  const url = new URL(page);
  url.hash = '';
  return `${url.href}${READER_LINK_FRAGMENT}${token}`;
}

/** The page the reader asked to come back to, when it is on one of the site's origins. */
function allowedPage(site: SiteItem, page: string): string {
  let url: URL | undefined;
  try {
    url = new URL(page);
  } catch {}
  if (!url || !/^https?:$/.test(url.protocol) || !site.origins.includes(url.origin))
    throw new Refusal('origin_not_allowed', 'the page to come back to is not on one of the site’s origins', {
      fields: ['page'],
    });
  return url.href;
}

/**
 * Writes a link for `email` (the stream mails it, notify/reader-link-mail.ts). The answer is the same for
 * every address; past the per-address limit nothing is written, quietly; past the per-client one, a 429.
 */
export async function requestReaderLink(
  env: ReaderEnv,
  site: SiteItem,
  asked: { email: string; page: string },
  clientHash: string,
): Promise<void> {
  const page = allowedPage(site, asked.page);
  const email = normalizeEmail(asked.email);
  const now = env.now();
  const client = await env.store.rates.hit(`rlink-ip#${clientHash}`, LINK_LIMITS.windowSec, now.getTime());
  if (client.count > LINK_LIMITS.perClient)
    throw new Refusal('rate_limited', 'too many sign-in links asked for', undefined, client.retryAfterSec);
  const address = `rlink-addr#${site.id}#${keyedHash(env.secret, 'email', email)}`;
  const sent = await env.store.rates.hit(address, LINK_LIMITS.windowSec, now.getTime());
  if (sent.count > LINK_LIMITS.perAddress) return;
  const nonce = newNonce();
  await env.store.readers.putLink(tokenHash(readerLinkToken(env.secret, nonce)), {
    site: site.id,
    email,
    page,
    nonce,
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + READER_LINK_TTL_SEC,
  });
}

/** Signs in with a link's token, once; its address is verified from now on (reply mail needs no second mail). */
export async function useReaderLink(env: ReaderEnv, site: SiteItem, token: string) {
  const nowSec = Math.floor(env.now().getTime() / 1000);
  const link = await env.store.readers.takeLink(tokenHash(token), nowSec);
  if (!link || link.site !== site.id)
    throw new Refusal(
      'signin_link_invalid',
      'this sign-in link was used, has expired or is for another site',
    );
  const emailHash = keyedHash(env.secret, 'email', link.email);
  const now = env.now().toISOString();
  await env.store.subscriptions.ensure(site.id, emailHash, link.email, now);
  await env.store.subscriptions.verify(site.id, emailHash, now, link.createdAt);
  return signInReader(env, site, { kind: 'email', subject: link.email, email: link.email });
}
