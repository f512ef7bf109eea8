/** Acceptance 4: webhooks to a local receiver, signature verified, retries with backoff, no mail resent. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookConfig } from '../store/items.js';
import { postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { createNotifier } from './handler.js';
import { type SmtpCatcher, startSmtpCatcher, streamPump } from './testing.js';
import { createTransport, type Transport } from './transport.js';

const ORIGIN = 'https://blog.example';
const SECRET = 'whsec_test_0123456789';
let h: Harness;
let smtp: SmtpCatcher;
let transport: Transport;
let pump: ReturnType<typeof streamPump>;
let receiver: Server;
let hookUrl: string;
const received: Array<{ headers: IncomingHttpHeaders; body: string; at: number; path?: string }> = [];
/** Requests to this path get a 500 while it is set. */
let failPath = '';
/** Statuses the receiver answers with, in turn; 200 once they run out. */
let answers: number[] = [];

/** What a receiver does: recompute the HMAC over "<t>.<body>" and compare in constant time. */
function verify(header: string | undefined, body: string, secret: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  const expected = createHmac('sha256', secret).update(`${m[1]}.${body}`).digest();
  return (
    timingSafeEqual(expected, Buffer.from(m[2]!, 'hex')) && Math.abs(Date.now() / 1000 - Number(m[1])) < 300
  );
}

const hook = (over: Partial<WebhookConfig> = {}): WebhookConfig => ({
  id: 'h1',
  url: hookUrl,
  secret: SECRET,
  events: ['created', 'approved', 'edited', 'deleted'],
  format: 'json',
  ...over,
});

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
        path: req.url,
      });
      res.statusCode = req.url === failPath ? 500 : (answers.shift() ?? 200);
      res.end('internal details the sender must not echo');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/afterword`;
  smtp = await startSmtpCatcher();
  h = await createHarness({ mailTransport: 'smtp', smtpUrl: smtp.url });
  await h.site('hooked', { origins: [ORIGIN], moderation: 'none', webhooks: [hook()] });
  await h.site('held', { origins: [ORIGIN], moderation: 'all', webhooks: [hook({ events: ['created'] })] });
  await h.store.moderators.upsert('mod@example.com', { digest: 'each' });
  await h.store.moderators.grant('mod@example.com', 'held', 'owner');
  transport = createTransport(h.config);
  const notifier = createNotifier({
    config: h.config,
    store: h.store,
    transport,
    log: () => {},
    webhookRetry: { attempts: 3, backoffMs: 50, timeoutMs: 2000 },
  });
  pump = streamPump(h.config, notifier);
  await pump.records();
});

afterAll(async () => {
  pump?.close();
  transport?.close();
  await smtp?.close();
  await new Promise((r) => receiver?.close(r));
  await h?.drop();
});

beforeEach(() => {
  received.length = 0;
  answers = [];
  failPath = '';
});

async function post(site: string, body: string) {
  const res = await postComment(
    h.call,
    { site, page: '/p/', title: 'P', body, author: { name: 'Wes', email: 'wes@example.com' } },
    { origin: ORIGIN },
  );
  return res.json as { comment: { id: string }; editToken: string };
}

describe('webhooks', () => {
  it('posts signed JSON events for created, approved, edited and deleted comments', async () => {
    const { comment, editToken } = await post('hooked', 'Hello *hooks*');
    expect((await pump.pump()).batchItemFailures).toEqual([]);
    const headers = {
      'content-type': 'application/json',
      origin: ORIGIN,
      'x-afterword-edit-token': editToken,
    };
    await h.app.request(`/api/v1/comments/${comment.id}`, {
      method: 'PATCH',
      headers,
      body: '{"body":"Edited"}',
    });
    await h.app.request(`/api/v1/comments/${comment.id}`, { method: 'DELETE', headers });
    expect((await pump.pump()).batchItemFailures).toEqual([]);

    const events = received.map((r) => JSON.parse(r.body));
    expect(events.map((e) => e.event)).toEqual([
      'comment.created',
      'comment.approved',
      'comment.edited',
      'comment.deleted',
    ]);
    for (const r of received) {
      expect(verify(r.headers['x-afterword-signature'] as string, r.body, SECRET)).toBe(true);
      expect(verify(r.headers['x-afterword-signature'] as string, r.body, 'wrong secret')).toBe(false);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.body).not.toContain('wes@example.com');
    }
    expect(events[0].comment).toMatchObject({
      id: comment.id,
      html: '<p>Hello <em>hooks</em></p>',
      text: 'Hello hooks',
    });
    expect(events[2].comment.text).toBe('Edited');
    expect(new Set(events.map((e) => e.id)).size).toBe(4);
    expect(received[0]!.headers['x-afterword-delivery']).toBe(events[0].id);
  });

  it('retries 5xx with growing waits and succeeds within the record', async () => {
    answers = [500, 503];
    await post('hooked', 'retry me');
    expect((await pump.pump()).batchItemFailures).toEqual([]);
    const created = received.filter((r) => JSON.parse(r.body).event === 'comment.created');
    expect(created).toHaveLength(3);
    expect(new Set(created.map((r) => r.headers['x-afterword-delivery'])).size).toBe(1);
    expect(created[1]!.at - created[0]!.at).toBeGreaterThanOrEqual(45);
    expect(created[2]!.at - created[1]!.at).toBeGreaterThanOrEqual(190);
    for (const r of created)
      expect(verify(r.headers['x-afterword-signature'] as string, r.body, SECRET)).toBe(true);
  });

  it('fails the record after the last retry; the stream retry delivers it without resending the mail', async () => {
    answers = [500, 500, 500];
    await post('held', 'waiting with a hook');
    const records = await pump.records();
    const notifier = createNotifier({
      config: h.config,
      store: h.store,
      transport,
      log: () => {},
      webhookRetry: { attempts: 3, backoffMs: 10, timeoutMs: 2000 },
    });
    const first = await notifier.handleBatch(records);
    expect(first.batchItemFailures).toHaveLength(1);
    expect(received).toHaveLength(3);
    expect(smtp.to('mod@example.com')).toHaveLength(1);

    const second = await notifier.handleBatch(records);
    expect(second.batchItemFailures).toEqual([]);
    expect(received).toHaveLength(4);
    expect(smtp.to('mod@example.com')).toHaveLength(1);
    expect((await notifier.handleBatch(records)).batchItemFailures).toEqual([]);
    expect(received).toHaveLength(4);
  });

  it('delivers to the other hooks of a site when one fails, and retries only the failed one', async () => {
    const base = hookUrl.replace(/\/hooks\/afterword$/, '');
    await h.store.sites.put(
      'hooked',
      {
        webhooks: [
          hook({ id: 'down', url: `${base}/down`, events: ['created'] }),
          hook({ id: 'up', url: `${base}/up`, events: ['created'] }),
        ],
      },
      'update',
    );
    failPath = '/down';
    await post('hooked', 'two receivers');
    const records = await pump.records();
    const notifier = createNotifier({
      config: h.config,
      store: h.store,
      transport,
      log: () => {},
      webhookRetry: { attempts: 2, backoffMs: 10, timeoutMs: 2000 },
    });
    expect((await notifier.handleBatch(records)).batchItemFailures).toHaveLength(1);
    expect(received.map((r) => r.path)).toEqual(['/down', '/down', '/up']);
    failPath = '';
    expect((await notifier.handleBatch(records)).batchItemFailures).toEqual([]);
    expect(received.map((r) => r.path)).toEqual(['/down', '/down', '/up', '/down']);
    await h.store.sites.put('hooked', { webhooks: [hook()] }, 'update');
  });

  it('does not retry a 4xx answer, and does not fail the record for it', async () => {
    answers = [410];
    await post('held', 'gone receiver');
    expect((await pump.pump()).batchItemFailures).toEqual([]);
    expect(received).toHaveLength(1);
  });

  it('formats for Slack and Discord on request', async () => {
    await h.store.sites.put(
      'hooked',
      {
        webhooks: [
          hook({ id: 's', format: 'slack', events: ['created'] }),
          hook({ id: 'd', format: 'discord', events: ['created'] }),
        ],
      },
      'update',
    );
    await post('hooked', 'Hi <b>there</b> @everyone');
    expect((await pump.pump()).batchItemFailures).toEqual([]);
    const [slack, discord] = received.map((r) => JSON.parse(r.body));
    expect(slack.text).toMatch(
      /^New comment by Wes on <https:\/\/blog\.example\/p\/\|\/p\/> \(hooked\):\n>Hi &lt;b&gt;there&lt;\/b&gt; @everyone$/,
    );
    expect(discord.content).toContain(
      'New comment by Wes on [/p/](<https://blog.example/p/>) (hooked):\nHi <b>there</b> @everyone',
    );
    expect(discord.allowed_mentions).toEqual({ parse: [] });
    for (const r of received)
      expect(verify(r.headers['x-afterword-signature'] as string, r.body, SECRET)).toBe(true);
  });
});
