/**
 * The file store on a local directory: a file at `<root>/<key>`, its version and content digest beside
 * it under `.versions/`.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { contentDigest, decide, type FileStore, type FileWrite, keyedLock } from './file-store.js';

/** The file of `key` under `root`; throws on a key that would leave it (`..`, an absolute path). */
export function fileUnder(root: string, key: string): string {
  const base = resolve(root);
  const path = resolve(base, key);
  if (!path.startsWith(base + sep) || key.includes('\0')) throw new Error(`bad file key: ${key}`);
  return path;
}

export function createDirFileStore(root: string): FileStore {
  const locked = keyedLock();
  const versionFile = (key: string) => fileUnder(join(root, '.versions'), key);

  /** `<version> <digest>` (a file written before digests has the version alone). */
  async function stored(key: string): Promise<{ version?: number; digest?: string }> {
    try {
      const [v, digest] = (await readFile(versionFile(key), 'utf8')).trim().split(' ');
      const n = Number(v);
      return { ...(Number.isFinite(n) ? { version: n } : {}), ...(digest ? { digest } : {}) };
    } catch {
      return {};
    }
  }

  /** Writes beside the target and renames over it: a reader sees the old file or the new, never half. */
  async function replace(path: string, body: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, body);
    await rename(tmp, path);
  }

  return {
    describe: resolve(root),
    version: async (key) => (await stored(key)).version,
    put(w: FileWrite) {
      return locked(w.key, async () => {
        const outcome = decide(await stored(w.key), w);
        if (outcome !== 'written') return outcome;
        await replace(fileUnder(root, w.key), w.body);
        await replace(versionFile(w.key), `${w.version} ${contentDigest(w)}\n`);
        return 'written';
      });
    },
  };
}
