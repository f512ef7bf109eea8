/**
 * POST /sites/:site/import?format=: imports an export file sent as the request body (up to 6 MB) with an
 * import-scope token. Stops before the Lambda's time runs out with `complete: false` and `nextSkip`:
 * sending the same file again with `?skip=<nextSkip>` goes on where it stopped (without it, it goes on
 * too, checking every record already written, which is slower but adds nothing twice). `map=old=new`
 * (repeatable) maps page paths after the `rewrite` hosts; `dryRun=true` answers the mapping and writes nothing.
 */
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { IMPORT_MAX_BYTES } from '../contract/limits.js';
import { ImportQuery, SiteParam } from '../contract/requests.js';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import { type TokenEnv, tokenAuth } from '../middleware/token.js';
import { validate } from '../middleware/validate.js';
import { importDocs } from '../openapi/operations.js';
import { FormatMismatchError } from '../portability/formats/detect.js';
import { parseMapArgs } from '../portability/map.js';
import { parseRewrites } from '../portability/pages.js';
import type { MappingResult } from '../portability/preview.js';
import { ImportFormatError } from '../portability/record.js';
import { runImport, single } from '../portability/run.js';
import { requireSite } from './helpers.js';

export const MAX_IMPORT_BYTES = IMPORT_MAX_BYTES;
/** Time kept back to write what was read, count the pages and answer. */
export const IMPORT_RESERVE_MS = 5000;

/**
 * The reserve on storage slower than usual: finishing waits for the rounds in flight and writes the last
 * one, each about as long as the slowest record took so far (a record that starts a round waits for it).
 */
export function importReserveMs(slowestRecordMs: number): number {
  return IMPORT_RESERVE_MS + 3 * slowestRecordMs;
}

/** Import files sent over HTTP (token route and admin upload) have their own, larger body limit. */
export function importBodyLimit() {
  return bodyLimit({
    maxSize: MAX_IMPORT_BYTES,
    onError: () => {
      throw new ApiError(
        413,
        'payload_too_large',
        'import files sent over HTTP are limited to 6 MB; use the CLI',
      );
    },
  });
}

export function importRoutes(deps: Deps) {
  return new Hono<TokenEnv>().post(
    '/:site/import',
    importDocs,
    validate('param', SiteParam),
    tokenAuth({ tokens: deps.store.tokens, secret: deps.config.secret, scope: 'import' }),
    validate('query', ImportQuery),
    importBodyLimit(),
    async (c) => {
      const site = await requireSite(deps, c.req.valid('param').site);
      return answerImport(deps, c, site.id, c.req.valid('query'));
    },
  );
}

/**
 * Imports the request body into a site and answers with the outcome (the token route above and the
 * admin page's upload share it). Stops before the deadline with `complete: false` and `nextSkip`.
 */
export async function answerImport(deps: Deps, c: Context, siteId: string, q: typeof ImportQuery.infer) {
  const rewrite = parseRewrites(
    q.rewrite === undefined ? [] : Array.isArray(q.rewrite) ? q.rewrite : [q.rewrite],
  );
  if (typeof rewrite === 'string') throw new ApiError(400, 'invalid_input', rewrite, { fields: ['rewrite'] });
  const map = parseMapArgs(q.map === undefined ? [] : Array.isArray(q.map) ? q.map : [q.map]);
  if (typeof map === 'string') throw new ApiError(400, 'invalid_input', map, { fields: ['map'] });
  const dryRun = q.dryRun === 'true';
  const body = Buffer.from(await c.req.arrayBuffer());
  if (body.length === 0) throw new ApiError(400, 'invalid_input', 'the request body (the file) is empty');
  try {
    const result = await runImport({
      store: deps.store,
      secret: deps.config.secret,
      site: siteId,
      format: q.format,
      chunks: single(body),
      rewrite,
      ...(map.rules.length > 0 ? { map } : {}),
      dryRun,
      now: deps.now,
      shouldStop: (slowest) => deps.remainingMs(c) < importReserveMs(slowest),
      skip: q.skip === undefined || dryRun ? 0 : Number(q.skip),
    });
    c.header('Cache-Control', 'no-store');
    return c.json({
      complete: result.complete,
      nextSkip: result.complete ? null : result.consumed,
      records: result.records,
      imported: result.imported,
      existing: result.existing,
      pages: result.pages,
      problems: result.problems,
      problemList: result.problemList.slice(0, 100),
      format: result.format,
      ...(result.mapping ? { dryRun: true as const, mapping: presentMapping(result.mapping) } : {}),
    });
  } catch (err) {
    if (err instanceof ImportFormatError)
      throw new ApiError(400, 'invalid_input', err.message, {
        fields: ['body'],
        // The admin page says what the file looks like in its own words.
        ...(err instanceof FormatMismatchError ? { detected: err.detected } : {}),
      });
    throw err;
  }
}

/** Pages a dry run's answer lists (the contract's `mapping.pages`). */
const LISTED_PAGES = 1000;

/** A dry run's mapping as answered: the first pages (the file may hold many), how many more, unused rules. */
function presentMapping(m: MappingResult) {
  return {
    pages: m.pages.slice(0, LISTED_PAGES),
    more: Math.max(0, m.pages.length - LISTED_PAGES),
    unusedRules: m.unusedRules,
  };
}
