/** `afterword mail digest|test` against DynamoDB Local and a real SMTP server on loopback. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SmtpCatcher, startSmtpCatcher } from '../notify/testing.js';
import { captureCli } from '../testing/cli.js';
import { runEndpoint } from '../testing/harness.js';
import { main } from './main.js';

let smtp: SmtpCatcher;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(async () => {
  await smtp?.close();
});
const io = captureCli({ env: () => ({ MAIL_TRANSPORT: 'smtp', SMTP_URL: smtp.url }) });

it('sets a moderator’s mail choice and refuses unknown ones', async () => {
  expect(await main(['mail', 'digest', 'nobody@example.com', 'daily'])).toBe(2);
  expect(io.err).toContain('no moderator');
  expect(await main(['site', 'add', 'blog', '--origin', 'https://blog.example'])).toBe(0);
  const { createStore } = await import('../store/index.js');
  const store = createStore({
    dynamodbEndpoint: runEndpoint(),
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
  expect(io.out).toContain('sent a test mail to admin@example.com through SMTP 127.0.0.1');
  expect(smtp.to('admin@example.com')[0]?.subject).toBe('Afterword test mail');
});
