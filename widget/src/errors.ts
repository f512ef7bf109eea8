/** Lazy chunk `errors.js`: which text each API error code shows, and the English texts (errors never show on a first view). */
import type { ErrorCode } from '../../api/src/contract/codes.js';
import type { Fail } from './api.js';
import { explain, type Strings } from './i18n.js';
import { wait } from './wait.js';

export { wait };

/** The English error texts; each locale file carries its own translation of every one. */
export const EN = {
  invalid_input: 'Please check the form and try again.',
  comment_too_long: 'The comment is too long: at most {max} characters. Shorten it and send again.',
  payload_too_large: 'This is too large to send. Shorten the comment and try again.',
  invalid_page: 'This page’s address cannot take comments. Please tell the site owner.',
  comment_not_found: 'This comment no longer exists. Reload the page to see the thread as it is now.',
  edit_window_closed: 'This comment can no longer be changed.',
  edit_token_invalid: 'Only the browser it was written in can change this comment.',
  parent_not_found: 'The comment you replied to is gone. Reload the page to see the thread as it is now.',
  rate_limited: 'Too fast. Please wait {wait}, then send again.',
  /** How a known wait is said (`{n}`: a number with its unit, as `Intl.NumberFormat` says it) and an unknown one. */
  about: 'about {n}',
  moment: 'a moment',
  spam_rejected: 'This looks like spam and was not posted.',
  banned: 'You cannot comment on this site.',
  already_reported: 'You have already reported this comment. Thank you.',
  link_invalid: 'This sign-in link was used already or has expired. Ask for a new one.',
  signed_out: 'You were signed out. Sign in again to continue.',
  signin_required: 'This site asks you to sign in before you comment.',
  origin_not_allowed:
    'This page’s address, {origin}, is not among the allowed origins of the site “{site}”. ' +
    'The site owner can add it with: npx afterword site set {site} --origin {origin}',
  site_not_found:
    'Comments are not set up for this website. The comment service has no site “{site}”; the site ' +
    'owner can check data-site in the embed script (npx afterword site list shows the sites).',
  conflict: 'The comment changed meanwhile. Reload and try again.',
  refused: 'The comment service refused this request. Reload the page and try again.',
  storage_unavailable: 'The comment service is busy. Try again shortly.',
  network: 'Could not reach the comment service. Check your connection and try again.',
  internal: 'Something went wrong. Please try again.',
};

export type ErrorTexts = typeof EN;
/** A text of `ErrorTexts`, or one of the two thread strings an error may reuse. */
export type Message = keyof ErrorTexts | 'locked' | 'deleted';

/** Every code the API can answer (and `network`) names its text: a new code without one fails `tsc`. */
export const MESSAGE: Record<ErrorCode | 'network', Message> = {
  invalid_input: 'invalid_input',
  invalid_json: 'invalid_input',
  invalid_page: 'invalid_page',
  invalid_cursor: 'conflict',
  site_not_found: 'site_not_found',
  comment_not_found: 'comment_not_found',
  parent_not_found: 'parent_not_found',
  origin_not_allowed: 'origin_not_allowed',
  thread_locked: 'locked',
  edit_token_invalid: 'edit_token_invalid',
  edit_window_closed: 'edit_window_closed',
  comment_deleted: 'deleted',
  comment_too_long: 'comment_too_long',
  payload_too_large: 'payload_too_large',
  conflict: 'conflict',
  idempotency_conflict: 'conflict',
  rate_limited: 'rate_limited',
  spam_rejected: 'spam_rejected',
  banned: 'banned',
  already_reported: 'already_reported',
  // A site's rule refuses the address's domain: said like a ban (the rule itself is not told).
  email_domain_blocked: 'banned',
  unauthorized: 'refused',
  forbidden: 'refused',
  csrf_failed: 'refused',
  // Moderators' sign-in (the admin page): a reader never meets these.
  passkey_required: 'refused',
  passkey_failed: 'refused',
  // Readers' sign-in.
  signin_link_invalid: 'link_invalid',
  reader_session_invalid: 'signed_out',
  signin_required: 'signin_required',
  signin_method_off: 'refused',
  // GitHub / OpenID Connect sign-in, posted by the popup.
  oauth_state_invalid: 'link_invalid',
  oauth_denied: 'refused',
  oauth_failed: 'refused',
  // Webmentions come from other servers, never from the widget.
  webmention_invalid: 'refused',
  webmention_off: 'refused',
  // Reactions: the widget offers only the site's set, so these mean its settings changed since the page loaded.
  reaction_invalid: 'refused',
  reactions_off: 'refused',
  not_found: 'refused',
  method_not_allowed: 'refused',
  unsupported_media_type: 'refused',
  storage_unavailable: 'storage_unavailable',
  internal: 'internal',
  network: 'network',
};

/** The text for a failed call of the widget of `site`: set-up errors name the page's origin and the site id. */
export function setupText(t: Strings, e: unknown, site: string): string {
  const f = { ...(e as Fail) };
  const fields = f.details?.fields;
  // A data-site that is no site id at all (`My Blog`) is the same mistake as one naming no site.
  if (f.code === 'invalid_input' && Array.isArray(fields) && fields.includes('site'))
    f.code = 'site_not_found';
  f.details = { origin: location.origin, site, ...f.details };
  return explain(t, { EN, MESSAGE, wait }, f);
}
