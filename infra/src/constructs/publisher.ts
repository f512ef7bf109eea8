/** The publisher Lambda: table stream in, thread and site files out to the bucket's files/ prefix only. */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FILES_PREFIX } from '../../../api/src/contract/files.js';
import { afterwordFunction } from './lambda-fn.js';
import { streamMapping } from './stream-mapping.js';

/** The publisher re-reads pages, comments and sites; it never writes the table. */
export const PUBLISH_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];

/**
 * Its S3 rights, on `files/*` only: PutObject (conditional on the ETag it saw) and GetObject, which
 * HeadObject needs to read the stored file's version first (api/src/publish/s3-store.ts). No ListBucket:
 * a missing file then answers 403 instead of 404, which the store reads as "none".
 */
export const PUBLISH_S3_ACTIONS = ['s3:GetObject', 's3:PutObject'];

/** Item types whose changes can alter what a page's or site's files show (public state). */
export const PUBLISH_ITEM_TYPES = ['comment', 'page', 'site'];

export interface PublisherProps {
  table: dynamodb.ITableV2;
  tableArns: string[];
  /** The shared api/dist asset (Functions). */
  code: lambda.Code;
  /** Holds the files under FILES_PREFIX (the widget bucket; CloudFront serves `/files/*` from it). */
  bucket: s3.IBucket;
}

export class Publisher extends Construct {
  readonly fn: lambda.Function;
  readonly failures: sqs.Queue;

  constructor(scope: Construct, id: string, props: PublisherProps) {
    super(scope, id);
    this.failures = new sqs.Queue(this, 'Failures', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.fn = afterwordFunction(this, 'Fn', {
      code: props.code,
      handler: 'publisher.handler',
      // A publish renders at most 300 comments into JSON and HTML and waits on a few S3 round trips:
      // mostly I/O, so 512 MB (about a third of a vCPU) keeps rendering quick at a small price.
      memorySize: 512,
      // A batch of 100 records touches a handful of pages, each a Query and a few head+put pairs.
      timeout: Duration.seconds(60),
      // It reads only public state and signs nothing (api/src/publisher.ts): no key, no key parameter.
      environment: {
        AFTERWORD_TABLE: props.table.tableName,
        AFTERWORD_FILES_BUCKET: props.bucket.bucketName,
      },
      statements: [
        new iam.PolicyStatement({ actions: PUBLISH_TABLE_ACTIONS, resources: props.tableArns }),
        new iam.PolicyStatement({
          actions: PUBLISH_S3_ACTIONS,
          resources: [props.bucket.arnForObjects(`${FILES_PREFIX}*`)],
        }),
        new iam.PolicyStatement({
          actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
          resources: [props.table.tableStreamArn!],
        }),
      ],
    });

    const isPublic = lambda.FilterRule.or(...PUBLISH_ITEM_TYPES);
    streamMapping(this.fn, {
      table: props.table,
      failures: this.failures,
      // One publish per page per batch however many of its records the batch holds (an import, a
      // moderator approving a queue): big batches coalesce; the 1 s window bounds the added latency.
      batchSize: 100,
      window: Duration.seconds(1),
      // A record that keeps failing is parked in the queue after its retries; the next change of its
      // page republishes the page anyway (files show current state).
      // Changes of comments, pages and sites, written or removed (a removal has only an OldImage).
      // Votes' own items, sessions, rate windows and TTL removals of other items never invoke it.
      filters: [
        lambda.FilterCriteria.filter({ dynamodb: { NewImage: { type: { S: isPublic } } } }),
        lambda.FilterCriteria.filter({ dynamodb: { OldImage: { type: { S: isPublic } } } }),
      ],
    });
  }
}
