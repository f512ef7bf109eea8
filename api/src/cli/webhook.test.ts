import { expect, it } from 'vitest';
import { captureCli } from '../testing/cli.js';
import { main } from './main.js';

const io = captureCli();

it('adds, lists and removes webhooks; refuses non-http(s) URLs and unknown events', async () => {
  expect(await main(['site', 'add', 'blog', '--origin', 'https://blog.example'])).toBe(0);
  expect(await main(['webhook', 'add', '--site', 'blog', '--url', 'file:///etc/passwd'])).toBe(2);
  expect(io.err).toContain('--url must be http(s)');
  expect(
    await main(['webhook', 'add', '--site', 'blog', '--url', 'https://h.example/x', '--event', 'voted']),
  ).toBe(2);
  expect(await main(['webhook', 'add', '--site', 'nosite', '--url', 'https://h.example/x'])).toBe(2);
  io.out = '';
  expect(
    await main([
      'webhook',
      'add',
      '--site',
      'blog',
      '--url',
      'https://hooks.slack.example/T1',
      '--format',
      'slack',
      '--event',
      'created,approved',
    ]),
  ).toBe(0);
  const id = /added webhook (\w+)/.exec(io.out)![1]!;
  const secret = /signing secret .*: (\S+)/.exec(io.out)![1]!;
  expect(secret).toMatch(/^whsec_/);
  io.out = '';
  expect(await main(['webhook', 'list', '--site', 'blog'])).toBe(0);
  expect(io.out).toContain(`${id}\tslack\tcreated,approved\thttps://hooks.slack.example/T1`);
  expect(io.out).not.toContain(secret);
  expect(await main(['webhook', 'remove', '--site', 'blog', id])).toBe(0);
  io.out = '';
  expect(await main(['webhook', 'list', '--site', 'blog'])).toBe(0);
  expect(io.out).toContain('no webhooks on blog');
});
