/** Turns domain refusals and store failures into the one API error, in one place (used by onError). */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Refusal } from './domain/failure.js';
import { ApiError, type ErrorCode } from './errors.js';
import { CommentGoneError, StatusConflictError, ThreadLockedError } from './store/comments.js';

/** The status a domain refusal is answered with; codes not listed here are 400s. */
const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  site_not_found: 404,
  comment_not_found: 404,
  parent_not_found: 404,
  not_found: 404,
  origin_not_allowed: 403,
  thread_locked: 403,
  edit_token_invalid: 403,
  edit_window_closed: 403,
  banned: 403,
  email_domain_blocked: 403,
  forbidden: 403,
  unauthorized: 401,
  signin_link_invalid: 401,
  reader_session_invalid: 401,
  signin_required: 401,
  signin_method_off: 403,
  webmention_off: 403,
  reactions_off: 403,
  comment_deleted: 410,
  comment_too_long: 413,
  payload_too_large: 413,
  conflict: 409,
  idempotency_conflict: 409,
  already_reported: 409,
  spam_rejected: 422,
  rate_limited: 429,
};

export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return STATUS[code] ?? 400;
}

/** The ApiError for a known failure, or undefined for anything else (storage trouble, bugs). */
export function toApiError(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (err instanceof Refusal) {
    const headers =
      err.retryAfterSec === undefined ? undefined : { 'Retry-After': String(err.retryAfterSec) };
    return new ApiError(statusOf(err.code), err.code, err.message, err.details, headers);
  }
  if (err instanceof ThreadLockedError) return new ApiError(403, 'thread_locked', 'this thread is locked');
  if (err instanceof StatusConflictError)
    return new ApiError(409, 'conflict', 'the comment changed meanwhile; reload and retry');
  if (err instanceof CommentGoneError) return new ApiError(404, 'comment_not_found', 'the comment is gone');
  return undefined;
}
