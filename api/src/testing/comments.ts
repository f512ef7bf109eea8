/** Posting a comment and reading a thread as the widget does, through any Caller (in process, HTTP, Lambda). */
import type { Caller, CallResult } from './clients.js';

/** The origin `h.site()` allows by default: the widget's page on the blog. */
export const ORIGIN = 'https://blog.example';

/** A comment as the widget sends it; anything else (even nonsense, for hostile tests) goes through as given. */
export interface CommentPost {
  site: string;
  page?: unknown;
  body?: unknown;
  author?: unknown;
  parentId?: unknown;
  [field: string]: unknown;
}

export interface SendOptions {
  /** The page's origin; `null` sends none (a server-side client). Default: ORIGIN. */
  origin?: string | null;
  idempotencyKey?: string;
  /** Client IP as the platform sees it. */
  ip?: string;
  headers?: Record<string, string>;
}

function headersOf(o: SendOptions): Record<string, string> {
  return {
    ...(o.origin === null ? {} : { origin: o.origin ?? ORIGIN }),
    ...(o.idempotencyKey ? { 'idempotency-key': o.idempotencyKey } : {}),
    ...o.headers,
  };
}

/** POST /api/v1/comments; page and body default to `/p/` and a short text. The answer is returned as is. */
export function postComment(call: Caller, comment: CommentPost, o: SendOptions = {}): Promise<CallResult> {
  return call('POST', '/api/v1/comments', {
    body: { page: '/p/', body: 'A comment', ...comment },
    headers: headersOf(o),
    ...(o.ip ? { ip: o.ip } : {}),
  });
}

/** GET /api/v1/comments for one page, with any other query parameters (sort, limit, cursor). */
export function readThread(
  call: Caller,
  site: string,
  page: string,
  query: Record<string, string | number> = {},
  o: SendOptions = {},
): Promise<CallResult> {
  const q = new URLSearchParams({ site, page });
  for (const [k, v] of Object.entries(query)) q.set(k, String(v));
  return call('GET', `/api/v1/comments?${q}`, {
    headers: headersOf(o),
    ...(o.ip ? { ip: o.ip } : {}),
  });
}
