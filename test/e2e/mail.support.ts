/** Mail in browser tests: what the npm start stack's notifier wrote to its outbox, parsed, and an author whose address is confirmed. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { Stack } from '../../scripts/stack.js';
import { until } from './widget.support.js';

/** Every mail in the stack's outbox, oldest first. */
export async function outbox(stack: Stack): Promise<ParsedMail[]> {
  const dir = join(stack.config.dataDir, 'outbox');
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.eml')) : [];
  return Promise.all(names.sort().map((n) => simpleParser(readFileSync(join(dir, n)))));
}

/** The first mail to `to` whose subject matches, once the stream has sent it to the outbox. */
export async function mailTo(stack: Stack, to: string, subject: RegExp): Promise<ParsedMail> {
  const found = async () =>
    (await outbox(stack)).find((m) => JSON.stringify(m.to).includes(to) && subject.test(m.subject ?? ''));
  await until(async () => (await found()) !== undefined).toBe(true);
  return (await found())!;
}

/** Confirms the address of the author of comment `id` (as the verification mail's link does). */
export async function confirmAuthor(stack: Stack, id: string, email: string): Promise<void> {
  const hash = (await stack.store.comments.read(id))!.emailHash!;
  await stack.store.subscriptions.ensure('demo', hash, email, new Date().toISOString());
  const now = new Date().toISOString();
  if ((await stack.store.subscriptions.verify('demo', hash, now, now)) !== 'verified')
    throw new Error(`could not confirm ${email}`);
}
