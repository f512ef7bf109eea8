/** The one error type of the API: a status, a stable code the widget maps to text, and a message. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from './contract/codes.js';

export type { ErrorCode };

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const TRANSIENT_NAMES = new Set([
  'StorageBusyError',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TransactionConflictException',
  'TransactionInProgressException',
  'NetworkingError',
  'ResourceNotFoundException',
]);
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/** True when an error means storage is unreachable or overloaded (answered with 503), not a bug. */
export function isStorageUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err instanceof ApiError) return false;
  const e = err as Error & { code?: string; $metadata?: { httpStatusCode?: number }; errors?: unknown[] };
  if (TRANSIENT_NAMES.has(e.name)) return true;
  if (e.code && TRANSIENT_CODES.has(e.code)) return true;
  if (e.name === 'AggregateError' && Array.isArray(e.errors)) return e.errors.some(isStorageUnavailable);
  if (e.$metadata && (e.$metadata.httpStatusCode ?? 0) >= 500) return true;
  if (e.cause) return isStorageUnavailable(e.cause);
  return false;
}
