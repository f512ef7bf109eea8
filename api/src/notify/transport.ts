/** Mail transports: Amazon SES (v2 API), SMTP through nodemailer, or `.eml` files in the data dir's outbox. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Config } from '../config.js';
import type { OutMail } from './layout.js';

export interface Transport {
  /** Where mail goes, for the console. */
  describe: string;
  send(mail: OutMail): Promise<void>;
  close(): void;
}

export interface TransportOptions {
  /** SES endpoint override (tests fake SES at its HTTP boundary on loopback). */
  sesEndpoint?: string;
  log?: (line: string) => void;
}

function options(from: string, mail: OutMail) {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
  };
}

/** The whole message as RFC 5322 bytes. */
export function compose(from: string, mail: OutMail): Promise<Buffer> {
  return new MailComposer(options(from, mail)).compile().build();
}

export function createTransport(
  config: Pick<Config, 'mailTransport' | 'mailFrom' | 'smtpUrl' | 'dataDir' | 'region'>,
  opts: TransportOptions = {},
): Transport {
  const log = opts.log ?? ((line: string) => console.log(line));
  const from = config.mailFrom;
  if (config.mailTransport === 'smtp') {
    if (!config.smtpUrl) throw new Error('MAIL_TRANSPORT=smtp needs SMTP_URL');
    const smtp = nodemailer.createTransport(config.smtpUrl);
    const where = new URL(config.smtpUrl);
    return {
      describe: `SMTP ${where.hostname}:${where.port || '(default port)'}`,
      async send(mail) {
        await smtp.sendMail(options(from, mail));
      },
      close: () => smtp.close(),
    };
  }
  if (config.mailTransport === 'ses') {
    const ses = new SESv2Client({
      region: config.region,
      maxAttempts: 3,
      ...(opts.sesEndpoint
        ? { endpoint: opts.sesEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
    });
    return {
      describe: `Amazon SES (${config.region})`,
      async send(mail) {
        const raw = await compose(from, mail);
        await ses.send(
          new SendEmailCommand({
            FromEmailAddress: from,
            Destination: { ToAddresses: [mail.to] },
            Content: { Raw: { Data: raw } },
          }),
        );
      },
      close: () => ses.destroy(),
    };
  }
  const dir = join(config.dataDir, 'outbox');
  return {
    describe: `files in ${dir}`,
    async send(mail) {
      mkdirSync(dir, { recursive: true });
      const raw = await compose(from, mail);
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}.eml`;
      writeFileSync(join(dir, name), raw);
      log(`[mail] "${mail.subject}" to ${mail.to} -> ${join(dir, name)}`);
    },
    close: () => {},
  };
}
