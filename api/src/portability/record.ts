/** What every importer yields: one comment in neutral form, or a bad record to report and skip. */
import type { RemoteOrigin } from '../contract/remote.js';
import type { CommentStatus } from '../store/items.js';

export interface ImportComment {
  kind: 'comment';
  /** The source system's id of the comment (stable: deterministic ids are made from it). */
  sourceId: string;
  /**
   * The source's own site (a WordPress site URL, a Disqus forum, an Isso installation...): the comment's
   * id and its parent's are taken within it, so two sources whose ids overlap never meet.
   */
  origin?: string;
  /** The source's id of the parent comment, if a reply. */
  parentSourceId?: string;
  /** URL or path of the page the comment belongs to. */
  pageUrl: string;
  title?: string;
  /** Body as found: markdown (rendered), html (sanitized) or text (escaped). */
  body: string;
  bodyFormat: 'markdown' | 'html';
  /** Already sanitized HTML carried by the native format (sanitized again all the same). */
  html?: string;
  authorName?: string;
  authorEmail?: string;
  authorWebsite?: string;
  avatar?: string;
  moderator?: boolean;
  createdAt: string;
  editedAt?: string;
  statusAt?: string;
  status: CommentStatus;
  placeholder?: boolean;
  up?: number;
  down?: number;
  votes?: { voter: string; value: 1 | -1; createdAt?: string }[];
  /** Readers' reactions counted per emoji (the native format; who reacted is not carried). */
  reactions?: Record<string, number>;
  pinned?: boolean;
  notify?: boolean;
  /** A reply fetched from elsewhere (the native format): kept, its id made from it as a refresh makes it. */
  remote?: RemoteOrigin;
}

export interface ImportPage {
  kind: 'page';
  pageUrl: string;
  title?: string;
  /** The page's full URL when the source keeps it apart from the page path. */
  url?: string;
  locked?: boolean;
  createdAt?: string;
}

export interface ImportProblem {
  kind: 'problem';
  /** Where in the source (record number, line, id). */
  where: string;
  message: string;
}

export type ImportRecord = ImportComment | ImportPage | ImportProblem;

/** A whole file is unusable (bad XML, DOCTYPE, not JSON): the import stops with this message. */
export class ImportFormatError extends Error {
  override name = 'ImportFormatError';
}

/** Parses a date the way sources write them (ISO, epoch seconds/ms, `YYYY-MM-DD HH:MM:SS` as UTC). */
export function toIso(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const ms = value < 1e11 ? value * 1000 : value;
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  let s = value.trim();
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) s = `${s.replace(' ', 'T')}Z`;
  if (/^\d+(\.\d+)?$/.test(s)) return toIso(Number(s));
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return undefined;
  const y = d.getUTCFullYear();
  return y < 1990 || y > 2200 ? undefined : d.toISOString();
}

/** A source's site identity as ids are scoped by it: a URL without scheme or trailing slash, else the name. */
export function originOf(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  const m = /^(?:https?:)?\/\/([^/?#]+)([^?#]*)/i.exec(v);
  const out = m ? `${m[1]!.toLowerCase()}${m[2]!.replace(/\/+$/, '')}` : v;
  return out.slice(0, 200);
}

export const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
