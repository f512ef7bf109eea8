/** `afterword export --site <id> [--format native|wxr] [--out file]`: the whole site, with progress. */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { SiteId } from '../contract/requests.js';
import { progressBar } from '../portability/progress.js';
import { type ExportFormat, writeSiteExport } from '../portability/site-export.js';
import { type Command, UsageError } from './command.js';

const OPTIONS = {
  site: { type: 'string' },
  format: { type: 'string', default: 'native' },
  out: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

export const exportCommand: Command = {
  usage: 'afterword export --site <id> [--format native|wxr] [--out <file>]   (stdout without --out)',
  async run(ctx, argv) {
    let values: { site?: string; format?: string; out?: string; quiet?: boolean };
    try {
      values = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false }).values;
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (!values.site || !SiteId.allows(values.site)) throw new UsageError('--site <id> is needed');
    if (values.format !== 'native' && values.format !== 'wxr')
      throw new UsageError('--format must be native or wxr');
    const site = await ctx.store.sites.get(values.site);
    if (!site) throw new UsageError(`site "${values.site}" does not exist`);
    const out = values.out ? createWriteStream(values.out) : process.stdout;
    const bar = progressBar(process.stderr, 'export ');
    const result = await writeSiteExport(
      ctx.store,
      site,
      values.format as ExportFormat,
      out,
      values.quiet ? undefined : (done, total) => bar.update(done, total, `${done}/${total} comments`),
    );
    if (values.out) {
      out.end();
      await once(out, 'finish');
    }
    if (!values.quiet) bar.end(`${result.comments} comments`);
    ctx.err(
      `exported ${result.comments} comments on ${result.pages} pages of ${site.id}${values.out ? ` to ${values.out}` : ''}`,
    );
  },
};
