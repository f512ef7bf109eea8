/** Test helpers for the admin API: seeded moderators, sessions made in storage, requests with cookies. */
import { csrfToken, SESSION_TTL_SEC } from '../domain/auth.js';
import { hashPassword } from '../domain/password.js';
import { newId } from '../domain/tokens.js';
import type { CommentStatus, Role } from '../store/items.js';
import type { Harness } from '../testing/harness.js';

export const OWN = 'http://localhost';

export interface TestSession {
  cookie: string;
  csrf: string;
}

export async function addModerator(
  h: Harness,
  email: string,
  grants: Array<[string, Role]>,
  password?: string,
) {
  await h.store.moderators.upsert(email, {
    name: email.split('@')[0],
    ...(password ? { passwordHash: await hashPassword(password) } : {}),
  });
  for (const [site, role] of grants) await h.store.moderators.grant(email, site, role);
}

/** A session made directly in storage; `ageSec` makes it older (past its expiry when > TTL). */
export async function sessionFor(h: Harness, email: string, ageSec = 0): Promise<TestSession> {
  const at = new Date(h.deps.now().getTime() - ageSec * 1000);
  const { id } = await h.store.sessions.create(email, at, SESSION_TTL_SEC);
  return { cookie: `afterword_session=${id}`, csrf: csrfToken(h.config.secret, id) };
}

export async function seedComment(
  h: Harness,
  site: string,
  opts: { status?: CommentStatus; page?: string; body?: string; email?: string; emailHash?: string } = {},
): Promise<string> {
  const id = newId();
  const body = opts.body ?? `hello ${id}`;
  await h.store.comments.create(
    {
      id,
      site,
      page: opts.page ?? '/p/',
      parentId: null,
      depth: 0,
      body,
      html: `<p>${body}</p>`,
      authorName: 'Ann',
      ...(opts.email ? { authorEmail: opts.email } : {}),
      emailHash: opts.emailHash ?? 'e'.repeat(32),
      ipHash: 'f'.repeat(32),
      avatar: 'abcdefabcdef',
      status: opts.status ?? 'pending',
      createdAt: h.deps.now().toISOString(),
    },
    {},
  );
  return id;
}

export interface AdminCall {
  session?: TestSession;
  origin?: string | null;
  csrf?: string | null;
  body?: unknown;
  ip?: string;
  /** The browser's User-Agent. */
  ua?: string;
}

/** Calls the admin API in process, as the admin page would (same origin, cookie, CSRF header). */
export async function adminCall(h: Harness, method: string, path: string, o: AdminCall = {}) {
  const headers: Record<string, string> = {};
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (o.session) headers.cookie = o.session.cookie;
  const csrf = o.csrf === undefined ? o.session?.csrf : o.csrf;
  if (csrf) headers['x-csrf-token'] = csrf;
  const origin = o.origin === undefined ? (method === 'GET' ? null : OWN) : o.origin;
  if (origin) headers.origin = origin;
  if (o.ip) headers['x-test-ip'] = o.ip;
  if (o.ua) headers['user-agent'] = o.ua;
  const res = await h.app.request(`${OWN}/api/v1/admin${path}`, {
    method,
    headers,
    ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected freely
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, headers: res.headers };
}
