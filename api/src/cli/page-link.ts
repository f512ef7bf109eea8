/** `afterword page link|unlink <site> <page> <url>` and `page links <site>`: a page's posts on Mastodon and Bluesky. */
import { SiteId } from '../contract/requests.js';
import { Refusal } from '../domain/failure.js';
import { normalizePage } from '../domain/page-path.js';
import { linkPost, linksView, unlinkPost } from '../domain/remote/links.js';
import { UsageError } from './command.js';
import type { CliContext } from './context.js';

export const PAGE_LINK_USAGE = [
  'afterword page link <site> </path/> <url>   replies to this Mastodon status or Bluesky post join the',
  '                    page’s thread (fetched by the refresher, through the site’s rules)',
  'afterword page unlink <site> </path/> <url>',
  'afterword page links <site>                 the site’s linked pages, their posts and last errors',
];

export async function runPageLink(ctx: CliContext, positionals: string[]): Promise<void> {
  const [action, site, rawPage, url] = positionals;
  const want = action === 'links' ? 2 : 4;
  if (positionals.length !== want) throw new UsageError(`usage: ${PAGE_LINK_USAGE.join('\n')}`);
  if (!site || !SiteId.allows(site)) throw new UsageError('<site> must be a site id');
  if (!(await ctx.store.sites.get(site))) throw new UsageError(`site "${site}" does not exist`);
  if (action === 'links') {
    for (const p of linksView(await ctx.store.remoteLinks.list(site)).pages)
      for (const post of p.posts)
        ctx.out(
          `${p.page}\t${post.source}\t${post.url}\tnext ${p.nextAt}${post.error ? `\terror: ${post.error}` : ''}`,
        );
    return;
  }
  const page = rawPage === undefined ? undefined : normalizePage(rawPage);
  if (!page) throw new UsageError('<page> must be a page path (/posts/hello/) or its URL');
  const env = { store: ctx.store, outboundAllow: ctx.config.outboundAllow, now: () => new Date() };
  if (action === 'unlink') {
    if (!(await unlinkPost(env, site, page, url!))) throw new Error(`${page} is not linked to ${url}`);
    ctx.out(`unlinked ${page} from ${url}`);
    return;
  }
  try {
    const linked = await linkPost(env, site, page, url!);
    const post = linked.posts.find((p) => p.url === new URL(url!.trim()).href);
    ctx.out(`linked ${page} to ${post?.source} ${post?.url}; its replies are fetched from ${linked.nextAt}`);
  } catch (err) {
    if (err instanceof Refusal) throw new UsageError(err.message);
    throw err;
  }
}
