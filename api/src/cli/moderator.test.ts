import { expect, it, vi } from 'vitest';
import { verifyPassword } from '../domain/password.js';
import { captureCli } from '../testing/cli.js';
import { openContext } from './context.js';
import { main } from './main.js';
import { passwordInput } from './moderator.js';

const io = captureCli();

it('adds a moderator with a scrypt password, on several sites, and lists them', async () => {
  vi.spyOn(passwordInput, 'read').mockResolvedValue('a long enough password');
  vi.spyOn(passwordInput, 'interactive').mockReturnValue(false);
  expect(await main(['site', 'add', 'one', '--origin', 'https://one.example'])).toBe(0);
  expect(await main(['site', 'add', 'two', '--origin', 'https://two.example'])).toBe(0);
  expect(
    await main(['moderator', 'add', '--site', 'one', '--email', 'Ann@Example.com', '--role', 'owner']),
  ).toBe(0);
  expect(io.out).toContain('added moderator ann@example.com (owner of one)');
  expect(
    await main([
      'moderator',
      'add',
      '--site',
      'two',
      '--email',
      'ann@example.com',
      '--keep-password',
      '--name',
      'Ann',
    ]),
  ).toBe(0);
  io.out = '';
  expect(await main(['moderator', 'list', '--site', 'two'])).toBe(0);
  expect(io.out).toContain('ann@example.com\tmoderator\tAnn');
  const ctx = await openContext({ aws: false });
  try {
    const mod = await ctx.store.moderators.get('ann@example.com');
    expect(mod?.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('a long enough password', mod?.passwordHash)).toBe(true);
    expect(await verifyPassword('wrong', mod?.passwordHash)).toBe(false);
    const roles = await ctx.store.moderators.memberships('ann@example.com');
    expect(roles.map((m) => [m.site, m.role]).sort()).toEqual([
      ['one', 'owner'],
      ['two', 'moderator'],
    ]);
  } finally {
    await ctx.close();
  }
});

it('refuses a short password, a bad role and an unknown site', async () => {
  vi.spyOn(passwordInput, 'read').mockResolvedValue('short');
  vi.spyOn(passwordInput, 'interactive').mockReturnValue(false);
  expect(await main(['site', 'add', 'one', '--origin', 'https://one.example'])).toBe(0);
  expect(await main(['moderator', 'add', '--site', 'one', '--email', 'a@b.example'])).toBe(2);
  expect(io.err).toContain('at least 10 characters');
  expect(await main(['moderator', 'add', '--site', 'one', '--email', 'a@b.example', '--role', 'king'])).toBe(
    2,
  );
  expect(await main(['moderator', 'add', '--site', 'nope', '--email', 'a@b.example'])).toBe(2);
  expect(await main(['moderator', 'add', '--site', 'one'])).toBe(2);
});

it('gives a new site the recommended spam rules and changes them with site set', async () => {
  expect(await main(['site', 'add', 'guarded', '--origin', 'https://g.example'])).toBe(0);
  expect(io.out).toContain('spam=compose>=3s,links<=3,client<=10/600s,page<=60/600s,repeats=3600s');
  io.out = '';
  expect(
    await main([
      'site',
      'set',
      'guarded',
      '--blocked-word',
      'casino',
      '--blocked-action',
      'reject',
      '--rate-client',
      '0',
      '--max-links',
      'off',
      '--akismet',
      'on',
      '--akismet-key',
      'k-1',
    ]),
  ).toBe(0);
  expect(io.out).toContain('spam=compose>=3s,blocked-words=1(reject),page<=60/600s,repeats=3600s,akismet');
  expect(await main(['site', 'set', 'guarded', '--blocked-action', 'maybe'])).toBe(2);
  expect(await main(['site', 'set', 'guarded', '--max-links', '-1'])).toBe(2);
});
