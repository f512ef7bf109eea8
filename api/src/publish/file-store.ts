/** Where thread files go: one interface, a local directory (`npm start`, tests) or S3 (AWS). */
import { createHash } from 'node:crypto';

export interface FileWrite {
  /** The file's path, e.g. `files/v1/<site>/t/<page>.json` (contract/files.ts). */
  key: string;
  body: string;
  /**
   * What the body shows, without what changes on every publish (its `publishedAt`); the body itself
   * when absent. A file of the same version and the same content is not written again.
   */
  content?: string;
  contentType: string;
  /** The state the body shows; a stored file of a higher version is never replaced. */
  version: number;
}

/**
 * 'kept': the stored file has a higher version; 'unchanged': it has this version and this content
 * (a retried batch, a republish that changes nothing), so nothing was written.
 */
export type PutResult = 'written' | 'kept' | 'unchanged';

export interface FileStore {
  /** Writes the file unless the one stored is newer or the same; an equal version of other content is rewritten. */
  put(write: FileWrite): Promise<PutResult>;
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

/** The digest of what a write shows, kept beside the stored file to compare the next write with. */
export function contentDigest(w: FileWrite): string {
  return createHash('sha256')
    .update(w.content ?? w.body)
    .digest('base64url');
}

/** What a write does against the stored version and digest: write it, or not and why. */
export function decide(stored: { version?: number; digest?: string }, w: FileWrite): PutResult {
  if (stored.version !== undefined && stored.version > w.version) return 'kept';
  if (stored.version === w.version && stored.digest === contentDigest(w)) return 'unchanged';
  return 'written';
}
