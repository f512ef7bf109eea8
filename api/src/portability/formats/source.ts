/**
 * The file as an importer reads it: its first bytes looked at without being taken away (to tell its
 * format), and unpacked on the way when gzipped (Commento and Disqus hand out `.json.gz` / `.xml.gz`),
 * with the unpacked size bounded.
 */
import { createGunzip } from 'node:zlib';
import { ImportFormatError } from '../record.js';

/** Largest unpacked size of a gzipped file (a small file can unpack without bound). */
export const MAX_GUNZIP_BYTES = 2 * 1024 * 1024 * 1024;

export interface Peeked {
  head: Buffer;
  chunks: AsyncIterable<string | Buffer>;
}

const bytes = (c: string | Buffer) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c);

/** The first `size` bytes (fewer if the file is shorter), and every chunk still to be read in order. */
export async function peek(chunks: AsyncIterable<string | Buffer>, size: number): Promise<Peeked> {
  const it = chunks[Symbol.asyncIterator]();
  const taken: (string | Buffer)[] = [];
  let length = 0;
  let done = false;
  while (length < size) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    taken.push(next.value);
    length += bytes(next.value).length;
  }
  const head = Buffer.concat(taken.map(bytes)).subarray(0, size);
  async function* all() {
    yield* taken;
    if (done) return;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  }
  return { head, chunks: all() };
}

export const isGzip = (head: Buffer) => head[0] === 0x1f && head[1] === 0x8b;

/** The unpacked chunks of a gzipped file; past the bound, or on damaged data, a clear error. */
export async function* gunzip(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<Buffer> {
  const unzip = createGunzip();
  const feed = (async () => {
    try {
      for await (const c of chunks) {
        if (unzip.destroyed) return;
        if (!unzip.write(bytes(c)))
          await new Promise((r) => {
            unzip.once('drain', r);
            unzip.once('close', r);
          });
      }
      unzip.end();
    } catch (err) {
      unzip.destroy(err as Error);
    }
  })();
  let size = 0;
  try {
    for await (const out of unzip) {
      size += (out as Buffer).length;
      if (size > MAX_GUNZIP_BYTES)
        throw new ImportFormatError(
          'the gzipped file unpacks to more than 2 GB: unpack it and import the parts',
        );
      yield out as Buffer;
    }
  } catch (err) {
    if (err instanceof ImportFormatError) throw err;
    throw new ImportFormatError(`a gzipped file that cannot be unpacked: ${(err as Error).message}`);
  } finally {
    unzip.destroy();
    await feed.catch(() => undefined);
  }
}
