/** Lambda entry for the table's stream (mail and webhooks) and for the daily digest schedule. */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { loadConfig } from './config.js';
import { runDigest } from './notify/digest.js';
import { createNotifier, type Notifier } from './notify/handler.js';
import { createTransport } from './notify/transport.js';
import { resolveSecret } from './secret.js';
import { createStore, type Store } from './store/index.js';

let ready: Promise<{ store: Store; notifier: Notifier }> | undefined;

async function init() {
  const config = loadConfig(process.env, { secret: await resolveSecret(process.env) });
  if (!config.publicUrl)
    console.warn('notify: AFTERWORD_PUBLIC_URL is not set; links in mail will point to localhost');
  const store = createStore(config);
  const notifier = createNotifier({ config, store, transport: createTransport(config) });
  return { store, notifier };
}

/** An EventBridge schedule (`{"source":"aws.events", ...}` or `{"digest":true}`) runs the digest. */
type ScheduledEvent = { source?: string; digest?: boolean };

export async function handler(
  event: DynamoDBStreamEvent | ScheduledEvent,
): Promise<DynamoDBBatchResponse | { sent: number; failed: number }> {
  ready ??= init().catch((err) => {
    ready = undefined;
    throw err;
  });
  const { store, notifier } = await ready;
  if ('Records' in event && Array.isArray(event.Records)) return notifier.handleBatch(event.Records);
  if (('source' in event && event.source === 'aws.events') || ('digest' in event && event.digest === true)) {
    const result = await runDigest(store, notifier);
    // Failing the invocation makes the schedule retry it; digests already sent are not sent again.
    if (result.failed > 0)
      throw new Error(`digest: ${result.failed} of ${result.sent + result.failed} mails failed`);
    return result;
  }
  throw new Error('notify: expected a DynamoDB stream batch or a scheduled digest event');
}
