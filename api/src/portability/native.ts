/**
 * The native export format (`afterword-native`, version 1), described by native.schema.json.
 * An export response and a whole-site file have the same shape: a file is one chunk without a cursor.
 */

import { publicCounts, type ReactionCounts, type ReactionSettings } from '../contract/reactions.js';
import type { RemoteOrigin } from '../contract/remote.js';
import { siteSetup } from '../domain/present.js';
import type { CommentItem, CommentStatus, PageItem, SiteItem } from '../store/items.js';

export const NATIVE_FORMAT = 'afterword-native';
export const NATIVE_VERSION = 1;

export interface NativeSite {
  id: string;
  name: string;
  origins: string[];
  moderation: SiteItem['moderation'];
  editWindowSec: number;
  maxDepth: number;
  maxBodyLength: number;
  /** The emoji it offers on comments and on the page (absent: none). */
  reactions?: ReactionSettings;
  createdAt: string;
}

export interface NativePage {
  page: string;
  title?: string;
  url?: string;
  locked?: boolean;
  createdAt?: string;
  /** Readers' reactions on the page itself, counted per emoji (who reacted is not exported). */
  reactions?: ReactionCounts;
}

export interface NativeVote {
  /** Keyed hash of the voter (meaningful only to the installation that made it). */
  voter: string;
  value: 1 | -1;
  createdAt?: string;
}

export interface NativeComment {
  id: string;
  page: string;
  parentId: string | null;
  depth: number;
  /** Raw markdown as written (text for comments imported from HTML). */
  body: string;
  /** Rendered, sanitized HTML. */
  html: string;
  status: CommentStatus;
  placeholder?: boolean;
  author: { name: string; email?: string; website?: string; avatar?: string; moderator?: boolean };
  createdAt: string;
  editedAt?: string;
  statusAt?: string;
  score: number;
  up: number;
  down: number;
  votes?: NativeVote[];
  /** Readers' reactions, counted per emoji (who reacted is not exported). */
  reactions?: ReactionCounts;
  pinned?: boolean;
  notify?: boolean;
  /** A reply fetched from elsewhere: its source and ids there (an import keeps them, so a refresh finds it). */
  remote?: RemoteOrigin;
}

export interface NativeChunk {
  format: typeof NATIVE_FORMAT;
  version: typeof NATIVE_VERSION;
  exportedAt: string;
  site: NativeSite;
  /** Pages that start in this chunk (a page's comments may go on in the next chunk). */
  pages: NativePage[];
  comments: NativeComment[];
  /** Pass back as `?cursor=` for the rest; null at the end. */
  nextCursor: string | null;
}

export function nativeSite(s: SiteItem): NativeSite {
  return { ...siteSetup(s), createdAt: s.createdAt };
}

export function nativePage(p: PageItem): NativePage {
  return {
    page: p.page,
    ...(p.title ? { title: p.title } : {}),
    ...(p.url ? { url: p.url } : {}),
    ...(p.locked ? { locked: true } : {}),
    ...(p.createdAt ? { createdAt: p.createdAt } : {}),
    ...counts(p.reactions),
  };
}

/** `{ reactions }` of stored counts, when any reader chose any. */
function counts(stored: unknown): { reactions?: ReactionCounts } {
  const reactions = publicCounts(stored);
  return reactions ? { reactions } : {};
}

export function nativeComment(c: CommentItem, votes: NativeVote[]): NativeComment {
  return {
    id: c.id,
    page: c.page,
    parentId: c.parentId ?? null,
    depth: c.depth ?? 0,
    body: c.body ?? '',
    html: c.html,
    status: c.status,
    ...(c.placeholder ? { placeholder: true } : {}),
    author: {
      name: c.authorName ?? '',
      ...(c.authorEmail ? { email: c.authorEmail } : {}),
      ...(c.authorWebsite ? { website: c.authorWebsite } : {}),
      ...(c.avatar ? { avatar: c.avatar } : {}),
      ...(c.byModerator ? { moderator: true } : {}),
    },
    createdAt: c.createdAt,
    ...(c.editedAt ? { editedAt: c.editedAt } : {}),
    ...(c.statusAt ? { statusAt: c.statusAt } : {}),
    score: c.score,
    up: c.up ?? 0,
    down: c.down ?? 0,
    ...(votes.length > 0 ? { votes } : {}),
    ...counts(c.reactions),
    ...(c.pinned ? { pinned: true } : {}),
    ...(c.notify ? { notify: true } : {}),
    ...(c.remote ? { remote: c.remote } : {}),
  };
}
