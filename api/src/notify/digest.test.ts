/** The daily digest: one mail per daily moderator listing what waits, once per day, through real SMTP. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { runDigest } from './digest.js';
import { createNotifier, type Notifier } from './handler.js';
import { type SmtpCatcher, startSmtpCatcher } from './testing.js';
import { createTransport, type Transport } from './transport.js';

const ORIGIN = 'https://blog.example';
let h: Harness;
let smtp: SmtpCatcher;
let transport: Transport;
let notifier: Notifier;
let clock = new Date();

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  h = await createHarness({ mailTransport: 'smtp', smtpUrl: smtp.url, publicUrl: 'https://c.example' });
  await h.site('queue', { origins: [ORIGIN], moderation: 'all', name: 'Queue Blog' });
  await h.site('quiet', { origins: [ORIGIN], moderation: 'all' });
  await h.store.moderators.upsert('daily@example.com', { digest: 'daily' });
  await h.store.moderators.grant('daily@example.com', 'queue', 'owner');
  await h.store.moderators.grant('daily@example.com', 'quiet', 'owner');
  await h.store.moderators.upsert('each@example.com', { digest: 'each' });
  await h.store.moderators.grant('each@example.com', 'queue', 'moderator');
  transport = createTransport(h.config);
  notifier = createNotifier({ config: h.config, store: h.store, transport, now: () => clock, log: () => {} });
});

afterAll(async () => {
  transport?.close();
  await smtp?.close();
  await h?.drop();
});

it('mails each daily moderator the waiting comments once a day, with working links', async () => {
  for (const body of ['first waiting', 'second waiting']) {
    const res = await h.app.request('/api/v1/comments', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ site: 'queue', page: '/q/', title: 'Queue post', body, author: { name: 'Q' } }),
    });
    expect(res.status).toBe(202);
  }
  expect(await runDigest(h.store, notifier)).toEqual({ sent: 1, failed: 0 });
  const mails = smtp.to('daily@example.com');
  expect(mails).toHaveLength(1);
  expect(smtp.to('each@example.com')).toHaveLength(0);
  expect(mails[0]!.subject).toBe('[Queue Blog] 2 comments waiting for moderation');
  expect(mails[0]!.text).toContain('first waiting');
  expect(mails[0]!.text).toContain('second waiting');
  expect(mails[0]!.headerLines.map((l) => l.key)).toContain('list-unsubscribe-post');

  // Run again the same day: nothing new. The next day: the digest again (they still wait).
  expect(await runDigest(h.store, notifier)).toEqual({ sent: 0, failed: 0 });
  clock = new Date(clock.getTime() + 86400 * 1000);
  expect(await runDigest(h.store, notifier)).toEqual({ sent: 1, failed: 0 });

  const approve = /^Approve: https:\/\/c\.example(\S+)$/m.exec(mails[0]!.text ?? '')![1]!;
  expect((await h.app.request(approve, { method: 'POST' })).status).toBe(200);
  const left = await h.store.threads.all('queue', '/q/', false);
  expect(left.map((c) => c.status).sort()).toEqual(['approved', 'pending']);
});
