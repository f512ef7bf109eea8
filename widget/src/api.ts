/** The widget's view of the public API: options, response shapes, and one fetch helper mapping errors to codes. */

export type Sort = 'oldest' | 'newest' | 'top';

export interface Options {
  /** Origin of the comment API (the embed script's own origin). */
  api: string;
  /** URL of the embed script; locale files are loaded beside it. */
  src?: string;
  site: string;
  page: string;
  title?: string;
  url?: string;
  lang?: string;
  theme?: 'auto' | 'light' | 'dark';
  sort?: Sort;
  limit?: number;
}

export interface Comment {
  id: string;
  parentId: string | null;
  depth: number;
  author: { name: string; website?: string; avatar: string; moderator?: boolean };
  html: string;
  createdAt: string;
  editedAt?: string;
  score: number;
  status: 'approved' | 'pending' | 'deleted';
  pinned?: boolean;
}

export interface Thread {
  page: { count: number; locked: boolean };
  settings: { editWindowSec: number; maxDepth: number; maxBodyLength: number };
  comments: Comment[];
  nextCursor: string | null;
  composeToken?: string;
}

export interface Posted {
  comment: Comment;
  editToken: string;
  editableUntil: string;
}

/** An API answer that was not 2xx: its stable error code (or `network`) and details. */
export interface Fail {
  code: string;
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
  if (!res.ok) throw { code: data?.error?.code ?? 'internal', details: data?.error?.details } satisfies Fail;
  return data as T;
}

export const enc = encodeURIComponent;
