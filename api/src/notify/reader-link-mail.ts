/** The mail of a reader's sign-in link, sent from the stream when its link item is written. */
import { escapeHtml as esc } from '../domain/escape.js';
import { readerLinkToken, readerLinkUrl } from '../domain/reader-link.js';
import type { Store } from '../store/index.js';
import type { ReaderLinkItem } from '../store/readers.js';
import type { OutMail } from './layout.js';

export interface ReaderLinkMailDeps {
  store: Store;
  secret: string;
  nowSec: () => number;
  once: (key: string, ttlSec: number | undefined, send: () => Promise<void>) => Promise<boolean>;
  send: (mail: OutMail) => Promise<void>;
}

export function readerSignInMail(to: string, siteName: string, url: string, minutes: number): OutMail {
  const intro = `Someone, hopefully you, asked to sign in to the comments of ${siteName} with this address.`;
  const rule = `The link works once, for ${minutes} minutes. If it was not you, ignore this mail: nothing changes.`;
  return {
    to,
    subject: `Sign in to comment on ${siteName}`,
    text: [intro, '', `Sign in: ${url}`, '', rule].join('\n'),
    html: `<p>${esc(intro)}</p><p><a href="${esc(url)}">Sign in</a></p><p>${esc(rule)}</p>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

export async function sendReaderLink(deps: ReaderLinkMailDeps, link: ReaderLinkItem): Promise<void> {
  const left = link.expiresAt - deps.nowSec();
  // A record read again after its link ran out (a late retry) sends nothing.
  if (left <= 0) return;
  const site = await deps.store.sites.get(link.site);
  if (!site) return;
  const url = readerLinkUrl(link.page, readerLinkToken(deps.secret, link.nonce));
  await deps.once(`rsignin:${link.pk}`, 86400, () =>
    deps.send(readerSignInMail(link.email, site.name, url, Math.max(1, Math.round(left / 60)))),
  );
}
