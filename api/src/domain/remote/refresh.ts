/**
 * The refresher: the linked pages that are due, each brought in line with its posts elsewhere, soonest
 * first, a bounded number per run and never past the time left. A page's next time decays with its age:
 * every 10 minutes its first day, hourly its first week, daily its first month, weekly after.
 */
import type { Config } from '../../config.js';
import type { Store } from '../../store/index.js';
import type { RemoteLinksItem, RemotePost } from '../../store/remote-links.js';
import { RemoteLinksChanged } from '../../store/remote-links.js';
import { fetchPublic } from '../outbound.js';
import { discoverPosts } from './discover.js';
import { type RemoteEnv, type SyncCounts, syncPage } from './sync.js';
import type { OutboundEnv } from './thread.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The decay: how long after a refresh a page linked `ageMs` ago is due again. */
export function refreshInterval(ageMs: number): number {
  if (ageMs < DAY) return 10 * MINUTE;
  if (ageMs < 7 * DAY) return 60 * MINUTE;
  if (ageMs < 30 * DAY) return DAY;
  return 7 * DAY;
}

/** Fetch limits of the refresher: each answer within 5 s and 1 MB. */
export function remoteEnv(
  config: Pick<Config, 'secret' | 'akismetUrl' | 'outboundAllow' | 'blueskyApiUrl'>,
  store: Store,
  now: () => Date,
  outbound: Partial<OutboundEnv> = {},
): RemoteEnv {
  return {
    store,
    secret: config.secret,
    akismetUrl: config.akismetUrl,
    now,
    blueskyApi: config.blueskyApiUrl.replace(/\/+$/, ''),
    outbound: { allow: config.outboundAllow, timeoutMs: 5000, maxBytes: 1024 * 1024, ...outbound },
  };
}

/**
 * The page as its site serves it, read for its syndication links (when the site asks for it); what it
 * finds is added to `posts`. Throws what the outbound guard or the network threw (the refresh ignores it).
 */
export async function discover(env: RemoteEnv, url: string, posts: RemotePost[]): Promise<void> {
  const answer = await fetchPublic(url, { ...env.outbound, accept: 'text/html', maxRedirects: 3 });
  if (answer.status !== 200) return;
  for (const found of discoverPosts(answer.body, answer.url))
    if (!posts.some((p) => p.url === found.url)) posts.push({ ...found, by: 'page' });
}

export interface RefreshResult extends SyncCounts {
  pages: number;
}

/** Refreshes one linked page now and sets when it is due next. */
export async function refreshPage(env: RemoteEnv, links: RemoteLinksItem): Promise<SyncCounts> {
  const now = env.now();
  const next = new Date(now.getTime() + refreshInterval(now.getTime() - Date.parse(links.createdAt)));
  const site = await env.store.sites.get(links.site);
  const posts = links.posts.map((p) => ({ ...p }));
  const done = { ...links, posts, nextAt: next.toISOString(), fetchedAt: now.toISOString() };
  let counts: SyncCounts = { created: 0, updated: 0, removed: 0, refused: 0, failed: 0 };
  if (site) {
    const origin = site.origins[0];
    if (site.remote?.discover && origin) {
      await discover(env, `${origin}${links.page}`, posts).catch(() => undefined);
      done.discoveredAt = now.toISOString();
    }
    counts = await syncPage(env, site, done);
  }
  try {
    await env.store.remoteLinks.put(links, done);
  } catch (err) {
    // A moderator linked or unlinked meanwhile: their write stands, and the page is due at its time.
    if (!(err instanceof RemoteLinksChanged)) throw err;
  }
  return counts;
}

/** Pages a site reads for its own links: its first this many pages (by path) get a record. */
export const DISCOVER_PAGES = 300;

/**
 * For each site with `remote.discover`, its known pages (those with a thread) not linked yet get a
 * record with no posts, due now and decaying from the page's own age: the refresh reads the page for
 * its links. At most `maxNew` new records a run.
 */
export async function seedDiscoverable(env: RemoteEnv, maxNew = 25): Promise<number> {
  let made = 0;
  const now = env.now().toISOString();
  for (const site of await env.store.sites.list()) {
    if (!site.remote?.discover || !site.origins[0]) continue;
    const have = new Set((await env.store.remoteLinks.list(site.id, DISCOVER_PAGES * 2)).map((i) => i.page));
    const { pages } = await env.store.pages.after(site.id, undefined, DISCOVER_PAGES);
    for (const p of pages) {
      if (made >= maxNew) return made;
      if (have.has(p.page)) continue;
      const seed = { site: site.id, page: p.page, posts: [], createdAt: p.createdAt, nextAt: now };
      await env.store.remoteLinks.put(undefined, seed as unknown as RemoteLinksItem).then(
        () => made++,
        (err: unknown) => {
          if (!(err instanceof RemoteLinksChanged)) throw err;
        },
      );
    }
  }
  return made;
}

/** One run: at most `limit` due pages, stopping while `remainingMs` still leaves a page's worth of time. */
export async function refreshDue(
  env: RemoteEnv,
  opts: { limit?: number; remainingMs?: () => number } = {},
): Promise<RefreshResult> {
  const total: RefreshResult = { pages: 0, created: 0, updated: 0, removed: 0, refused: 0, failed: 0 };
  await seedDiscoverable(env);
  const due = await env.store.remoteLinks.due(env.now().toISOString(), opts.limit ?? 10);
  for (const links of due) {
    if ((opts.remainingMs?.() ?? Number.POSITIVE_INFINITY) < 20_000) break;
    const counts = await refreshPage(env, links);
    total.pages++;
    for (const k of ['created', 'updated', 'removed', 'refused', 'failed'] as const) total[k] += counts[k];
  }
  return total;
}
