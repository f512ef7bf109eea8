/** The file store on a local directory: a file at `<root>/<key>`, its version beside it under `.versions/`. */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { type FileStore, type FileWrite, keyedLock } from './file-store.js';

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

  async function version(key: string): Promise<number | undefined> {
    try {
      const n = Number((await readFile(versionFile(key), 'utf8')).trim());
      return Number.isFinite(n) ? n : undefined;
    } catch {
      return undefined;
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
    version,
    put(w: FileWrite) {
      return locked(w.key, async () => {
        const stored = await version(w.key);
        if (stored !== undefined && stored > w.version) return 'kept';
        await replace(fileUnder(root, w.key), w.body);
        await replace(versionFile(w.key), `${w.version}\n`);
        return 'written';
      });
    },
  };
}
