/**
 * Reactions: who reacts (a signed-in reader's account, else the client, keyed per site like a voter), whether the
 * site offers the emoji there, which comments may take one, and the answer (the emoji, the reader's state, counts).
 */
import { publicCounts, type Reaction, type ReactionResult, reactionSet } from '../contract/reactions.js';
import type { Store } from '../store/index.js';
import type { CommentItem, SiteItem } from '../store/items.js';
import type { SessionAsk, SessionReader } from '../store/reaction-targets.js';
import type { Counted } from '../store/reactions.js';
import type { ReaderItem } from '../store/readers.js';
import { clientKey } from './client.js';
import { Refusal } from './failure.js';
import { tokenHash } from './reader.js';
import { keyedHash } from './tokens.js';

export interface ReactionEnv {
  store: Store;
  secret: string;
  now: () => Date;
}

/** Where on a page a reaction goes: a comment, or the page itself (the site's two sets). */
export type ReactionPlace = 'comments' | 'page';

const TOKEN = /^[A-Za-z0-9_-]{1,100}$/;

/** The session header as the store reads it beside the target (a malformed one signs no one in). */
export function sessionAsk(env: ReactionEnv, token: string | undefined): SessionAsk | undefined {
  if (token === undefined) return undefined;
  return {
    tokenHash: TOKEN.test(token) ? tokenHash(token) : '-',
    nowSec: Math.floor(env.now().getTime() / 1000),
  };
}

/** The reader a session header signed in, or a 401 like every reader route's when it signs in no one here. */
export function readerFrom(found: SessionReader): ReaderItem | undefined {
  if (found === 'invalid')
    throw new Refusal('reader_session_invalid', 'this session is over or belongs to another site');
  return found;
}

/** Who reacts on `site`: the signed-in reader's account, else the client (the keyed hash a vote uses). */
export function reactorOf(secret: string, site: string, reader: ReaderItem | undefined, ip: string): string {
  return reader
    ? keyedHash(secret, 'reactor', `${site}\u0000${reader.id}`)
    : keyedHash(secret, 'voter', `${site}\u0000${clientKey(ip)}`);
}

/** The emoji when the site offers it `where`; refused when reactions are off there or it is not in the set. */
export function offered(site: SiteItem, where: ReactionPlace, emoji: string): Reaction {
  const set = reactionSet(site.reactions?.[where]);
  if (set.length === 0)
    throw new Refusal(
      'reactions_off',
      where === 'page'
        ? 'this site takes no reactions on its pages'
        : 'this site takes no reactions on comments',
    );
  const found = set.find((r) => r === emoji);
  if (!found)
    throw new Refusal('reaction_invalid', `not a reaction this site offers: use one of ${set.join(' ')}`, {
      fields: ['emoji'],
      allowed: set,
    });
  return found;
}

/** A comment readers may react to: shown (approved); a deleted one is gone, any other is not found. */
export function reactable(comment: CommentItem | undefined): CommentItem {
  if (comment?.status === 'deleted') throw new Refusal('comment_deleted', 'this comment has been deleted');
  if (comment?.status !== 'approved') throw new Refusal('comment_not_found', 'no such comment to react to');
  return comment;
}

/** Gives (`on`) or takes back the reader's reaction on a target the site offers it on; the answer with its counts. */
export async function react(
  env: ReactionEnv,
  input: {
    site: SiteItem;
    target: Counted;
    emoji: string;
    on: boolean;
    reader: ReaderItem | undefined;
    ip: string;
  },
): Promise<ReactionResult> {
  const where: ReactionPlace = input.target.kind === 'comment' ? 'comments' : 'page';
  const emoji = offered(input.site, where, input.emoji);
  const reactor = reactorOf(env.secret, input.site.id, input.reader, input.ip);
  const done = await env.store.reactions.set(input.target, emoji, reactor, input.on, env.now().toISOString());
  return { emoji, reacted: input.on, reactions: publicCounts(done.counts) ?? {} };
}
