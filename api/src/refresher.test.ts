/**
 * The refresher's Lambda entry, configured from the environment as on AWS (the outbound allow-list
 * naming a fake Mastodon): a scheduled event refreshes the due pages; with too little time left it stops.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeMastodon, startFakeMastodon } from './domain/remote/fakes.testkit.js';
import { createHarness, type Harness } from './testing/harness.js';

let h: Harness;
let masto: FakeMastodon;
const saved = { ...process.env };
beforeAll(async () => {
  [h, masto] = await Promise.all([createHarness(), startFakeMastodon()]);
  await h.site('lam', { moderation: 'none' });
});
afterAll(async () => {
  process.env = saved;
  await masto?.close();
  await h?.drop();
});

it('runs one bounded refresh per scheduled event, and stops when the time left is short', async () => {
  Object.assign(process.env, {
    AWS_LAMBDA_FUNCTION_NAME: 'afterword-refresher',
    DYNAMODB_ENDPOINT: h.config.dynamodbEndpoint,
    AFTERWORD_TABLE: h.config.table,
    AFTERWORD_SECRET: h.config.secret,
    AFTERWORD_OUTBOUND_ALLOW: masto.server.host,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: 'us-east-1',
  });
  masto.statuses = [
    { id: '1001', inReplyTo: '1000', acct: 'bob', name: 'Bob', content: '<p>From Lambda</p>' },
  ];
  const now = new Date().toISOString();
  await h.store.remoteLinks.link(
    'lam',
    '/a/',
    { source: 'mastodon', url: masto.statusUrl, by: 'moderator' },
    now,
  );
  const { handler } = await import('./refresher.js');
  const event = { source: 'aws.events', 'detail-type': 'Scheduled Event' };
  expect(await handler(event, { getRemainingTimeInMillis: () => 5_000 })).toMatchObject({ pages: 0 });
  expect(await handler(event, { getRemainingTimeInMillis: () => 110_000 })).toMatchObject({
    pages: 1,
    created: 1,
  });
  const [reply] = await h.store.threads.all('lam', '/a/', true);
  expect(reply).toMatchObject({ authorName: 'Bob', remote: { source: 'mastodon', remoteId: '1001' } });
});
