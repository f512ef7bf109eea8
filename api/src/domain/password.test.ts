/** scrypt password hashes: verify the right password only, refuse short ones, survive malformed hashes. */
import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';

describe('passwords', () => {
  it('hashes with a fresh salt and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('refuses passwords under 10 characters', async () => {
    await expect(hashPassword('short')).rejects.toThrow(/at least 10/);
  });

  it('answers false, never throws, for missing or malformed hashes (and the dummy one)', async () => {
    for (const bad of [
      undefined,
      '',
      'plain',
      'scrypt$1$2$3',
      'scrypt$99999999$8$1$AAAA$BBBB',
      'bcrypt$a$b$c$d$e',
    ])
      expect(await verifyPassword('whatever password', bad)).toBe(false);
    expect(await verifyPassword('whatever password', DUMMY_HASH)).toBe(false);
  });
});
