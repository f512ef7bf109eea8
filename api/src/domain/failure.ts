/** The domain's one refusal type: a stable error code and details; the HTTP layer picks the status. */
import type { ErrorCode } from '../errors.js';

export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Seconds after which the same request may succeed (rate limits). */
    readonly retryAfterSec?: number,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}
