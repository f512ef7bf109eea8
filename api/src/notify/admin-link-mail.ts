/**
 * The mail of a moderator's sign-in link, sent from the stream when its link item is written: to
 * moderators only (an address without an account gets nothing, though its request was answered alike).
 */
import { adminLinkUrl, linkToken } from '../domain/admin-link.js';
import { escapeHtml as esc } from '../domain/escape.js';
import type { AdminLinkItem } from '../store/admin-links.js';
import type { Store } from '../store/index.js';
import type { OutMail } from './layout.js';

export interface AdminLinkMailDeps {
  store: Store;
  secret: string;
  /** The API's public origin: the link always opens its admin page. */
  baseUrl: string;
  nowSec: () => number;
  once: (key: string, ttlSec: number | undefined, send: () => Promise<void>) => Promise<boolean>;
  send: (mail: OutMail) => Promise<void>;
}

export function signInMail(to: string, url: string, minutes: number): OutMail {
  const text = [
    'Someone, hopefully you, asked to sign in to the Afterword admin page with this address.',
    '',
    `Sign in: ${url}`,
    '',
    `The link works once, for ${minutes} minutes. If it was not you, ignore this mail: nothing changes.`,
  ].join('\n');
  const html =
    '<p>Someone, hopefully you, asked to sign in to the Afterword admin page with this address.</p>' +
    `<p><a href="${esc(url)}">Sign in</a></p>` +
    `<p>The link works once, for ${minutes} minutes. If it was not you, ignore this mail: nothing changes.</p>`;
  return {
    to,
    subject: 'Your Afterword sign-in link',
    text,
    html,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

export async function sendAdminLink(deps: AdminLinkMailDeps, link: AdminLinkItem): Promise<void> {
  const left = link.expiresAt - deps.nowSec();
  // A record read again after its link ran out (a late retry) sends nothing.
  if (left <= 0) return;
  const moderator = await deps.store.moderators.get(link.email);
  if (!moderator) return;
  const url = adminLinkUrl(deps.baseUrl, linkToken(deps.secret, link.nonce));
  await deps.once(`signin:${link.pk}`, 86400, () =>
    deps.send(signInMail(moderator.email, url, Math.max(1, Math.round(left / 60)))),
  );
}
