/** The API's stable error codes: the `code` of every `{"error":{"code","message"}}` (no arktype: the widget imports it). */

export const ERROR_CODES = [
  'invalid_input',
  'invalid_json',
  'invalid_page',
  'invalid_cursor',
  'site_not_found',
  'comment_not_found',
  'parent_not_found',
  'origin_not_allowed',
  'thread_locked',
  'edit_token_invalid',
  'edit_window_closed',
  'comment_deleted',
  'comment_too_long',
  'payload_too_large',
  'conflict',
  'idempotency_conflict',
  'rate_limited',
  'spam_rejected',
  'banned',
  'email_domain_blocked',
  'unauthorized',
  'forbidden',
  'csrf_failed',
  'not_found',
  'method_not_allowed',
  'unsupported_media_type',
  'storage_unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
