/** A repository loaded on its first call, in a chunk of its own: for those no thread read needs (every method answers a promise). */

type Async = Record<string, (...args: never[]) => Promise<unknown>>;

/** Stands in for the repository `load` makes, loading it once (again after a failed load). */
export function lazyRepo<T extends Async>(load: () => Promise<T>): T {
  let repo: Promise<T> | undefined;
  const get = () => {
    repo ??= load().catch((err: unknown) => {
      repo = undefined;
      throw err;
    });
    return repo;
  };
  return new Proxy({} as T, {
    get(_, name) {
      // Not a promise itself: awaiting the stand-in gives the stand-in.
      if (name === 'then' || typeof name !== 'string') return undefined;
      return async (...args: never[]) => {
        const r = await get();
        return r[name]!(...args);
      };
    },
  });
}
