/** Site webhooks: a JSON (or Slack/Discord-ready) body, an HMAC-SHA256 signature, bounded retries with backoff. */
import { createHmac } from 'node:crypto';
import { flagText, parseFlag } from '../contract/flags.js';
import { htmlToText, sanitize } from '../domain/markdown.js';
import type { CommentItem, WebhookConfig, WebhookEvent } from '../store/items.js';
import { type PageRef, pageHref } from './layout.js';

export interface RetryPolicy {
  attempts: number;
  /** Wait before the second attempt; each later wait is 4 times the previous one. */
  backoffMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, backoffMs: 500, timeoutMs: 5000 };

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, like the header receivers verify. */
export function signature(secret: string, t: number, body: string): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** The JSON event: what a comment looks like publicly, never an email or an IP. */
export function eventPayload(
  deliveryId: string,
  event: WebhookEvent,
  page: PageRef,
  c: CommentItem,
  at: string,
) {
  const html = sanitize(c.html);
  // Why a rule held or flagged it, as moderators read it (codes, an external label's name and score).
  const flags = (c.spamReasons ?? []).map((f) => ({ ...(parseFlag(f) ?? { code: f }), text: flagText(f) }));
  return {
    id: deliveryId,
    event: `comment.${event}`,
    at,
    site: page.site,
    page: { path: page.page, title: page.title || undefined, url: pageHref(page) },
    comment: {
      id: c.id,
      parentId: c.parentId,
      status: c.status,
      author: { name: c.authorName, ...(c.authorWebsite ? { website: c.authorWebsite } : {}) },
      html,
      text: htmlToText(html),
      createdAt: c.createdAt,
      ...(c.editedAt ? { editedAt: c.editedAt } : {}),
      ...(flags.length > 0 ? { flags } : {}),
    },
  };
}

const VERBS: Record<WebhookEvent, string> = {
  created: 'New comment',
  approved: 'Comment approved',
  edited: 'Comment edited',
  deleted: 'Comment deleted',
};

/** The request body in the hook's format. */
export function webhookBody(hook: WebhookConfig, payload: ReturnType<typeof eventPayload>): string {
  if (hook.format === 'json') return JSON.stringify(payload);
  const verb = VERBS[payload.event.slice('comment.'.length) as WebhookEvent];
  const title = payload.page.title ?? payload.page.path;
  const text =
    payload.comment.text.length > 1500 ? `${payload.comment.text.slice(0, 1500)}…` : payload.comment.text;
  const name = payload.comment.author.name || 'Anonymous';
  const flags = payload.comment.flags?.length
    ? `\nFlags: ${payload.comment.flags.map((f) => f.text).join('; ')}`
    : '';
  if (hook.format === 'slack') {
    // Slack mrkdwn: &, < and > must be escaped; links are <url|label>.
    const e = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const where = payload.page.url ? `<${payload.page.url}|${e(title)}>` : e(title);
    return JSON.stringify({
      text: `${verb} by ${e(name)} on ${where} (${payload.site}):\n>${e(text).replace(/\n/g, '\n>')}${e(flags)}`,
    });
  }
  const where = payload.page.url ? `[${title}](<${payload.page.url}>)` : title;
  const content = `${verb} by ${name} on ${where} (${payload.site}):\n${text}${flags}`.slice(0, 2000);
  // No @everyone or role pings from a commenter's text.
  return JSON.stringify({ content, allowed_mentions: { parse: [] } });
}

export type DeliveryResult =
  | { ok: true; attempts: number; status: number }
  | { ok: false; attempts: number; permanent: boolean; status?: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function retryable(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** Posts one event, retrying network errors, 5xx, 408 and 429; other answers are final. */
export async function deliver(
  hook: WebhookConfig,
  event: WebhookEvent,
  deliveryId: string,
  body: string,
  policy: RetryPolicy = DEFAULT_RETRY,
  fetchImpl: typeof fetch = fetch,
): Promise<DeliveryResult> {
  let status: number | undefined;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (attempt > 1) await sleep(policy.backoffMs * 4 ** (attempt - 2));
    try {
      const res = await fetchImpl(hook.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(policy.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Afterword-Webhook/1',
          'x-afterword-event': `comment.${event}`,
          'x-afterword-delivery': deliveryId,
          'x-afterword-signature': signature(hook.secret, Math.floor(Date.now() / 1000), body),
        },
        body,
      });
      await res.body?.cancel();
      status = res.status;
      if (res.status >= 200 && res.status < 300) return { ok: true, attempts: attempt, status };
      if (!retryable(res.status)) return { ok: false, attempts: attempt, permanent: true, status };
    } catch {
      status = undefined;
    }
  }
  return { ok: false, attempts: policy.attempts, permanent: false, ...(status ? { status } : {}) };
}
