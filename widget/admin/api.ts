/** The admin page's one API client for `/api/v1/admin` (same origin, session cookie, CSRF header on writes), with the contract's types. */
import type { ErrorCode } from '../../api/src/contract/codes.js';
import type { AdminSite } from '../../api/src/contract/responses.js';

export type {
  AdminComment,
  AuthorErased,
  AuthorExport,
  AuthorHistory,
  AuthorNoteResult,
  Ban,
  Bans,
  BulkResult,
  CommentRef,
  ExportChunk,
  ImportOutcome,
  Log,
  LogEntry,
  MailChoice,
  Me,
  Queue,
  SiteSettingsResult,
  Stats,
} from '../../api/src/contract/responses.js';
export type SiteSettings = AdminSite;

/** A call that did not succeed: the HTTP status (0 when the API was not reached), the API's code and details. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'ApiFailure';
  }
}

const BASE = '/api/v1/admin';
let csrf = '';

export function setCsrf(token: string): void {
  csrf = token;
}

/** One call: a JSON body, or a file sent as it is (imports); throws `ApiFailure` for anything but 2xx. */
export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const raw = body instanceof Blob;
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: raw ? body : JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiFailure(0, 'network');
  }
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = (json as { error?: { code?: ErrorCode; details?: Record<string, unknown> } }).error;
    throw new ApiFailure(res.status, err?.code ?? 'internal', err?.details);
  }
  return json as T;
}

export const qs = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
