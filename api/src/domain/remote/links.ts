/** Linking a page to its posts elsewhere, by a moderator (admin API, CLI): never from a reader. */
import type { RemoteLinks } from '../../contract/remote-links.js';
import type { Store } from '../../store/index.js';
import type { RemoteLinksItem, RemotePostSource } from '../../store/remote-links.js';
import { Refusal } from '../failure.js';
import { allowed } from '../outbound.js';
import { parsePostUrl } from './bluesky.js';
import { parseStatusUrl } from './mastodon.js';

/** Which service a post URL is on, by its shape: Bluesky post URLs, Mastodon status URLs. */
export function postSource(url: string): RemotePostSource | undefined {
  if (parsePostUrl(url)) return 'bluesky';
  if (parseStatusUrl(url)) return 'mastodon';
  return undefined;
}

export interface LinkEnv {
  store: Pick<Store, 'remoteLinks'>;
  /** The outbound allow-list: only its hosts may be linked over plain http (tests). */
  outboundAllow: readonly string[];
  now: () => Date;
}

/** The post's URL as linked: a Mastodon status or a Bluesky post, https (or an allow-listed host). */
export function checkPostUrl(raw: string, allow: readonly string[]) {
  const url = URL.canParse(raw.trim()) ? new URL(raw.trim()) : undefined;
  const source = url ? postSource(url.href) : undefined;
  if (!url || !source || (url.protocol !== 'https:' && !allowed(url, allow)))
    throw new Refusal('invalid_input', 'url must be an https Mastodon status URL or Bluesky post URL', {
      fields: ['url'],
    });
  return { source, url: url.href };
}

export async function linkPost(
  env: LinkEnv,
  site: string,
  page: string,
  raw: string,
): Promise<RemoteLinksItem> {
  const post = checkPostUrl(raw, env.outboundAllow);
  return env.store.remoteLinks.link(site, page, { ...post, by: 'moderator' }, env.now().toISOString());
}

export async function unlinkPost(env: LinkEnv, site: string, page: string, raw: string): Promise<boolean> {
  const url = URL.canParse(raw.trim()) ? new URL(raw.trim()).href : raw.trim();
  return env.store.remoteLinks.unlink(site, page, url);
}

/** What moderators see of a site's linked pages (those with a post: not a page only read for its links). */
export function linksView(items: RemoteLinksItem[]): RemoteLinks {
  return {
    pages: items
      .filter((i) => i.posts.length > 0)
      .map((i) => ({
        page: i.page,
        posts: i.posts.map((p) => ({
          source: p.source,
          url: p.url,
          by: p.by,
          ...(p.error ? { error: p.error } : {}),
        })),
        nextAt: i.nextAt,
        ...(i.fetchedAt ? { fetchedAt: i.fetchedAt } : {}),
      })),
  };
}
