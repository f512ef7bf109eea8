/**
 * The page the sign-in popup ends on: a script (allowed by its nonce alone) posts
 * `{type: 'afterword-signin', session}` or `{type: 'afterword-signin', error}` to the window that opened
 * it, at exactly the attempt's allowed origin, and closes (without an opener too: the widget then has the
 * handoff). Without a known origin nothing is posted.
 */
import { randomBytes } from 'node:crypto';
import type { ErrorCode } from '../../contract/codes.js';
import type { ReaderSession } from '../../contract/reader.js';
import { escapeHtml } from '../escape.js';

export const SIGNIN_MESSAGE = 'afterword-signin';

export type SigninMessage =
  | { type: typeof SIGNIN_MESSAGE; session: ReaderSession }
  | { type: typeof SIGNIN_MESSAGE; error: ErrorCode };

/** JSON safe inside a script element (no `</script>`, no line separators JavaScript would choke on). */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export interface PopupPage {
  html: string;
  headers: Record<string, string>;
}

/** The page, and the headers it must be sent with (strict CSP, no caching, no Referer). */
export function popupPage(message: SigninMessage, origin: string | undefined): PopupPage {
  const nonce = randomBytes(16).toString('base64');
  const ok = 'session' in message;
  const text = ok
    ? 'Signed in. You can close this window.'
    : 'Sign-in did not work. Close this window and try again.';
  const script = origin
    ? `<script nonce="${nonce}">(function(){var m=${scriptJson(message)},o=${scriptJson(origin)};` +
      `if(window.opener)window.opener.postMessage(m,o);window.close();})();</script>`
    : '';
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">' +
    `<title>Afterword sign-in</title></head><body><p>${escapeHtml(text)}</p>${script}</body></html>`;
  return {
    html,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    },
  };
}
