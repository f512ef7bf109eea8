/**
 * Runs one import: the file's format told or checked (formats/detect.ts, gzipped files unpacked), the
 * format's parser feeding the writer, one record at a time, with turns of the event loop.
 */

import type { ImportFormat } from '../contract/limits.js';
import type { Store } from '../store/index.js';
import { parseCommento } from './formats/commento.js';
import { resolveFormat } from './formats/detect.js';
import { parseDisqus } from './formats/disqus.js';
import { parseIsso } from './formats/isso.js';
import { parseNative } from './formats/native.js';
import { parseRemark42 } from './formats/remark42.js';
import { parseWaline } from './formats/waline.js';
import { parseWordpress } from './formats/wordpress.js';
import type { PathMap } from './map.js';
import { pacer } from './pace.js';
import { createImportPreview, type MappingResult } from './preview.js';
import type { ImportRecord } from './record.js';
import { createImportWriter, type ImportProgress, type ImportResult } from './writer.js';

export const PARSERS: Record<
  ImportFormat,
  (chunks: AsyncIterable<string | Buffer>) => AsyncGenerator<ImportRecord>
> = {
  disqus: parseDisqus,
  wordpress: parseWordpress,
  isso: parseIsso,
  remark42: parseRemark42,
  commento: parseCommento,
  waline: parseWaline,
  native: parseNative,
};

export interface RunImport {
  store: Pick<Store, 'imports'>;
  secret: string;
  site: string;
  /** The format named by the user; without it, the file's first bytes tell it. */
  format?: ImportFormat | undefined;
  chunks: AsyncIterable<string | Buffer>;
  rewrite?: Record<string, string>;
  /** Path rules on page keys, after the host rewrites (portability/map.ts). */
  map?: PathMap;
  /** Reads the whole file and answers the mapping per page; writes nothing. */
  dryRun?: boolean;
  /** Names the source site when the file names none (two such files of one format stay apart). */
  origin?: string;
  onProgress?: (p: ImportProgress) => void;
  now?: () => Date;
  /**
   * Checked between records: true ends the import early (what was read is written and counted). It is
   * given the longest one record took so far (a record that starts a round of writes waits for them), so
   * a caller can leave room for finishing on storage slower than usual.
   */
  shouldStop?: (slowestRecordMs: number) => boolean;
  /** Records at the start of the file that earlier calls took: parsed past without touching storage. */
  skip?: number;
}

export async function runImport(o: RunImport): Promise<
  ImportResult & {
    complete: boolean;
    consumed: number;
    mapping?: MappingResult;
    format: ImportFormat;
    detected: boolean;
  }
> {
  const { format, detected, chunks } = await resolveFormat(o.chunks, o.format);
  const mapped = { ...(o.rewrite ? { rewrite: o.rewrite } : {}), ...(o.map ? { map: o.map } : {}) };
  const writer = o.dryRun
    ? createImportPreview({ ...mapped, ...(o.onProgress ? { onProgress: o.onProgress } : {}) })
    : createImportWriter({
        store: o.store,
        secret: o.secret,
        site: o.site,
        source: format,
        ...mapped,
        ...(o.origin ? { origin: o.origin } : {}),
        ...(o.onProgress ? { onProgress: o.onProgress } : {}),
        ...(o.now ? { now: o.now } : {}),
      });
  let complete = true;
  let consumed = 0;
  let slowest = 0;
  const pace = pacer();
  for await (const record of PARSERS[format](chunks)) {
    await pace();
    if (consumed++ < (o.skip ?? 0)) continue;
    const started = performance.now();
    await writer.add(record);
    slowest = Math.max(slowest, performance.now() - started);
    if (!o.dryRun && o.shouldStop?.(slowest)) {
      complete = false;
      break;
    }
  }
  return { ...(await writer.finish()), complete, consumed, format, detected };
}

/** One chunk from a string or bytes (for request bodies already in memory). */
export async function* single(value: string | Buffer): AsyncGenerator<string | Buffer> {
  yield value;
}
