/** `afterword mail digest|test` against DynamoDB Local and a real SMTP server on loopback. */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject, it, vi } from 'vitest';
import { type SmtpCatcher, startSmtpCatcher } from '../notify/testing.js';
import { main } from './main.js';

let out = '';
let err = '';
let smtp: SmtpCatcher;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(async () => {
  await smtp?.close();
});
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
  vi.stubEnv('MAIL_TRANSPORT', 'smtp');
  vi.stubEnv('SMTP_URL', smtp.url);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

it('sets a moderator’s mail choice and refuses unknown ones', async () => {
  expect(await main(['mail', 'digest', 'nobody@example.com', 'daily'])).toBe(2);
  expect(err).toContain('no moderator');
  expect(await main(['site', 'add', 'blog', '--origin', 'https://blog.example'])).toBe(0);
  const { createStore } = await import('../store/index.js');
  const store = createStore({
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    region: 'us-east-1',
    table: process.env.AFTERWORD_TABLE!,
    siteCacheMs: 0,
  });
  await store.moderators.upsert('mo@example.com', { digest: 'each' });
  expect(await main(['mail', 'digest', 'Mo@Example.com', 'weekly'])).toBe(2);
  expect(await main(['mail', 'digest', 'Mo@Example.com', 'daily'])).toBe(0);
  expect((await store.moderators.get('mo@example.com'))?.digest).toBe('daily');
  store.close();
});

it('sends a test mail through the configured transport', async () => {
  expect(await main(['mail', 'test', 'admin@example.com'])).toBe(0);
  expect(out).toContain('sent a test mail to admin@example.com through SMTP 127.0.0.1');
  expect(smtp.to('admin@example.com')[0]?.subject).toBe('Afterword test mail');
});
