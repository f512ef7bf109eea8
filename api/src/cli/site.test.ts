/** `afterword site add|list|set` against DynamoDB Local. */
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

it('adds, lists and changes a site', async () => {
  expect(
    await main(['site', 'add', 'blog', '--origin', 'https://blog.example/', '--moderation', 'first-time']),
  ).toBe(0);
  expect(out).toContain('added site blog');
  expect(await main(['site', 'add', 'blog', '--origin', 'https://blog.example'])).toBe(2);
  expect(err).toContain('already exists');
  expect(
    await main([
      'site',
      'set',
      'blog',
      '--origin',
      'https://www.blog.example',
      '--edit-window',
      '30m',
      '--max-depth',
      '3',
    ]),
  ).toBe(0);
  out = '';
  expect(await main(['site', 'list', '--json'])).toBe(0);
  const site = JSON.parse(out);
  expect(site).toMatchObject({
    id: 'blog',
    moderation: 'first-time',
    editWindowSec: 1800,
    maxDepth: 3,
    origins: ['https://blog.example', 'https://www.blog.example'],
  });
  expect(await main(['site', 'set', 'blog', '--remove-origin', 'https://blog.example'])).toBe(0);
  expect(out).toContain('origins=https://www.blog.example');
});

it('refuses bad input with a usage message', async () => {
  expect(await main(['site', 'add', 'Bad Id'])).toBe(2);
  expect(await main(['site', 'add', 'ok', '--origin', 'javascript:alert(1)'])).toBe(2);
  expect(await main(['site', 'add', 'ok2', '--moderation', 'sometimes'])).toBe(2);
  expect(await main(['site', 'set', 'missing', '--max-depth', '2'])).toBe(2);
  expect(await main(['nosuch'])).toBe(2);
  expect(err).toContain('usage');
});
