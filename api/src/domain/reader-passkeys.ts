/**
 * Readers' passkeys: the relying party is the blog's (the request's Origin, one of the site's), a registration
 * attaches to the signed-in reader or makes a new account, a sign-in is usernameless. The WebAuthn checks and
 * the single-use challenges are the moderators' (domain/passkeys.ts, store/passkeys.ts). Failures come back as
 * undefined; the caller says why to no one.
 */
import type { ReaderSession } from '../contract/reader.js';
import type { SiteItem } from '../store/items.js';
import type { PasskeyStore, ReaderChallenge } from '../store/passkeys.js';
import type { ReaderPasskeyStore } from '../store/reader-passkeys.js';
import { normalizeOrigin } from '../store/sites.js';
import { newNonce } from './admin-link.js';
import {
  answerCredentialId,
  authenticationOptions,
  CHALLENGE_TTL_SEC,
  type RelyingParty,
  registrationOptions,
  verifyAuthentication,
  verifyRegistration,
} from './passkeys.js';

/** What the ceremonies need: the challenges, the readers' passkeys, a clock, and the core's sign-in. */
export interface PasskeyEnv {
  passkeys: Pick<PasskeyStore, 'putChallenge' | 'takeChallenge'>;
  readerPasskeys: ReaderPasskeyStore;
  now: () => Date;
  /** Opens a session for the passkey identity `subject` (attached to `readerId` when given). */
  signIn: (
    site: SiteItem,
    identity: { kind: 'passkey'; subject: string; name?: string },
    readerId?: string,
  ) => Promise<ReaderSession>;
}

/** The blog page's relying party: its origin must be one of the site's; undefined otherwise. */
export function readerRp(site: Pick<SiteItem, 'origins' | 'name'>, origin: string | undefined) {
  const o = origin ? normalizeOrigin(origin) : undefined;
  if (!o || !site.origins.includes(o)) return undefined;
  return { id: new URL(o).hostname, origin: o, name: site.name } satisfies RelyingParty;
}

const nowSec = (env: PasskeyEnv) => Math.floor(env.now().getTime() / 1000);

async function handOut(
  env: PasskeyEnv,
  purpose: 'reader-register' | 'reader-login',
  c: string,
  r: ReaderChallenge,
) {
  const attempt = newNonce();
  await env.passkeys.putChallenge(attempt, {
    challenge: c,
    purpose,
    reader: r,
    expiresAt: nowSec(env) + CHALLENGE_TTL_SEC,
  });
  return attempt;
}

/** The options of a registration: for the signed-in `reader`, else for a new account named `name`. */
export async function beginRegistration(
  env: PasskeyEnv,
  { id: site }: SiteItem,
  rp: RelyingParty,
  who: { reader: { id: string; name: string } } | { name: string },
) {
  const existing = 'reader' in who ? await env.readerPasskeys.list(site, who.reader.id) : [];
  const name = 'reader' in who ? who.reader.name : who.name;
  // A new account's user handle is random; a signed-in reader's is their account id.
  const handle = 'reader' in who ? who.reader.id : newNonce();
  const options = await registrationOptions(rp, { email: name, name }, existing, handle);
  const attempt = await handOut(env, 'reader-register', options.challenge, {
    site,
    origin: rp.origin,
    ...('reader' in who ? { readerId: who.reader.id } : { name, handle }),
  });
  return { attempt, options };
}

/**
 * Checks a registration's answer against its challenge (taken once; of this site and origin; of the same
 * signed-in reader, or of none when it makes an account) and signs in with the new passkey.
 */
export async function finishRegistration(
  env: PasskeyEnv,
  siteItem: SiteItem,
  rp: RelyingParty,
  readerId: string | undefined,
  attempt: string,
  response: unknown,
): Promise<ReaderSession | undefined> {
  const site = siteItem.id;
  const c = await env.passkeys.takeChallenge(attempt, 'reader-register', nowSec(env));
  const r = c?.reader;
  if (!c || !r || r.site !== site || r.origin !== rp.origin || r.readerId !== readerId) return undefined;
  const credential = await verifyRegistration(rp, response, c.challenge);
  if (!credential) return undefined;
  const subject = r.readerId ?? r.handle;
  if (!subject) return undefined;
  const session = await env.signIn(siteItem, { kind: 'passkey', subject, name: r.name }, r.readerId);
  const added = await env.readerPasskeys.add({
    ...credential,
    site,
    readerId: session.reader.id,
    subject,
    createdAt: env.now().toISOString(),
  });
  return added ? session : undefined;
}

export async function beginSignIn(env: PasskeyEnv, { id: site }: SiteItem, rp: RelyingParty) {
  const options = await authenticationOptions(rp);
  const attempt = await handOut(env, 'reader-login', options.challenge, { site, origin: rp.origin });
  return { attempt, options };
}

/** A usernameless sign-in: the answer's credential must be one of this site's and sign the challenge. */
export async function finishSignIn(
  env: PasskeyEnv,
  siteItem: SiteItem,
  rp: RelyingParty,
  attempt: string,
  response: unknown,
): Promise<ReaderSession | undefined> {
  const site = siteItem.id;
  const c = await env.passkeys.takeChallenge(attempt, 'reader-login', nowSec(env));
  if (!c?.reader || c.reader.site !== site || c.reader.origin !== rp.origin) return undefined;
  const credentialId = answerCredentialId(response);
  const passkey = credentialId ? await env.readerPasskeys.byCredential(site, credentialId) : undefined;
  if (!passkey) return undefined;
  const counter = await verifyAuthentication(rp, response, c.challenge, passkey);
  // A counter that did not grow (authenticators that count) means a cloned key: refused.
  if (counter === undefined || (passkey.counter > 0 && counter <= passkey.counter)) return undefined;
  if (!(await env.readerPasskeys.used(passkey, counter, env.now().toISOString()))) return undefined;
  return env.signIn(siteItem, { kind: 'passkey', subject: passkey.subject });
}
