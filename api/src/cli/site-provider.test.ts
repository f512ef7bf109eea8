/** `afterword site provider`: sets, lists and removes a site's sign-in providers; the secret comes from a file and is never printed. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openSecret } from '../domain/reader-oauth/seal.js';
import { captureCli, cliStore } from '../testing/cli.js';
import { main } from './main.js';

const io = captureCli();
const SECRET = 'cli-client-secret-value';

it('sets a provider with its secret from a file, lists it without the secret, and removes it', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'aw-')), 'secret');
  writeFileSync(file, `${SECRET}\n`);
  expect(await main(['site', 'add', 'blog', '--origin', 'https://blog.example'])).toBe(0);
  const set = [
    'site',
    'provider',
    'set',
    'blog',
    'corp',
    '--kind',
    'oidc',
    '--name',
    'Corp',
    '--client-id',
    'aw',
  ];
  expect(await main([...set, '--issuer', 'https://id.corp.example', '--client-secret-file', file])).toBe(0);
  expect(io.out).toContain('saved sign-in provider corp of blog');
  expect(io.out).toMatch(
    /corp\toidc\tname=Corp\tclient-id=aw\tissuer=https:\/\/id\.corp\.example\tsecret=set/,
  );
  // A new provider without a secret, a plain-http issuer: refused, said why.
  expect(
    await main(['site', 'provider', 'set', 'blog', 'gh', '--kind', 'github', '--client-id', 'Iv1.x']),
  ).toBe(2);
  expect(io.err).toContain('needs its client secret');
  expect(await main([...set, '--issuer', 'http://id.corp.example'])).toBe(2);
  expect(io.err).toContain('https');

  io.out = '';
  expect(await main(['site', 'provider', 'list', 'blog', '--json'])).toBe(0);
  expect(JSON.parse(io.out)).toEqual([
    {
      id: 'corp',
      kind: 'oidc',
      name: 'Corp',
      issuer: 'https://id.corp.example',
      clientId: 'aw',
      secretSet: true,
    },
  ]);
  expect(await main(['site', 'list', '--json'])).toBe(0);
  expect(io.out).not.toContain(SECRET);
  const store = cliStore(io);
  try {
    const sealed = await store.readerOAuth.secret('blog', 'corp');
    expect(openSecret(io.secret, 'blog', 'corp', sealed!)).toBe(SECRET);
    expect(await main(['site', 'provider', 'remove', 'blog', 'corp'])).toBe(0);
    expect(await store.readerOAuth.secret('blog', 'corp')).toBeUndefined();
    expect((await store.sites.get('blog'))?.readers?.providers).toBeUndefined();
  } finally {
    store.close();
  }
  expect(await main(['site', 'provider', 'remove', 'blog', 'corp'])).toBe(2);
});
