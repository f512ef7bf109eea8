/**
 * Readers' sign-in, whatever the method: the account an identity belongs to (made on first sign-in), a
 * session token (random, stored hashed, bound to one site), and what a token is worth on a site.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Reader, ReaderSession } from '../contract/reader.js';
import { READER_SESSION_TTL_SEC, type ReaderMethod } from '../contract/reader-names.js';
import type { Store } from '../store/index.js';
import type { SiteItem } from '../store/items.js';
import type { ReaderItem } from '../store/readers.js';
import { keyedHash, newId, normalizeEmail } from './tokens.js';

export interface ReaderEnv {
  store: Store;
  secret: string;
  now: () => Date;
}

/** Who signed in: the method, its subject (address, GitHub id, issuer and sub, account id), what it vouches for. */
export interface ReaderIdentity {
  kind: ReaderMethod;
  subject: string;
  /** An address the method proved (never an unverified one). */
  email?: string | undefined;
  name?: string | undefined;
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

/** The author key of a reader's comments: their verified address's, else one of their own. */
export function authorHashOf(secret: string, readerId: string, email?: string): string {
  return email ? keyedHash(secret, 'email', normalizeEmail(email)) : keyedHash(secret, 'reader', readerId);
}

/** The hashed subject an identity is stored under (addresses and ids never stand in the key). */
const subjectHash = (secret: string, id: ReaderIdentity) =>
  keyedHash(secret, 'reader-subject', id.kind === 'email' ? normalizeEmail(id.subject) : id.subject);

export function presentReader(r: ReaderItem): Reader {
  return { id: r.id, name: r.name, ...(r.email ? { email: r.email } : {}), methods: r.methods };
}

/** A name for a new account: the identity's, else the part of the address before the @, else "Reader". */
function nameOf(id: ReaderIdentity): string {
  const name = (id.name ?? id.email?.split('@')[0] ?? '').trim().slice(0, 80);
  return name || 'Reader';
}

/**
 * Signs `identity` in on `site`: to the account it belongs to, else (with `readerId`) attaching it to that
 * signed-in reader's account, else to a new account. Opens a session and hands back its token.
 */
export async function signInReader(
  env: ReaderEnv,
  site: SiteItem,
  identity: ReaderIdentity,
  opts: { readerId?: string | undefined } = {},
): Promise<ReaderSession> {
  const { store, secret } = env;
  const hash = subjectHash(secret, identity);
  let readerId = await store.readers.identity(site.id, identity.kind, hash);
  if (!readerId && opts.readerId) {
    await store.readers.link(site.id, identity.kind, hash, { readerId: opts.readerId });
    readerId = opts.readerId;
  }
  if (!readerId) {
    const id = newId();
    const email = identity.email ? normalizeEmail(identity.email) : undefined;
    const made = await store.readers.link(site.id, identity.kind, hash, {
      reader: {
        id,
        site: site.id,
        name: nameOf(identity),
        ...(email ? { email } : {}),
        authorHash: authorHashOf(secret, id, email),
        methods: [identity.kind],
        epoch: newId(),
        createdAt: env.now().toISOString(),
      },
    });
    // Two first sign-ins at once: the other one made the account.
    readerId = made ? id : await store.readers.identity(site.id, identity.kind, hash);
  }
  const reader = readerId ? await store.readers.get(site.id, readerId) : undefined;
  if (!reader) throw new Error('reader account vanished while signing in');
  return openSession(env, reader, identity.kind);
}

/** A new session of `reader`, begun now with the account's epoch. */
export async function openSession(env: ReaderEnv, reader: ReaderItem, method: ReaderMethod) {
  const token = newToken();
  const now = env.now();
  const expiresAt = Math.floor(now.getTime() / 1000) + READER_SESSION_TTL_SEC;
  await env.store.readers.openSession(tokenHash(token), {
    site: reader.site,
    readerId: reader.id,
    epoch: reader.epoch,
    method,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { token, expiresAt: new Date(expiresAt * 1000).toISOString(), reader: presentReader(reader) };
}

/** The reader a token signs in on `site`; undefined when it is unknown, over, or another site's. */
export async function readerOf(env: ReaderEnv, site: string, token: string): Promise<ReaderItem | undefined> {
  const found = await env.store.readers.session(tokenHash(token), Math.floor(env.now().getTime() / 1000));
  return found && found.session.site === site ? found.reader : undefined;
}

/** Ends every session of the reader (theirs included). */
export async function signOutEverywhere(env: ReaderEnv, reader: ReaderItem): Promise<void> {
  await env.store.readers.newEpoch(reader.site, reader.id, newId());
}
