/** Avatars are drawn from the seed alone: the same seed, the same picture; mirrored; no network. */
import { describe, expect, it } from 'vitest';
import { cells } from './avatar.js';

describe('avatar cells', () => {
  it('is deterministic and differs between seeds', () => {
    expect(cells('0a1b2c3d4e5f')).toEqual(cells('0a1b2c3d4e5f'));
    expect(cells('0a1b2c3d4e5f')).not.toEqual(cells('0a1ffff04e5f'));
  });

  it('is mirrored left to right inside a 5 × 5 grid', () => {
    const set = new Set(cells('123abcd45678').map(([x, y]) => `${x},${y}`));
    expect(set.size).toBeGreaterThan(0);
    for (const key of set) {
      const [x, y] = key.split(',').map(Number) as [number, number];
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(5);
      expect(y).toBeLessThan(5);
      expect(set.has(`${4 - x},${y}`)).toBe(true);
    }
  });

  it('draws nothing odd for an empty seed (deleted comments have none)', () => {
    expect(cells('')).toEqual([]);
  });
});
