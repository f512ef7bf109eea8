/** Public views of stored items: what readers may see, never an email or an IP. */
import {
  publicCounts,
  type ReactionCounts,
  type ReactionSettings,
  reactionSet,
} from '../contract/reactions.js';
import type { PublicReaderSettings } from '../contract/reader.js';
import type { RemoteOrigin, RemoteSource } from '../contract/remote.js';
import type { CommentItem, PageItem, SiteItem } from '../store/items.js';
import type { StoredComment } from '../store/private.js';
import { cleanPageUrl } from './page-path.js';

export interface PublicComment {
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
  reactions?: ReactionCounts;
  remote?: { source: RemoteSource; url: string; handle?: string; profile?: string };
}

/** What readers see of a remote origin: the badge's source, the original, the account (no remote ids). */
function publicRemote(r: RemoteOrigin): NonNullable<PublicComment['remote']> {
  return {
    source: r.source,
    url: r.url,
    ...(r.handle ? { handle: r.handle } : {}),
    ...(r.profile ? { profile: r.profile } : {}),
  };
}

export function publicComment(c: StoredComment): PublicComment {
  if (c.status === 'deleted' || c.status === 'spam') {
    return {
      id: c.id,
      parentId: c.parentId,
      depth: c.depth,
      author: { name: '', avatar: '' },
      html: '',
      createdAt: c.createdAt,
      score: 0,
      status: 'deleted',
    };
  }
  return {
    id: c.id,
    parentId: c.parentId,
    depth: c.depth,
    author: {
      name: c.authorName,
      ...(c.authorWebsite ? { website: c.authorWebsite } : {}),
      avatar: c.avatar,
      ...(c.byModerator ? { moderator: true } : {}),
      ...(c.verified ? { verified: true } : {}),
    },
    html: c.html,
    createdAt: c.createdAt,
    ...(c.editedAt ? { editedAt: c.editedAt } : {}),
    score: c.score,
    status: c.status,
    ...(c.pinned ? { pinned: true } : {}),
    ...withReactions(c.reactions),
    ...(c.remote ? { remote: publicRemote(c.remote) } : {}),
  };
}

/** `{ reactions }` of stored counts, or nothing when no reader chose any. */
function withReactions(stored: unknown): { reactions?: ReactionCounts } {
  const reactions = publicCounts(stored);
  return reactions ? { reactions } : {};
}

export function publicPage(site: SiteItem, page: string, item: PageItem | undefined) {
  return {
    site: site.id,
    page,
    title: item?.title || undefined,
    url: cleanPageUrl(item?.url),
    count: item?.count ?? 0,
    locked: item?.locked === true,
    ...(item?.mentionLikes || item?.mentionReposts
      ? { mentions: { likes: item.mentionLikes ?? 0, reposts: item.mentionReposts ?? 0 } }
      : {}),
    ...withReactions(item?.reactions),
  };
}

/** Settings the widget needs to behave as the server will. */
/** A site as its owner set it up: who it is, where it lives, how it moderates (admin and export views). */
export function siteSetup(s: SiteItem) {
  return { id: s.id, name: s.name, origins: s.origins, ...publicSettings(s) };
}

export function publicSettings(site: SiteItem) {
  const readers = publicReaderSettings(site);
  return {
    moderation: site.moderation,
    editWindowSec: site.editWindowSec,
    maxDepth: site.maxDepth,
    maxBodyLength: site.maxBodyLength,
    ...(readers ? { readers } : {}),
    ...publicReactionSettings(site.reactions),
  };
}

/** `{ reactions }` with the sets a site offers (each left out when empty), or nothing when it offers none. */
function publicReactionSettings(r: ReactionSettings | undefined): { reactions?: ReactionSettings } {
  const comments = reactionSet(r?.comments);
  const page = reactionSet(r?.page);
  if (comments.length === 0 && page.length === 0) return {};
  return {
    reactions: { ...(comments.length ? { comments } : {}), ...(page.length ? { page } : {}) },
  };
}

/** The ways a site offers readers to sign in, when it offers any (never a client id or secret). */
function publicReaderSettings(site: SiteItem): PublicReaderSettings | undefined {
  const r = site.readers;
  const providers = (r?.providers ?? []).map((p) => ({ id: p.id, name: p.name, kind: p.kind }));
  if (!r || !(r.email || r.passkey || providers.length > 0)) return undefined;
  return {
    ...(r.email ? { email: true } : {}),
    ...(r.passkey ? { passkey: true } : {}),
    ...(providers.length > 0 ? { providers } : {}),
    ...(r.required ? { required: true } : {}),
    ...(r.editsAnytime ? { editsAnytime: true } : {}),
  };
}
