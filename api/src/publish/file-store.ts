/** Where thread files go: one interface, a local directory (`npm start`, tests) or S3 (AWS). */

export interface FileWrite {
  /** The file's path, e.g. `files/v1/<site>/t/<page>.json` (contract/files.ts). */
  key: string;
  body: string;
  contentType: string;
  /** The state the body shows; a stored file of a higher version is never replaced. */
  version: number;
}

export interface FileStore {
  /** Writes the file unless the one stored has a higher version ('kept'); an equal version is rewritten. */
  put(write: FileWrite): Promise<'written' | 'kept'>;
  /** The version of the stored file, undefined when there is none. */
  version(key: string): Promise<number | undefined>;
  /** Where files go, for the start banner. */
  describe: string;
}

/**
 * Runs `fn` after every earlier call for the same key finished: the read-compare-write of one file
 * never interleaves with another in this process.
 */
export function keyedLock() {
  const tails = new Map<string, Promise<unknown>>();
  return async function locked<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = tails.get(key) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const tail = run.catch(() => {});
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
