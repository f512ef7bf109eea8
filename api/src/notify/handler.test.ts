/** Acceptance 2: a failing record is reported alone, and a retried batch sends nothing twice. */
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { createNotifier, type Notifier } from './handler.js';
import { type SmtpCatcher, startSmtpCatcher, streamPump } from './testing.js';
import { createTransport, type Transport } from './transport.js';

const ORIGIN = 'https://blog.example';
let h: Harness;
let smtp: SmtpCatcher;
let transport: Transport;
let notifier: Notifier;
let pump: ReturnType<typeof streamPump>;
const logs: string[] = [];

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  h = await createHarness({ mailTransport: 'smtp', smtpUrl: smtp.url, publicUrl: 'https://c.example' });
  for (const [site, mod] of [
    ['alpha', 'ok@example.com'],
    ['beta', 'flaky@example.com'],
  ] as const) {
    await h.site(site, { origins: [ORIGIN], moderation: 'all' });
    await h.store.moderators.upsert(mod, { digest: 'each' });
    await h.store.moderators.grant(mod, site, 'moderator');
  }
  transport = createTransport(h.config);
  notifier = createNotifier({ config: h.config, store: h.store, transport, log: (l) => logs.push(l) });
  pump = streamPump(h.config, notifier);
  await pump.records(); // the setup's own writes
});

afterAll(async () => {
  pump?.close();
  transport?.close();
  await smtp?.close();
  await h?.drop();
});

async function post(site: string, body: string) {
  const res = await postComment(
    h.call,
    { site, page: '/p/', body, author: { name: 'Pat' } },
    { origin: ORIGIN },
  );
  expect(res.status, res.text).toBe(202);
  return res.json.comment.id as string;
}

const commentInsert = (records: DynamoDBRecord[], id: string) =>
  records.find(
    (r) =>
      r.eventName === 'INSERT' &&
      r.dynamodb?.NewImage?.type?.S === 'comment' &&
      r.dynamodb.NewImage.id?.S === id,
  )!;

describe('stream batches', () => {
  it('reports exactly the record that failed and sends nothing twice when the batch is retried', async () => {
    await post('alpha', 'one');
    const bad = await post('beta', 'two');
    await post('alpha', 'three');
    const records = await pump.records();
    // Each create writes the page meta (counters and mark), a locator, the comment and the page meta again
    // (the mark cleared, store/post-write.ts): four records per comment.
    expect(records.length).toBe(12);
    const failing = commentInsert(records, bad);

    smtp.refuse = (rcpt) => rcpt === 'flaky@example.com';
    const first = await notifier.handleBatch(records);
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: failing.dynamodb!.SequenceNumber }]);
    expect(smtp.to('ok@example.com')).toHaveLength(2);
    expect(smtp.to('flaky@example.com')).toHaveLength(0);
    expect(logs.join('\n')).toContain(`record ${failing.dynamodb!.SequenceNumber} failed`);

    // Lambda retries the batch (from the failed record on; here the whole batch, the harder case).
    smtp.refuse = () => false;
    const second = await notifier.handleBatch(records);
    expect(second.batchItemFailures).toEqual([]);
    expect(smtp.to('ok@example.com')).toHaveLength(2);
    expect(smtp.to('flaky@example.com')).toHaveLength(1);

    const third = await notifier.handleBatch(records);
    expect(third.batchItemFailures).toEqual([]);
    expect(smtp.mails).toHaveLength(3);
  });

  it('takes over a claim whose lease ran out (a crash between claim and send), never a live one', async () => {
    const nowSec = Math.floor(Date.now() / 1000);
    expect(await h.store.marks.claim('crash-test', { nowSec, leaseSec: 120 })).toBe('claimed');
    expect(await h.store.marks.claim('crash-test', { nowSec: nowSec + 60, leaseSec: 120 })).toBe('busy');
    expect(await h.store.marks.claim('crash-test', { nowSec: nowSec + 121, leaseSec: 120 })).toBe('claimed');
    await h.store.marks.complete('crash-test', nowSec + 122);
    expect(await h.store.marks.claim('crash-test', { nowSec: nowSec + 9999, leaseSec: 120 })).toBe('done');
  });

  it('ignores records that are not comments, and imported comments written long after their date', async () => {
    const before = smtp.mails.length;
    const old = new Date(Date.now() - 3 * 86400 * 1000).toISOString();
    await h.store.comments.create(
      {
        id: 'importedcomment01',
        site: 'alpha',
        page: '/old/',
        parentId: null,
        depth: 0,
        body: 'from the old system',
        html: '<p>from the old system</p>',
        authorName: 'Old',
        avatar: 'abcdefabcdef',
        status: 'pending',
        createdAt: old,
      },
      {},
    );
    const res = await pump.pump();
    expect(res.batchItemFailures).toEqual([]);
    expect(smtp.mails.length).toBe(before);
  });
});
