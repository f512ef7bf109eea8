/** `afterword doctor --site <id> --url <page url>`: checks a blog's set-up against a site and prints the embed snippet. */
import { SiteId } from '../contract/requests.js';
import { normalizePage } from '../domain/page-path.js';
import type { SiteItem } from '../store/items.js';
import { normalizeOrigin } from '../store/sites.js';
import { type Command, parseOptions, UsageError } from './command.js';
import type { CliContext } from './context.js';

const OPTIONS = {
  site: { type: 'string' },
  url: { type: 'string' },
  api: { type: 'string' },
} as const;

/** Why an allowed origin is almost the page's (scheme or port, `www.`, localhost names), or undefined. */
export function nearMiss(page: URL, allowed: string): string | undefined {
  const a = new URL(allowed);
  if (a.hostname === page.hostname) {
    const parts = [a.protocol !== page.protocol && 'scheme', a.port !== page.port && 'port'].filter(Boolean);
    return `${allowed} differs in the ${parts.join(' and ')}`;
  }
  if (a.protocol !== page.protocol || a.port !== page.port) return undefined;
  const bare = (h: string) => h.replace(/^www\./, '');
  if (bare(a.hostname) === bare(page.hostname)) return `${allowed} differs only in www.`;
  const local = (h: string) => h === 'localhost' || h === '127.0.0.1' || h === '[::1]';
  if (local(a.hostname) && local(page.hostname)) return `${allowed} is this machine under another name`;
  return undefined;
}

/** The snippet for a page on the blog, loading the widget from `api`. */
export function embedSnippet(api: string, site: string): string {
  return [
    '<div id="afterword"></div>',
    `<script src="${api}/embed.js" data-site="${site}" async></script>`,
  ].join('\n');
}

/** The comment API's public origin: `--api`, else AFTERWORD_PUBLIC_URL, else the local one. */
export function apiOrigin(ctx: CliContext, flag: string | undefined): string {
  const given = flag ?? ctx.config.publicUrl;
  const api = given ? normalizeOrigin(given) : `http://localhost:${ctx.config.port}`;
  if (!api) throw new UsageError(`not an http(s) URL: "${given}"`);
  return api;
}

function checkOrigin(ctx: CliContext, site: SiteItem, url: URL): boolean {
  const origin = url.origin;
  if (site.origins.includes(origin)) {
    ctx.out(`ok       ${origin} is an allowed origin of site ${site.id}`);
    return true;
  }
  ctx.out(`problem  ${origin} is not an allowed origin of site ${site.id}; the widget there says so`);
  ctx.out(`         allowed: ${site.origins.join(', ') || '(none)'}`);
  for (const a of site.origins) {
    const why = nearMiss(url, a);
    if (why) ctx.out(`         note: ${why}`);
  }
  ctx.out(`         add it:  npx afterword site set ${site.id} --origin ${origin}`);
  return false;
}

async function checkPage(ctx: CliContext, site: SiteItem, url: URL): Promise<boolean> {
  const page = normalizePage(url.href);
  if (!page) {
    ctx.out(`problem  ${url.href} is no page the widget can key a thread by`);
    return false;
  }
  const n = (await ctx.store.threads.counts(site.id, [page])).get(page) ?? 0;
  ctx.out(`ok       the page's thread is ${page} (${n} comment${n === 1 ? '' : 's'})`);
  return true;
}

export const doctorCommand: Command = {
  usage: 'afterword doctor --site <id> --url <page url> [--api <url of the comment API>]',
  async run(ctx, argv) {
    const { values } = parseOptions(argv, OPTIONS);
    if (!values.site || !values.url) throw new UsageError('--site and --url are needed');
    const origin = normalizeOrigin(values.url);
    if (!origin) throw new UsageError(`not an http(s) URL: "${values.url}"`);
    const url = new URL(values.url.trim());
    const api = apiOrigin(ctx, values.api);

    const id = values.site;
    const site = SiteId.allows(id) ? await ctx.store.sites.get(id) : undefined;
    let problems = 0;
    if (!SiteId.allows(id)) {
      ctx.out(`problem  "${id}" is no site id (lower-case letters, digits, dashes); the widget says so`);
      problems++;
    } else if (!site) {
      const ids = (await ctx.store.sites.list()).map((s) => s.id);
      ctx.out(`problem  there is no site "${id}"; the widget with data-site="${id}" says so`);
      ctx.out(`         sites: ${ids.join(', ') || '(none yet)'}`);
      ctx.out(`         add it:  npx afterword site add ${id} --origin ${origin}`);
      problems++;
    } else {
      ctx.out(`ok       site ${site.id} exists (${site.name || 'no name'}, moderation ${site.moderation})`);
      if (!checkOrigin(ctx, site, url)) problems++;
      if (!(await checkPage(ctx, site, url))) problems++;
    }
    ctx.out('');
    ctx.out(`Embed (on ${origin}; a Content-Security-Policy needs ${api} in script-src and connect-src):`);
    ctx.out('');
    ctx.out(embedSnippet(api, id));
    if (problems) throw new Error(`${problems} problem${problems === 1 ? '' : 's'} found`);
  },
};
