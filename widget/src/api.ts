/** The widget's view of the public API: options, the contract's response types, and one fetch helper mapping errors to codes. */
import type { ErrorCode } from '../../api/src/contract/codes.js';
import type { Sort } from '../../api/src/contract/limits.js';
import type {
  DeletedComment,
  EditedComment,
  PostedComment,
  PreviewResult,
  PublicComment,
  Thread,
  VoteResult,
} from '../../api/src/contract/responses.js';

export type { DeletedComment, EditedComment, PreviewResult, Sort, Thread, VoteResult };
export type Comment = PublicComment;
export type Posted = PostedComment;

export interface Options {
  /** Origin of the comment API (the embed script's own origin). */
  api: string;
  /** URL of the embed script; locale files and the error texts are loaded beside it. */
  src?: string;
  site: string;
  page: string;
  title?: string;
  url?: string;
  lang?: string;
  theme?: 'auto' | 'light' | 'dark';
  sort?: Sort;
  limit?: number;
  /** First wait (ms) before the thread file is read again (default 15 s, doubling while unchanged, up to 5 min or this). */
  live?: number;
  /** The thread's comment count when the page knows it (`data-count` on the target): room is kept for it. */
  count?: number;
}

/** An API answer that was not 2xx: its stable error code (or `network`) and details. */
export interface Fail {
  code: ErrorCode | 'network';
  details?: Record<string, unknown>;
}

export async function call<T>(
  o: Options,
  path: string,
  method = 'GET',
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${o.api}/api/v1${path}`, {
      method,
      // Always revalidate (a cheap 304 by ETag): a stale thread would hide a comment just posted.
      cache: 'no-cache',
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw { code: 'network' } satisfies Fail;
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    // How long to wait (429, 503): the details' own figure, else the Retry-After header's seconds (or null).
    const details = { retryAfterSec: res.headers.get('retry-after'), ...data?.error?.details };
    throw { code: data?.error?.code ?? 'internal', details } satisfies Fail;
  }
  return data as T;
}

/** Where the embed script lives: locale files and the error texts are loaded beside it. */
export const base = (o: Options) => o.src ?? `${o.api}/embed.js`;

export const enc = encodeURIComponent;
