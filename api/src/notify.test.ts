/** The bundled notify Lambda (api/dist/notify.mjs) fed real stream records and a schedule event. */
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SmtpCatcher, startSmtpCatcher } from './notify/testing.js';
import { openStream, type StreamReader } from './store/stream.js';
import { loadBundle } from './testing/bundle.js';
import { createHarness, type Harness, TEST_SECRET } from './testing/harness.js';

type Handler = (event: unknown) => Promise<{ batchItemFailures?: unknown[]; sent?: number }>;
let h: Harness;
let smtp: SmtpCatcher;
let reader: StreamReader;
let handler: Handler;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  h = await createHarness();
  await h.site('lam', { origins: ['https://blog.example'], moderation: 'all' });
  await h.store.moderators.upsert('lmod@example.com', { digest: 'each' });
  await h.store.moderators.grant('lmod@example.com', 'lam', 'owner');
  reader = openStream(h.config, 'TRIM_HORIZON');
  await reader.poll();
  ({ handler } = await loadBundle<{ handler: Handler }>('notify', {
    DYNAMODB_ENDPOINT: h.config.dynamodbEndpoint!,
    AFTERWORD_TABLE: h.config.table,
    AFTERWORD_SECRET: TEST_SECRET,
    AFTERWORD_PUBLIC_URL: 'https://comments.example',
    MAIL_TRANSPORT: 'smtp',
    SMTP_URL: smtp.url,
    AWS_REGION: 'us-east-1',
  }));
});

afterAll(async () => {
  reader?.close();
  await smtp?.close();
  await h?.drop();
});

it('handles a stream batch as Lambda delivers it, and a scheduled digest event', async () => {
  const res = await h.app.request('/api/v1/comments', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'https://blog.example' },
    body: JSON.stringify({ site: 'lam', page: '/l/', body: 'via lambda', author: { name: 'L' } }),
  });
  expect(res.status).toBe(202);
  const Records: DynamoDBRecord[] = (await reader.poll()).flatMap((b) => b.records);
  // The page's counters and mark, the locator, the comment, the mark cleared (store/post-write.ts).
  expect(Records.length).toBe(4);
  expect(await handler({ Records })).toEqual({ batchItemFailures: [] });
  expect(smtp.to('lmod@example.com')).toHaveLength(1);
  expect(smtp.mails[0]!.text).toContain('https://comments.example/api/v1/mail/moderate?token=');
  expect(await handler({ Records })).toEqual({ batchItemFailures: [] });
  expect(smtp.mails).toHaveLength(1);
  expect(await handler({ source: 'aws.events', 'detail-type': 'Scheduled Event' })).toEqual({
    sent: 0,
    failed: 0,
  });
  await expect(handler({ hello: 'world' })).rejects.toThrow(/stream batch or a scheduled digest/);
});
