/** What a remote reply (Mastodon, Bluesky, a Webmention) takes in place of a client: its id, author and origin. */
import type { RemoteOrigin } from '../../contract/remote.js';
import { cleanWebsite } from '../markdown.js';
import { cleanLine } from '../text.js';
import { idempotentId, keyedHash } from '../tokens.js';

/** The comment id of a remote reply: the same on every refetch, so a refetch adds nothing. */
export function remoteCommentId(secret: string, site: string, r: Pick<RemoteOrigin, 'source' | 'remoteId'>) {
  return idempotentId(secret, site, `remote\u0000${r.source}\u0000${r.remoteId}`);
}

/** The account at the source: its handle, else its profile, else the reply itself. */
const account = (r: RemoteOrigin) => `${r.source}\u0000${r.handle ?? r.profile ?? r.remoteId}`;

/**
 * The remote account's keyed hashes: as the author (standing, history, an author ban) and as the
 * client (a client ban names the account), never an address anyone typed.
 */
export function remoteIdentity(secret: string, r: RemoteOrigin): { emailHash: string; ipHash: string } {
  return {
    emailHash: keyedHash(secret, 'email', `remote\u0000${account(r)}`),
    ipHash: keyedHash(secret, 'ip', `remote\u0000${account(r)}`),
  };
}

const https = (raw: string | undefined): string | undefined => {
  const url = cleanWebsite(raw);
  return url?.startsWith('https://') ? url : undefined;
};

/** The origin as stored: one line each, https links only (a reply without an https original is refused). */
export function cleanRemote(r: RemoteOrigin): RemoteOrigin | undefined {
  const url = https(r.url);
  const remoteId = cleanLine(r.remoteId).slice(0, 1000);
  if (!url || !remoteId) return undefined;
  const handle = cleanLine(r.handle).slice(0, 200);
  const profile = https(r.profile);
  const parent = cleanLine(r.parentRemoteId).slice(0, 1000);
  return {
    source: r.source,
    remoteId,
    url,
    ...(handle ? { handle } : {}),
    ...(profile ? { profile } : {}),
    ...(parent ? { parentRemoteId: parent } : {}),
  };
}

/** When the reply was written at the source: its own time, unless missing, malformed or in the future. */
export function remoteCreatedAt(claimed: string | undefined, now: Date): string {
  const t = claimed ? Date.parse(claimed) : Number.NaN;
  return Number.isFinite(t) && t <= now.getTime() ? new Date(t).toISOString() : now.toISOString();
}
