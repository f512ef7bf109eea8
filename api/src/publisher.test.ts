/**
 * The publisher's Lambda entry, configured from the environment as on AWS: a stream batch of a new
 * comment puts its thread files and the site file into the bucket (s3rver), answering a partial
 * batch response with no failures; without a bucket it refuses to start.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SiteFile, siteFile, type ThreadFile, threadFile } from './contract/files.js';
import { type LocalS3, startLocalS3 } from './publish/s3rver.testkit.js';
import { openStream } from './store/stream.js';
import { postComment } from './testing/comments.js';
import { createHarness, type Harness } from './testing/harness.js';

let h: Harness;
let s3: LocalS3;
let raw: S3Client;
const saved = { ...process.env };
beforeAll(async () => {
  [h, s3] = await Promise.all([createHarness(), startLocalS3()]);
  raw = new S3Client({
    region: 'us-east-1',
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: s3.credentials,
  });
  await h.site('lam', { moderation: 'none' });
});
afterAll(async () => {
  process.env = saved;
  raw?.destroy();
  await h?.drop();
  await s3?.stop();
});

async function get<T>(key: string): Promise<T> {
  const res = await raw.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  return JSON.parse(await res.Body!.transformToString()) as T;
}

it('refuses to start without a bucket, then publishes a batch to it', async () => {
  Object.assign(process.env, {
    AWS_LAMBDA_FUNCTION_NAME: 'afterword-publisher',
    DYNAMODB_ENDPOINT: h.config.dynamodbEndpoint,
    AFTERWORD_TABLE: h.config.table,
    AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    AWS_REGION: 'us-east-1',
  });
  delete process.env.AFTERWORD_SECRET;
  const { handler } = await import('./publisher.js');
  await expect(handler({ Records: [] })).rejects.toThrow(/AFTERWORD_FILES_BUCKET/);

  process.env.AFTERWORD_FILES_BUCKET = s3.bucket;
  process.env.AFTERWORD_FILES_ENDPOINT = s3.endpoint;
  const reader = openStream(h.config, 'LATEST');
  await reader.poll();
  const res = await postComment(h.call, {
    site: 'lam',
    page: '/post/',
    body: 'From the stream',
    author: { name: 'R' },
  });
  expect(res.status).toBe(201);
  const records: DynamoDBRecord[] = [];
  for (let i = 0; i < 5 && records.length === 0; i++)
    records.push(...(await reader.poll()).flatMap((b) => b.records));
  reader.close();
  expect(records.length).toBeGreaterThan(0);

  expect(await handler({ Records: records })).toEqual({ batchItemFailures: [] });
  const t = await get<ThreadFile>(threadFile('lam', '/post/')!.json);
  expect(t.comments.map((c) => c.id)).toEqual([res.json.comment.id]);
  expect(t.version).toBe(await h.store.threads.version('lam', '/post/'));
  expect((await get<SiteFile>(siteFile('lam'))).counts).toEqual({ '/post/': 1 });
});
