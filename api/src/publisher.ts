/** Lambda entry of the publisher: the table's stream in, thread and site files to S3 out (issue 14). */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { loadConfig } from './config.js';
import { createFileStore } from './publish/files.js';
import { createPublisher, type Publisher } from './publish/handler.js';
import { createStore } from './store/index.js';

/**
 * The publisher signs nothing and hashes nothing (it only reads public state), so it needs no secret
 * and no access to where the secret is kept; the configuration still asks for one.
 */
const NO_SECRET = 'the-publisher-uses-no-secret';

let ready: Publisher | undefined;

function init(): Publisher {
  const config = loadConfig(process.env, { secret: NO_SECRET });
  if (!config.filesBucket) throw new Error('publisher: AFTERWORD_FILES_BUCKET is not set');
  return createPublisher({ store: createStore(config), files: createFileStore(config) });
}

/** Partial batch response: Lambda retries from the first failed record (ReportBatchItemFailures). */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  ready ??= init();
  const res = await ready.handleBatch(event.Records ?? []);
  return { batchItemFailures: res.batchItemFailures.map(({ itemIdentifier }) => ({ itemIdentifier })) };
}
