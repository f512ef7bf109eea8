/** A post's replies elsewhere as the fetchers read them: one shape for Mastodon and Bluesky, parents first. */
import type { RemoteOrigin } from '../../contract/remote.js';
import { type FetchPublicOptions, fetchPublic } from '../outbound.js';

export interface RemoteReply {
  remote: RemoteOrigin;
  /** The account's display name. */
  name: string;
  html: string;
  text?: string;
  createdAt: string;
  editedAt?: string;
}

/**
 * What a fetch found: the replies it could see, or the post itself gone (404/410: every reply goes).
 * `partial`: the source may have left some out (a capped answer), so an absent reply is not a deleted one.
 */
export type RemoteThread = { gone: false; replies: RemoteReply[]; partial?: boolean } | { gone: true };

/** How fetchers reach the outside: through the outbound guard, with its allow-list, limits and resolver. */
export type OutboundEnv = Omit<FetchPublicOptions, 'accept' | 'headers' | 'signal'>;

export class RemoteFetchError extends Error {
  override name = 'RemoteFetchError';
}

/** GETs JSON through the guard: the parsed body and the status (a body cut off at the size limit is an error). */
export async function getJson(url: string, out: OutboundEnv): Promise<{ status: number; json: unknown }> {
  const answer = await fetchPublic(url, { ...out, accept: 'application/json', maxRedirects: 2 });
  if (answer.truncated)
    throw new RemoteFetchError(`the answer from ${new URL(url).host} is over the size limit`);
  try {
    return { status: answer.status, json: answer.body === '' ? undefined : JSON.parse(answer.body) };
  } catch {
    if (answer.status >= 400) return { status: answer.status, json: undefined };
    throw new RemoteFetchError(`the answer from ${new URL(url).host} is not JSON`);
  }
}

/** Orders replies so every parent comes before its children; a reply whose parent is not there hangs under the post. */
export function parentsFirst(replies: RemoteReply[]): RemoteReply[] {
  const byId = new Map(replies.map((r) => [r.remote.remoteId, r]));
  const out: RemoteReply[] = [];
  const placed = new Set<string>();
  const place = (r: RemoteReply, path: Set<string>) => {
    if (placed.has(r.remote.remoteId)) return;
    const parentId = r.remote.parentRemoteId;
    const parent = parentId ? byId.get(parentId) : undefined;
    if (parentId && (!parent || path.has(parentId))) {
      const { parentRemoteId: _, ...rest } = r.remote;
      r = { ...r, remote: rest };
    } else if (parent) place(parent, new Set([...path, r.remote.remoteId]));
    placed.add(r.remote.remoteId);
    out.push(r);
  };
  for (const r of replies) place(r, new Set([r.remote.remoteId]));
  return out;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
