import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';
import { editToken, idempotentId, keyedHash, newId, safeEqual } from './tokens.js';

describe('tokens', () => {
  it('makes random ids of 16 base32 characters', () => {
    const ids = new Set(Array.from({ length: 1000 }, newId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{16}$/);
  });

  it('derives the same id from the same idempotency key, per site', () => {
    expect(idempotentId('s'.repeat(20), 'blog', 'k')).toBe(idempotentId('s'.repeat(20), 'blog', 'k'));
    expect(idempotentId('s'.repeat(20), 'blog', 'k')).not.toBe(idempotentId('s'.repeat(20), 'other', 'k'));
  });

  it('binds edit tokens to the comment and the secret', () => {
    const t = editToken('secret-one-1234567', 'abc', '2026-01-01T00:00:00.000Z');
    expect(t).toBe(editToken('secret-one-1234567', 'abc', '2026-01-01T00:00:00.000Z'));
    expect(t).not.toBe(editToken('secret-two-1234567', 'abc', '2026-01-01T00:00:00.000Z'));
    expect(t).not.toBe(editToken('secret-one-1234567', 'abd', '2026-01-01T00:00:00.000Z'));
    expect(safeEqual(t, t)).toBe(true);
    expect(safeEqual(t, `${t}x`)).toBe(false);
  });

  it('hashes with a key, so the same value under another key differs', () => {
    expect(keyedHash('k1-0123456789abcdef', 'email', 'a@b')).not.toBe(
      keyedHash('k2-0123456789abcdef', 'email', 'a@b'),
    );
    expect(keyedHash('k1-0123456789abcdef', 'email', 'a@b')).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('cursors', () => {
  it('round-trips and refuses what is not ours', () => {
    const c = encodeCursor({ s: 'oldest', k: 'C#2026#x' });
    expect(decodeCursor(c)).toEqual({ s: 'oldest', k: 'C#2026#x' });
    for (const bad of [
      '',
      'zzzz',
      '!!',
      Buffer.from('[1]').toString('base64url'),
      Buffer.from('{"a":{}}').toString('base64url'),
    ]) {
      expect(decodeCursor(bad)).toBeUndefined();
    }
  });
});
