/** The stream handler: turns comment changes into mail and webhook deliveries, once each, reporting failed records. */
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import type { Config } from '../config.js';
import { keyedHash } from '../domain/tokens.js';
import { isAdminLink } from '../store/admin-links.js';
import { decodeImage } from '../store/images.js';
import type { Store } from '../store/index.js';
import { type CommentItem, isComment, type SiteItem } from '../store/items.js';
import { isReaderLink } from '../store/readers.js';
import { isWebmention, type WebmentionItem } from '../store/webmentions.js';
import { sendAdminLink } from './admin-link-mail.js';
import { createDecisionNotices } from './decisions.js';
import { type Job, jobsFor, priorImage } from './events.js';
import type { OutMail, PageRef } from './layout.js';
import { type MailContext, moderatorMail, replyMail, verificationMail } from './mail.js';
import { createOnce, MARK_TTL_SEC, readPageRef } from './once.js';
import { sendReaderLink } from './reader-link-mail.js';
import type { Transport } from './transport.js';
import { DEFAULT_RETRY, deliver, eventPayload, type RetryPolicy, webhookBody } from './webhooks.js';

export interface NotifyDeps {
  /** The rest of the config verifies Webmentions (a comment's spam rules, the outbound allow-list). */
  config: Pick<Config, 'secret' | 'publicUrl' | 'port'> &
    Partial<Pick<Config, 'akismetUrl' | 'contentCheck' | 'outboundAllow'>>;
  store: Store;
  transport: Transport;
  now?: () => Date;
  log?: (line: string) => void;
  fetch?: typeof fetch;
  webhookRetry?: RetryPolicy;
}

export function publicBase(config: NotifyDeps['config']): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

/** An address that never confirmed may get another verification mail after this long (30 days). */
export const VERIFY_EVERY_SEC = 30 * 86400;

export function createNotifier(deps: NotifyDeps) {
  const { store, transport, config } = deps;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? ((line: string) => console.log(line));
  const hash = (purpose: string, value: string) => keyedHash(config.secret, purpose, value);
  const nowSec = () => Math.floor(now().getTime() / 1000);
  const mailCtx = (): MailContext => ({
    baseUrl: publicBase(config),
    secret: config.secret,
    nowSec: nowSec(),
  });

  const once = createOnce(store.marks, nowSec);

  const mail = (m: OutMail) => transport.send(m);

  const pageRef = (site: SiteItem, page: string) => readPageRef(store, site, page);

  async function moderators(site: SiteItem, c: CommentItem, page: PageRef): Promise<void> {
    const current = await store.comments.read(c.id);
    if (current && current.status !== 'pending') return;
    const errors: unknown[] = [];
    for (const { moderator } of await store.moderators.forSite(site.id)) {
      if (moderator.digest !== 'each') continue;
      const modHash = hash('moderator', moderator.email);
      try {
        await once(`mod:${c.id}:${modHash}`, MARK_TTL_SEC, () =>
          mail(moderatorMail(mailCtx(), moderator.email, modHash, page, current ?? c)),
        );
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) throw errors[0];
  }

  async function verify(site: SiteItem, item: CommentItem, page: PageRef): Promise<void> {
    // The address is on the comment's private record, not on the item the stream carries.
    const c = await store.comments.read(item.id);
    if (!c?.authorEmail || !c.emailHash) return;
    const { subscriber } = await store.subscriptions.ensure(
      site.id,
      c.emailHash,
      c.authorEmail,
      now().toISOString(),
    );
    if (subscriber.verified || subscriber.unsubscribedAt) return;
    // One verification mail per address and site in VERIFY_EVERY_SEC, however often it is entered.
    await once(`verify:${site.id}:${c.emailHash}`, VERIFY_EVERY_SEC, () =>
      mail(verificationMail(mailCtx(), subscriber.email, c.emailHash!, page)),
    );
  }

  async function reply(site: SiteItem, c: CommentItem, page: PageRef): Promise<void> {
    if (!c.parentId) return;
    const parent = await store.comments.read(c.parentId);
    if (!parent?.notify || !parent.emailHash || parent.status === 'deleted' || parent.status === 'spam')
      return;
    if (parent.emailHash === c.emailHash) return;
    const sub = await store.subscriptions.get(site.id, parent.emailHash);
    if (!sub?.verified || sub.unsubscribedAt) return;
    if (await store.subscriptions.isMuted(site.id, parent.emailHash, c.page)) return;
    await once(`reply:${c.id}:${parent.emailHash}`, MARK_TTL_SEC, () =>
      mail(replyMail(mailCtx(), sub.email, parent.emailHash!, page, c)),
    );
  }

  async function webhooks(
    site: SiteItem,
    job: Extract<Job, { kind: 'webhook' }>,
    page: PageRef,
  ): Promise<void> {
    const c = job.comment;
    const stamp =
      job.event === 'edited'
        ? c.editedAt
        : job.event === 'created'
          ? c.createdAt
          : (c.statusAt ?? c.createdAt);
    const errors: unknown[] = [];
    for (const hook of site.webhooks ?? []) {
      if (!hook.events.includes(job.event)) continue;
      const deliveryId = hash('delivery', `${hook.id}\u0000${job.event}\u0000${c.id}\u0000${stamp}`);
      try {
        await once(`hook:${deliveryId}`, MARK_TTL_SEC, async () => {
          const body = webhookBody(hook, eventPayload(deliveryId, job.event, page, c, now().toISOString()));
          const retry = deps.webhookRetry ?? DEFAULT_RETRY;
          const result = await deliver(hook, job.event, deliveryId, body, retry, deps.fetch);
          if (result.ok) return;
          const what = `webhook ${hook.id} (${site.id}) ${job.event}: ${result.status ?? 'no answer'} after ${result.attempts} attempts`;
          if (result.permanent) log(`notify: ${what}; not retried`);
          else throw new Error(what);
        });
      } catch (err) {
        errors.push(err); // the other hooks still get their delivery
      }
    }
    if (errors.length) throw errors[0];
  }

  const decisions = createDecisionNotices({ store, once, mail, mailCtx, hash });

  /**
   * A Webmention just received: verified here, from the stream, as the reader links are mailed (the item's
   * insert is the queue; a failed record is retried by the stream). Its module loads on the first one.
   */
  async function webmention(w: WebmentionItem): Promise<void> {
    const { verifyWebmention } = await import('../domain/webmention/verify.js');
    const outcome = await verifyWebmention(
      {
        store,
        secret: config.secret,
        akismetUrl: config.akismetUrl ?? '',
        contentCheck: config.contentCheck,
        now,
        outbound: { allow: config.outboundAllow ?? [] },
      },
      w,
    );
    log(
      `notify: webmention ${w.id} (${w.site}) ${outcome.status}${outcome.result ? ` ${outcome.result}` : ''}`,
    );
  }

  async function run(job: Job, site: SiteItem, page: PageRef): Promise<void> {
    if (job.kind === 'decision' || job.kind === 'review') return decisions(site, job, page);
    if (job.kind === 'moderators') return moderators(site, job.comment, page);
    if (job.kind === 'verify') return verify(site, job.comment, page);
    if (job.kind === 'reply') return reply(site, job.comment, page);
    return webhooks(site, job, page);
  }

  /** Handles one record; throws when any of its jobs failed (the ones that succeeded stay done). */
  async function handleRecord(record: DynamoDBRecord): Promise<void> {
    const after = decodeImage(record.dynamodb?.NewImage);
    const before = decodeImage(record.dynamodb?.OldImage);
    // A moderator's sign-in link, just asked for.
    if (isAdminLink(after) && !before)
      return sendAdminLink(
        { store, secret: config.secret, baseUrl: publicBase(config), nowSec, once, send: mail },
        after,
      );
    // A reader's sign-in link, just asked for.
    if (isReaderLink(after) && !before)
      return sendReaderLink({ store, secret: config.secret, nowSec, once, send: mail }, after);
    // A Webmention just received, to verify.
    if (isWebmention(after) && !before) return webmention(after);
    const a = isComment(after) ? after : undefined;
    const b = priorImage(isComment(before) ? before : undefined, a);
    const at = (record.dynamodb?.ApproximateCreationDateTime ?? nowSec()) * 1000;
    const jobs = jobsFor(b, a, at);
    if (jobs.length === 0 || !a) return;
    const site = await store.sites.get(a.site);
    if (!site) return;
    const page = await pageRef(site, a.page);
    const errors: unknown[] = [];
    for (const job of jobs) {
      try {
        await run(job, site, page);
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) throw errors[0];
  }

  return {
    once,
    send: mail,
    mailCtx,
    pageRef,
    hash,
    now,
    log,
    handleRecord,
    /** A stream batch: every record is tried; failed ones are reported by sequence number. */
    async handleBatch(records: DynamoDBRecord[]): Promise<DynamoDBBatchResponse> {
      const failures: DynamoDBBatchResponse['batchItemFailures'] = [];
      for (const record of records) {
        try {
          await handleRecord(record);
        } catch (err) {
          const id = record.dynamodb?.SequenceNumber ?? record.eventID ?? '';
          log(`notify: record ${id} failed: ${(err as Error).name}: ${(err as Error).message}`.slice(0, 500));
          failures.push({ itemIdentifier: id });
        }
      }
      return { batchItemFailures: failures };
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
