/** `afterword import <file> --site <id> [--format <format>] [--rewrite old=new]... [--map old=new]... [--dry-run]`: streams a file in. */
import { createReadStream, statSync } from 'node:fs';
import { IMPORT_FORMATS, type ImportFormat } from '../contract/limits.js';
import { SiteId } from '../contract/requests.js';
import { DESCRIBED, FormatMismatchError } from '../portability/formats/detect.js';
import { parseRewrites } from '../portability/pages.js';
import { progressBar } from '../portability/progress.js';
import { ImportFormatError } from '../portability/record.js';
import { runImport } from '../portability/run.js';
import { type Command, parseOptions, UsageError } from './command.js';
import { MAP_OPTIONS, MAP_USAGE, printDryRun, readPathMap } from './import-map.js';

const OPTIONS = {
  site: { type: 'string' },
  format: { type: 'string' },
  rewrite: { type: 'string', multiple: true },
  origin: { type: 'string' },
  quiet: { type: 'boolean' },
  ...MAP_OPTIONS,
} as const;

export const importCommand: Command = {
  usage: [
    `afterword import <file> --site <id> [--format ${IMPORT_FORMATS.join('|')}]   (told from the file when left out)`,
    '                 [--rewrite old.example.com=blog.example.com]...   (re-importing adds nothing)',
    '                 [--origin <name>]   names the source site when the file does not (Waline, Isso JSON)',
    ...MAP_USAGE,
  ].join('\n'),
  async run(ctx, argv) {
    const { values, positionals } = parseOptions(argv, OPTIONS);
    const file = positionals[0];
    if (!file) throw new UsageError('the file to import is needed');
    if (!values.site || !SiteId.allows(values.site)) throw new UsageError('--site <id> is needed');
    if (values.format !== undefined && !IMPORT_FORMATS.includes(values.format as ImportFormat))
      throw new UsageError(
        `--format must be one of ${IMPORT_FORMATS.join(', ')} (or left out: the file tells it)`,
      );
    const rewrite = parseRewrites(values.rewrite ?? []);
    if (typeof rewrite === 'string') throw new UsageError(rewrite);
    const map = readPathMap(values);
    const dryRun = values['dry-run'] === true;
    if (!(await ctx.store.sites.get(values.site)))
      throw new UsageError(`site "${values.site}" does not exist`);
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      throw new UsageError(`cannot read ${file}`);
    }
    const bar = progressBar(process.stderr, 'import ');
    let read = 0;
    async function* counted() {
      for await (const chunk of createReadStream(file!, { highWaterMark: 256 * 1024 })) {
        read += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    }
    try {
      const result = await runImport({
        store: ctx.store,
        secret: ctx.config.secret,
        site: values.site,
        format: values.format as ImportFormat | undefined,
        chunks: counted(),
        rewrite,
        ...(map ? { map } : {}),
        dryRun,
        ...(values.origin?.trim() ? { origin: values.origin.trim().slice(0, 200) } : {}),
        onProgress: (p) => {
          if (!values.quiet)
            bar.update(read, size, `${p.records} records, ${p.imported} new, ${p.existing} already there`);
        },
      });
      if (!values.quiet) bar.end(`${result.records} records`);
      if (result.detected)
        ctx.err(`read as ${DESCRIBED[result.format]} (--format ${result.format}, told from the file)`);
      for (const p of result.problemList) ctx.err(`  skipped ${p.where}: ${p.message}`);
      if (result.problems > result.problemList.length)
        ctx.err(`  ... and ${result.problems - result.problemList.length} more problems`);
      if (result.mapping) return printDryRun(ctx, result.mapping);
      ctx.out(
        `imported ${result.imported} comments into ${values.site} (${result.existing} already there, ` +
          `${result.problems} problems, ${result.pages} pages)`,
      );
    } catch (err) {
      if (err instanceof FormatMismatchError)
        throw new UsageError(
          `${file}: this file looks like ${err.looksLike}; use --format ${err.detected} (or leave --format out)`,
        );
      if (err instanceof ImportFormatError) throw new Error(`${file}: ${err.message}`);
      throw err;
    }
  },
};
