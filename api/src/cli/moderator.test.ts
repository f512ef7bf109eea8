import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyPassword } from '../domain/password.js';
import { adminCall, sessionFor } from '../routes/admin.testkit.js';
import { captureCli } from '../testing/cli.js';
import { createHarness, type Harness } from '../testing/harness.js';
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

describe('a password change or a removal ends the moderator’s sessions', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    // The CLI works on the harness's table, so the app sees what it changed.
    vi.stubEnv('AFTERWORD_TABLE', h.config.table);
    vi.spyOn(passwordInput, 'read').mockResolvedValue('a long enough password');
    vi.spyOn(passwordInput, 'interactive').mockReturnValue(false);
    await h.site('one');
    await h.site('two');
    expect(await main(['moderator', 'add', '--site', 'one', '--email', 'ann@example.com'])).toBe(0);
    expect(
      await main(['moderator', 'add', '--site', 'two', '--email', 'ann@example.com', '--keep-password']),
    ).toBe(0);
  });
  afterEach(() => h?.drop());

  it('refuses a session made before the password was set again', async () => {
    const session = await sessionFor(h, 'ann@example.com');
    expect((await adminCall(h, 'GET', '/me', { session })).status).toBe(200);
    // --keep-password changes nothing about the password: the session lives on.
    expect(
      await main(['moderator', 'add', '--site', 'one', '--email', 'ann@example.com', '--keep-password']),
    ).toBe(0);
    expect((await adminCall(h, 'GET', '/me', { session })).status).toBe(200);
    vi.spyOn(passwordInput, 'read').mockResolvedValue('another long password');
    expect(await main(['moderator', 'add', '--site', 'one', '--email', 'ann@example.com'])).toBe(0);
    expect((await adminCall(h, 'GET', '/me', { session })).status).toBe(401);
    const fresh = await sessionFor(h, 'ann@example.com');
    expect((await adminCall(h, 'GET', '/me', { session: fresh })).status).toBe(200);
  });

  it('removes one membership, ending the sessions, and then the whole account', async () => {
    const session = await sessionFor(h, 'ann@example.com');
    expect(await main(['moderator', 'remove', 'ann@example.com', '--site', 'one'])).toBe(0);
    expect(io.out).toContain('removed ann@example.com from one');
    expect((await adminCall(h, 'GET', '/me', { session })).status).toBe(401);
    const roles = await h.store.moderators.memberships('ann@example.com');
    expect(roles.map((m) => m.site)).toEqual(['two']);
    const later = await sessionFor(h, 'ann@example.com');
    const me = await adminCall(h, 'GET', '/me', { session: later });
    expect(me.status).toBe(200);
    expect(JSON.stringify(me.json)).not.toContain('"one"');

    expect(await main(['moderator', 'remove', 'ann@example.com'])).toBe(0);
    expect(io.out).toContain('removed moderator ann@example.com');
    expect((await adminCall(h, 'GET', '/me', { session: later })).status).toBe(401);
    expect(await h.store.moderators.get('ann@example.com')).toBeUndefined();
    expect(await h.store.moderators.memberships('ann@example.com')).toEqual([]);
    // An account made again under the same address does not bring the old sessions back.
    expect(await main(['moderator', 'add', '--site', 'two', '--email', 'ann@example.com'])).toBe(0);
    expect((await adminCall(h, 'GET', '/me', { session: later })).status).toBe(401);
  });

  it('says so when there is nothing to remove', async () => {
    expect(await main(['moderator', 'remove', 'nobody@example.com'])).toBe(2);
    expect(io.err).toContain('no moderator nobody@example.com');
    expect(await main(['moderator', 'remove', 'ann@example.com', '--site', 'nope'])).toBe(2);
    expect(await main(['moderator', 'remove'])).toBe(2);
  });
});
