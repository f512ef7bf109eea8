/** What the admin page says for each API error code: its own texts (never the server's message), each saying what to do. */
import type { ErrorCode } from '../../api/src/contract/codes.js';
import { IMPORT_MAX_BYTES } from '../../api/src/contract/limits.js';
import { ApiFailure } from './api.js';

/** Every code the API can answer (and `network`) has a text here: a new code without one fails `tsc`. */
export const ERROR_TEXTS: Record<ErrorCode | 'network', string> = {
  invalid_input: 'Some values were not accepted{fields}. Correct them and try again.',
  invalid_json: 'The request was not valid JSON. Reload the page and try again.',
  invalid_page: 'That page must be a path (/posts/hello/) or an http(s) URL. Correct it and try again.',
  invalid_cursor: 'The list changed meanwhile. Reload the page to start it again.',
  site_not_found: 'This site no longer exists. Reload the page to pick another.',
  comment_not_found: 'That comment no longer exists. Reload the queue.',
  parent_not_found: 'The comment replied to no longer exists. Reload the queue.',
  origin_not_allowed: 'This origin may not write to the site. Add it to the allowed origins in Settings.',
  thread_locked: 'This thread is locked. Unlock it first.',
  edit_token_invalid: 'That edit link is not valid for this comment.',
  edit_window_closed: 'The time to change this comment has passed.',
  comment_deleted: 'That comment was deleted. Restore it (move it to pending) first.',
  comment_too_long: 'The text is too long: at most {max} characters. Shorten it and try again.',
  payload_too_large: `That is too large to send. Shorten it; import files over ${IMPORT_MAX_BYTES / 2 ** 20} MB need the command line (npx afterword import).`,
  conflict: 'It changed meanwhile (someone else acted on it). Reload and try again.',
  idempotency_conflict:
    'This request key was already used for a different request. Send it again as a new one.',
  rate_limited: 'Too many requests. Wait {retryAfterSec} seconds, then try again.',
  spam_rejected: 'This was rejected as spam. Change the text or the spam rules in Settings.',
  banned: 'This author is banned. Lift the ban in Settings first.',
  email_domain_blocked: 'A rule in Settings refuses comments from this email domain.',
  already_reported: 'This comment was already reported from this browser.',
  unauthorized: 'Wrong email or password, or your session ended. Log in again.',
  forbidden: 'You may not do this here: only an owner of the site can. Ask an owner.',
  csrf_failed: 'The page’s security token is out of date. Reload the page and try again.',
  passkey_required:
    'A site you moderate requires a passkey: sign in with your passkey. To require one, first register your own under Security.',
  passkey_failed: 'The passkey was not accepted, or the attempt took too long. Try again.',
  signin_link_invalid:
    'This sign-in link is not valid: it was used already or has expired. Ask for a new one.',
  reader_session_invalid: 'The reader session is not valid here (readers sign in from the widget).',
  signin_required: 'This site asks readers to sign in before they comment.',
  signin_method_off: 'This site does not offer that way to sign in. Turn it on in the site’s settings.',
  oauth_state_invalid: 'This sign-in is unknown, used already or expired. Start it again.',
  oauth_denied: 'The sign-in was refused at the provider.',
  oauth_failed: 'The sign-in provider’s answer was refused, or it could not be reached. Check its settings.',
  webmention_invalid:
    'This Webmention was refused: the source must be an http(s) URL other than the target, and the target a page of the site.',
  webmention_off: 'This site accepts no Webmentions. Turn them on in the site’s settings.',
  reaction_invalid: 'This reaction is not one the site offers. Choose from its set in the settings.',
  reactions_off: 'Reactions are off here. Turn them on in the site’s reactions settings.',
  not_found: 'The API does not know this request. Reload the page (it may be out of date).',
  method_not_allowed: 'The API does not accept this request. Reload the page (it may be out of date).',
  unsupported_media_type: 'The API does not accept this kind of content. Reload the page and try again.',
  storage_unavailable: 'The database is busy or unreachable. Wait a moment and try again.',
  internal: 'Something failed on the server. Try again; if it keeps failing, check the server log.',
  network: 'Could not reach the API. Check your connection and try again.',
};

/** The text for an error thrown by `call` (or anything else: read as internal), details filled in. */
export function errorText(err: unknown): string {
  if (!(err instanceof ApiFailure)) return ERROR_TEXTS.internal;
  const d = err.details ?? {};
  const fields = Array.isArray(d.fields) && d.fields.length > 0 ? ` (${d.fields.join(', ')})` : '';
  const vars: Record<string, string> = {
    fields,
    max: String(d.max ?? ''),
    retryAfterSec: String(d.retryAfterSec ?? 'a few'),
  };
  const text = Object.hasOwn(ERROR_TEXTS, err.code) ? ERROR_TEXTS[err.code] : ERROR_TEXTS.internal;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}
