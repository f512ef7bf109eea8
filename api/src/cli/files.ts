/** `afterword files url --site <id> --page <path or URL>`: where a page's thread files are served (for a build step). */
import { threadFile } from '../contract/files.js';
import { SiteId } from '../contract/requests.js';
import { normalizePage } from '../domain/page-path.js';
import { type Command, parseOptions, UsageError } from './command.js';
import { apiOrigin } from './doctor.js';

const OPTIONS = {
  site: { type: 'string' },
  page: { type: 'string' },
  api: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const filesCommand: Command = {
  usage: [
    'afterword files url --site <id> --page </path/ or page URL> [--api <url of the comment API>] [--json]',
    "                    the URL of the page thread's HTML fragment (with --json: of its JSON file), to fetch",
    '                    at build time; needs no storage',
  ].join('\n'),
  storeless: true,
  async run(ctx, argv) {
    const { values, positionals } = parseOptions(argv, OPTIONS);
    if (positionals[0] !== 'url' || positionals.length > 1) throw new UsageError('the action is "url"');
    if (!values.site || !SiteId.allows(values.site)) throw new UsageError('--site <id> is needed');
    const page = values.page === undefined ? undefined : normalizePage(values.page);
    if (!page) throw new UsageError('--page <path> is needed: a page path (/posts/hello/) or its URL');
    const file = threadFile(values.site, page);
    if (!file)
      throw new Error(`the page key ${page} is too long to have files: its thread is read from the API`);
    ctx.out(`${apiOrigin(ctx, values.api)}/${values.json ? file.json : file.html}`);
  },
};
