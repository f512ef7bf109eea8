/** Transports: SES v2 faked only at its HTTP boundary on loopback, and the local outbox of .eml files. */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OutMail } from './layout.js';
import { createTransport } from './transport.js';

const mail: OutMail = {
  to: 'reader@example.com',
  subject: 'Zoë replied to your comment',
  text: 'Hello\n\nStop: https://c.example/u',
  html: '<p>Hello</p>',
  headers: {
    'List-Unsubscribe': '<https://c.example/api/v1/subscriptions/unsubscribe?token=abc.def>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
};
const base = { mailFrom: 'Blog <noreply@blog.example>', smtpUrl: undefined, region: 'eu-west-1' };

let ses: Server;
let sesUrl: string;
const calls: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  ses = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      calls.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ MessageId: 'local-1' }));
    });
  });
  await new Promise<void>((r) => ses.listen(0, '127.0.0.1', () => r()));
  sesUrl = `http://127.0.0.1:${(ses.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => ses?.close(r));
});

it('sends through the SES v2 API as a raw message that keeps the List-Unsubscribe headers', async () => {
  const t = createTransport(
    { ...base, mailTransport: 'ses', dataDir: '/nonexistent' },
    { sesEndpoint: sesUrl },
  );
  await t.send(mail);
  t.close();
  expect(calls).toHaveLength(1);
  const call = calls[0]!;
  expect(call.method).toBe('POST');
  expect(call.url).toBe('/v2/email/outbound-emails');
  expect(call.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 .*\/eu-west-1\/ses\/aws4_request/);
  const body = JSON.parse(call.body);
  expect(body.FromEmailAddress).toBe('Blog <noreply@blog.example>');
  expect(body.Destination.ToAddresses).toEqual(['reader@example.com']);
  const parsed = await simpleParser(Buffer.from(body.Content.Raw.Data, 'base64'));
  expect(parsed.subject).toBe('Zoë replied to your comment');
  expect(parsed.text).toContain('Stop: https://c.example/u');
  expect(parsed.html).toContain('<p>Hello</p>');
  const keys = parsed.headerLines.map((l) => l.key);
  expect(keys).toContain('list-unsubscribe');
  expect(keys).toContain('list-unsubscribe-post');
});

it('writes .eml files to <dataDir>/outbox and says so on the console', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'afterword-outbox-'));
  const lines: string[] = [];
  const t = createTransport({ ...base, mailTransport: 'outbox', dataDir }, { log: (l) => lines.push(l) });
  expect(t.describe).toBe(`files in ${join(dataDir, 'outbox')}`);
  await t.send(mail);
  const files = readdirSync(join(dataDir, 'outbox'));
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/\.eml$/);
  const parsed = await simpleParser(readFileSync(join(dataDir, 'outbox', files[0]!)));
  expect(parsed.subject).toBe(mail.subject);
  expect(lines[0]).toContain('Zoë replied to your comment');
  expect(lines[0]).toContain(files[0]);
});

it('refuses SMTP without SMTP_URL', () => {
  expect(() => createTransport({ ...base, mailTransport: 'smtp', dataDir: '/nonexistent' })).toThrow(
    /SMTP_URL/,
  );
});
