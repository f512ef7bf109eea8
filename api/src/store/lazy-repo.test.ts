/** lazyRepo: the repository is loaded on the first call only, again after a failed load, and the stand-in is no promise. */
import { describe, expect, it } from 'vitest';
import { lazyRepo } from './lazy-repo.js';

describe('lazyRepo', () => {
  it('loads once on first use and passes calls through', async () => {
    let loads = 0;
    const repo = lazyRepo(async () => {
      loads++;
      return { twice: async (n: number) => n * 2, hello: async () => 'hi' };
    });
    expect(loads).toBe(0);
    expect(await Promise.all([repo.twice(2), repo.hello(), repo.twice(5)])).toEqual([4, 'hi', 10]);
    expect(loads).toBe(1);
    // Awaiting the stand-in itself does not call a method named `then`.
    expect(await repo).toBe(repo);
  });

  it('loads again after a failed load', async () => {
    let loads = 0;
    const repo = lazyRepo(async () => {
      if (++loads === 1) throw new Error('chunk missing');
      return { ok: async () => true };
    });
    await expect(repo.ok()).rejects.toThrow('chunk missing');
    expect(await repo.ok()).toBe(true);
    expect(loads).toBe(2);
  });
});
