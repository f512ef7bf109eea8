/** The admin page's calls to `/api/v1/admin`: same origin, session cookie, CSRF header on writes. */

export type Status = 'pending' | 'approved' | 'spam' | 'deleted';
export const STATUSES: Status[] = ['pending', 'approved', 'spam', 'deleted'];

export interface SiteRole {
  site: string;
  role: 'owner' | 'moderator';
  name: string;
}

export interface Me {
  moderator: { email: string; name: string };
  sites: SiteRole[];
  csrfToken: string;
}

export interface AdminComment {
  id: string;
  site: string;
  page: string;
  parentId: string | null;
  depth: number;
  body: string;
  /** Sanitized by the server: the only HTML the page renders. */
  html: string;
  author: { name: string; email?: string; website?: string; avatar: string; moderator?: boolean };
  status: Status;
  createdAt: string;
  editedAt?: string;
  score: number;
  pinned: boolean;
  placeholder?: boolean;
  spamReasons?: string[];
}

export interface Queue {
  comments: AdminComment[];
  counts: Record<Status, number>;
  nextCursor: string | null;
}

export interface SpamSettings {
  requireComposeToken?: boolean;
  minComposeSec?: number;
  maxLinks?: number;
  blockedWords?: string[];
  blockedAction?: 'pending' | 'reject';
  ratePerClient?: number;
  ratePerPage?: number;
  rateWindowSec?: number;
  duplicateWindowSec?: number;
  akismet?: boolean;
  akismetKey?: string;
  akismetKeySet?: boolean;
}

export interface SiteSettings {
  id: string;
  name: string;
  origins: string[];
  moderation: 'none' | 'first-time' | 'all';
  editWindowSec: number;
  maxDepth: number;
  maxBodyLength: number;
  spam: SpamSettings;
}

export interface Ban {
  kind: 'email' | 'client';
  hash: string;
  reason: string;
  by: string;
  createdAt: string;
  until?: string;
}

export interface LogEntry {
  at: string;
  actor: string;
  action: string;
  target?: string;
  detail?: string;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const BASE = '/api/v1/admin';
let csrf = '';

export function setCsrf(token: string): void {
  csrf = token;
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string } }).error;
    throw new ApiFailure(res.status, err?.code ?? 'error', err?.message ?? `request failed (${res.status})`);
  }
  return json as T;
}

export const qs = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
