/** `afterword webhook add|list|remove` against DynamoDB Local. */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, inject, it, vi } from 'vitest';
import { main } from './main.js';

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  vi.stubEnv('DYNAMODB_ENDPOINT', inject('dynamodbEndpoint'));
  vi.stubEnv('AFTERWORD_TABLE', `cli_${randomBytes(4).toString('hex')}`);
  vi.stubEnv('AFTERWORD_SECRET', 'cli-secret-0123456789abcdef');
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

it('adds, lists and removes webhooks; refuses non-http(s) URLs and unknown events', async () => {
  expect(await main(['site', 'add', 'blog', '--origin', 'https://blog.example'])).toBe(0);
  expect(await main(['webhook', 'add', '--site', 'blog', '--url', 'file:///etc/passwd'])).toBe(2);
  expect(err).toContain('--url must be http(s)');
  expect(
    await main(['webhook', 'add', '--site', 'blog', '--url', 'https://h.example/x', '--event', 'voted']),
  ).toBe(2);
  expect(await main(['webhook', 'add', '--site', 'nosite', '--url', 'https://h.example/x'])).toBe(2);
  out = '';
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
  const id = /added webhook (\w+)/.exec(out)![1]!;
  const secret = /signing secret .*: (\S+)/.exec(out)![1]!;
  expect(secret).toMatch(/^whsec_/);
  out = '';
  expect(await main(['webhook', 'list', '--site', 'blog'])).toBe(0);
  expect(out).toContain(`${id}\tslack\tcreated,approved\thttps://hooks.slack.example/T1`);
  expect(out).not.toContain(secret);
  expect(await main(['webhook', 'remove', '--site', 'blog', id])).toBe(0);
  out = '';
  expect(await main(['webhook', 'list', '--site', 'blog'])).toBe(0);
  expect(out).toContain('no webhooks on blog');
});
