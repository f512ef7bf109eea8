/**
 * The public thread files (issue 14): their paths and shapes, the one definition the publisher writes
 * and the widget reads. No runtime dependency (the widget imports it): shapes are types only.
 */
import type { PublicComment, PublicPage, PublicSettings } from './responses.js';

/** Every file path starts with this; the CDN routes it to the files' bucket (infra) or the Node server. */
export const FILES_PREFIX = 'files/';
/** Format generation of the files: a change of shape gets a new one, so old and new widgets coexist. */
export const FILES_FORMAT = 1;
/** Listed comments a thread file holds at most; past it the widget reads the API. */
export const THREAD_FILE_CAP = 300;
/** Most recent approved comments in the site file. */
export const SITE_RECENT_CAP = 20;
/** Longest page key (UTF-8 bytes) that has files; a longer one is read from the API only. */
export const FILE_PAGE_KEY_BYTES = 384;
/**
 * How long a browser (`max-age`) or the CDN (`s-maxage`, infra's FILES_EDGE_TTL_SECONDS) keeps a file
 * before revalidating it with its ETag.
 */
export const FILE_CACHE_CONTROL = 'public, max-age=5, s-maxage=600, must-revalidate';

/** base64url (no padding) of some bytes. */
export function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

/** base64url (no padding) of the page key's UTF-8 bytes; undefined past FILE_PAGE_KEY_BYTES. */
export function encodePageKey(page: string): string | undefined {
  const bytes = new TextEncoder().encode(page);
  if (bytes.length === 0 || bytes.length > FILE_PAGE_KEY_BYTES) return undefined;
  return base64url(bytes);
}

/** The folder of one site's files. */
export function siteDir(site: string): string {
  return `${FILES_PREFIX}v${FILES_FORMAT}/${site}`;
}

/** Paths of one page's thread files (JSON and HTML fragment); undefined when the page has none. */
export function threadFile(site: string, page: string): { json: string; html: string } | undefined {
  const key = encodePageKey(page);
  if (!key) return undefined;
  const base = `${siteDir(site)}/t/${key}`;
  return { json: `${base}.json`, html: `${base}.html` };
}

/** Path of a site's file (settings, counts of all pages, recent comments). */
export function siteFile(site: string): string {
  return `${siteDir(site)}/site.json`;
}

/** A thread as its JSON file holds it. */
export interface ThreadFile {
  format: typeof FILES_FORMAT;
  /** Grows with every public change of the page: a file never replaces a newer one. */
  version: number;
  page: PublicPage;
  settings: PublicSettings;
  /** Listed comments oldest first (each with `parentId` and `depth`), at most THREAD_FILE_CAP. */
  comments: PublicComment[];
  /** True when `comments` is the whole listed thread; else the widget reads the API past them. */
  complete: boolean;
  publishedAt: string;
}

/** One entry of the site file's recent comments, newest first. */
export interface RecentComment {
  page: string;
  title?: string;
  url?: string;
  comment: PublicComment;
}

/** A site as its file holds it. */
export interface SiteFile {
  format: typeof FILES_FORMAT;
  /** The sum of its pages' versions: grows with every public change of any page. */
  version: number;
  site: string;
  settings: PublicSettings;
  /** Approved comments of every page that has any, by page key. */
  counts: Record<string, number>;
  recent: RecentComment[];
  publishedAt: string;
}
