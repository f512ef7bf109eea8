/** Test helpers for notifications: a real SMTP server on loopback that keeps what it receives, and a stream pump. */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { expect } from 'vitest';
import type { Config } from '../config.js';
import { openStream } from '../store/stream.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { createNotifier, type Notifier } from './handler.js';
import { createTransport } from './transport.js';

export interface SmtpCatcher {
  url: string;
  mails: ParsedMail[];
  /** Recipients refused with a 4xx/5xx while this returns true for them. */
  refuse: (rcpt: string) => boolean;
  to(address: string): ParsedMail[];
  close(): Promise<void>;
}

export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const catcher: SmtpCatcher = {
    url: '',
    mails: [],
    refuse: () => false,
    to: (address) => catcher.mails.filter((m) => m.headers.get('to') && addresses(m).includes(address)),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    disableReverseLookup: true,
    onRcptTo(address, _session, cb) {
      if (catcher.refuse(address.address)) {
        const err = new Error('mailbox unavailable, try later') as Error & { responseCode: number };
        err.responseCode = 451;
        return cb(err);
      }
      cb();
    },
    onData(stream, _session, cb) {
      simpleParser(stream)
        .then((mail) => {
          catcher.mails.push(mail);
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  catcher.url = `smtp://127.0.0.1:${port}`;
  return catcher;
}

export function addresses(m: ParsedMail): string[] {
  const to = m.to ? (Array.isArray(m.to) ? m.to : [m.to]) : [];
  return to.flatMap((t) => t.value.map((v) => v.address ?? ''));
}

/** Reads the harness table's stream from its start and hands every new record to the notifier. */
export function streamPump(
  config: Pick<Config, 'dynamodbEndpoint' | 'region' | 'table'>,
  notifier: Notifier,
) {
  const reader = openStream(config, 'TRIM_HORIZON');
  return {
    reader,
    /** The records that arrived since the last call. */
    async records() {
      return (await reader.poll()).flatMap((b) => b.records);
    },
    async pump() {
      return notifier.handleBatch(await this.records());
    },
    close: () => reader.close(),
  };
}

/**
 * A harness whose mail goes by SMTP to a catcher on loopback, with the stream pumped into a notifier:
 * `flush()` hands it every new record and expects each to succeed.
 */
export async function startMailHarness(overrides: Partial<Config> = {}) {
  const smtp = await startSmtpCatcher();
  const h: Harness = await createHarness({ mailTransport: 'smtp', smtpUrl: smtp.url, ...overrides });
  const transport = createTransport(h.config);
  const notifier = createNotifier({
    config: h.config,
    store: h.store,
    transport,
    log: () => {},
    now: h.deps.now,
  });
  const pump = streamPump(h.config, notifier);
  return {
    h,
    smtp,
    pump,
    async flush() {
      expect((await pump.pump()).batchItemFailures).toEqual([]);
    },
    async close() {
      pump.close();
      transport.close();
      await smtp.close();
      await h.drop();
    },
  };
}
