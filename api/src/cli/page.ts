/**
 * `afterword page move --site <id> --from <path> --to <path>`: a page changed its path; its thread follows.
 * `page link|unlink|links`: its posts on Mastodon and Bluesky (page-link.ts).
 */
import { SiteId } from '../contract/requests.js';
import { normalizePage } from '../domain/page-path.js';
import { PageMoveRefused } from '../store/page-move.js';
import { type Command, parseOptions, UsageError } from './command.js';
import { PAGE_LINK_USAGE, runPageLink } from './page-link.js';

const OPTIONS = {
  site: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
} as const;

/** A page key from a path or URL, as the page rules make it, or a UsageError naming the flag. */
function pageOf(flag: string, value: string | undefined): string {
  const page = value === undefined ? undefined : normalizePage(value);
  if (!page) throw new UsageError(`--${flag} <path> is needed: a page path (/posts/hello/) or its URL`);
  return page;
}

export const pageCommand: Command = {
  usage: [
    'afterword page move --site <id> --from </old/path/> --to </new/path/>',
    '                    comments, replies, votes, counts, title, lock and thread opt-outs follow; refuses a',
    '                    target that has comments; run it again to finish a move that was interrupted',
    ...PAGE_LINK_USAGE,
  ].join('\n'),
  async run(ctx, argv) {
    const { values, positionals } = parseOptions(argv, OPTIONS);
    if (['link', 'unlink', 'links'].includes(positionals[0] ?? '')) return runPageLink(ctx, positionals);
    if (positionals[0] !== 'move' || positionals.length > 1)
      throw new UsageError('the action is "move", "link", "unlink" or "links"');
    if (!values.site || !SiteId.allows(values.site)) throw new UsageError('--site <id> is needed');
    const from = pageOf('from', values.from);
    const to = pageOf('to', values.to);
    if (!(await ctx.store.sites.get(values.site)))
      throw new UsageError(`site "${values.site}" does not exist`);
    let result: Awaited<ReturnType<typeof ctx.store.pageMoves.move>>;
    try {
      result = await ctx.store.pageMoves.move(values.site, from, to, new Date().toISOString());
    } catch (err) {
      if (err instanceof PageMoveRefused) throw new Error(`refused: ${err.message}`);
      throw err;
    }
    if (!result) {
      const there = (await ctx.store.pages.many(values.site, [to])).get(to);
      if (!there) throw new Error(`no page ${from} on ${values.site} (nor ${to})`);
      ctx.out(
        `nothing at ${from}: already moved; ${to} has ${there.count} comments shown, ${there.total} in all`,
      );
      return;
    }
    const { page } = result;
    ctx.out(
      `moved ${from} to ${to}: ${page.count} comments shown, ${page.total} in all` +
        `${page.locked ? ', locked' : ''} (this run: ${result.comments} comments, ` +
        `${result.optOuts} thread opt-outs, ${result.reactions} reactions on the page, ${result.others} other items)`,
    );
  },
};
