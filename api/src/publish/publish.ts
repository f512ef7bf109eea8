/**
 * Publishing: re-reads a page (or a site) through the store and writes its files. A write never
 * replaces a file of a newer version (file-store.ts), so publishes racing leave the newest state.
 */
import {
  SITE_RECENT_CAP,
  siteFile as siteFilePath,
  THREAD_FILE_CAP,
  threadFile as threadPaths,
} from '../contract/files.js';
import type { Store } from '../store/index.js';
import type { SiteItem } from '../store/items.js';
import type { FileStore, PutResult } from './file-store.js';
import { threadHtml } from './html.js';
import { type FreshPage, siteFile, withFresh } from './site.js';
import { threadFile } from './thread.js';

export interface PublishDeps {
  store: Store;
  files: FileStore;
  now?: () => Date;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

export type Published =
  | { version: number; json: PutResult; html: PutResult | 'skipped'; read: FreshPage }
  | undefined;

export interface PageOptions {
  /** The version the files carry at least (a page whose meta was removed has none of its own). */
  atLeast?: number;
  /** The site as just read (strongly consistent), when the caller has it. */
  site?: SiteItem | undefined;
  /** 'json': only scores changed, which the fragment does not show: the HTML is left as it is. */
  only?: 'json';
}

/** Writes a page's thread files; undefined when the site is gone or the page key is too long for a file. */
export async function publishPage(
  deps: PublishDeps,
  siteId: string,
  page: string,
  o: PageOptions = {},
): Promise<Published> {
  const paths = threadPaths(siteId, page);
  const site = 'site' in o ? o.site : await deps.store.sites.fresh(siteId);
  if (!paths || !site) return undefined;
  const atLeast = o.atLeast ?? 0;
  // Strongly consistent, the meta first: the comments read after it are at least as new as the version
  // the file carries, and that version is at least the change that asked for the publish.
  const item = await deps.store.threads.getPage(siteId, page, true);
  const comments = await deps.store.threads.all(siteId, page, true, THREAD_FILE_CAP + 1, true);
  const file = threadFile(site, page, item, comments, (deps.now ?? (() => new Date()))());
  const thread = { ...file, version: Math.max(file.version, atLeast) };
  const [json, html] = await Promise.all([
    deps.files.put({
      key: paths.json,
      body: JSON.stringify(thread),
      content: JSON.stringify({ ...thread, publishedAt: undefined }),
      contentType: JSON_TYPE,
      version: thread.version,
    }),
    o.only === 'json'
      ? ('skipped' as const)
      : deps.files.put({
          key: paths.html,
          body: threadHtml(thread),
          contentType: HTML_TYPE,
          version: thread.version,
        }),
  ]);
  return { version: thread.version, json, html, read: { page, item, comments } };
}

/**
 * Writes a site's file; undefined when the site is gone. `fresh`: pages just published, whose strongly
 * consistent reads correct what the (eventually consistent) indexes say of them; `read`: the site as
 * the caller just read it.
 */
export async function publishSite(
  deps: PublishDeps,
  siteId: string,
  fresh: FreshPage[] = [],
  ...read: [SiteItem | undefined] | []
) {
  const site = read.length ? read[0] : await deps.store.sites.fresh(siteId);
  if (!site) return undefined;
  const [pages, recent] = await Promise.all([
    deps.store.pages.all(siteId),
    deps.store.moderation.queue({ site: siteId, status: 'approved', limit: SITE_RECENT_CAP, public: true }),
  ]);
  const merged = withFresh(pages, recent.comments, fresh);
  const file = siteFile(site, merged.pages, merged.recent, (deps.now ?? (() => new Date()))());
  const result = await deps.files.put({
    key: siteFilePath(siteId),
    body: JSON.stringify(file),
    content: JSON.stringify({ ...file, publishedAt: undefined }),
    contentType: JSON_TYPE,
    version: file.version,
  });
  return { version: file.version, result };
}
