/** The API and stream-notify Lambdas from the prebuilt api/dist bundle, with least-privilege roles. */
import { Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { afterwordFunction } from './lambda-fn.js';
import type { DeploySecret } from './secret.js';
import { streamMapping } from './stream-mapping.js';

/** Item actions the API uses (transactions are authorised per item action). No Scan, no table admin. */
export const API_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

/** The notifier reads comments, sites and subscriptions and records what it sent (once-only markers). */
/** Item types the notifier handles when they are inserted (beside every change of a comment). */
export const NOTIFY_INSERT_TYPES = ['adminLink', 'readerLink', 'webmention'];

export const NOTIFY_TABLE_ACTIONS = API_TABLE_ACTIONS.filter((a) => a !== 'dynamodb:BatchWriteItem');

export interface FunctionsProps {
  table: dynamodb.ITableV2;
  tableArns: string[];
  secret: DeploySecret;
  /** The directory `npm run build` fills: lambda.mjs and notify.mjs, each exporting `handler`. */
  apiDist: string;
  publicUrl: string;
  mailFrom: string;
  mailIdentity: string;
}

export class Functions extends Construct {
  readonly api: lambda.Function;
  readonly notify: lambda.Function;
  readonly failures: sqs.Queue;
  /** The api/dist asset, shared by every Afterword function (one upload). */
  readonly code: lambda.Code;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // One asset for every function: exactly the files the Lambda tests import (entries and their shared
    // chunks), without the build's metafile. No bundling at synth.
    const code = lambda.Code.fromAsset(props.apiDist, { exclude: ['meta.json'] });
    this.code = code;
    const env = {
      AFTERWORD_TABLE: props.table.tableName,
      AFTERWORD_SECRET_PARAMETER: props.secret.parameterName,
      AFTERWORD_PUBLIC_URL: props.publicUrl,
    };
    const tablePolicy = (actions: string[]) =>
      new iam.PolicyStatement({ actions, resources: props.tableArns });
    // The parameter uses the AWS managed key aws/ssm, whose key policy lets the account's principals
    // decrypt through SSM: no kms statement is needed (or possible to scope further without a paid CMK).
    const readSecret = new iam.PolicyStatement({
      actions: ['ssm:GetParameter'],
      resources: [props.secret.parameterArn],
    });

    this.api = afterwordFunction(this, 'Api', {
      code,
      handler: 'lambda.handler',
      // CPU grows with memory (1024 MB is about 0.6 of a vCPU): the cold start, which parses a 1.3 MB
      // bundle, is CPU-bound and shortens with it. Warm requests take 2-32 ms in the bench, so even at
      // 1 GB the GB-seconds stay inside the free tier up to millions of requests (npm run cost).
      memorySize: 1024,
      // Reads answer in milliseconds; 20 s leaves room for a cold start plus an import batch (which
      // watches its remaining time) and still ends before the HTTP API's 30 s integration limit.
      timeout: Duration.seconds(20),
      environment: env,
      statements: [tablePolicy(API_TABLE_ACTIONS), readSecret],
    });

    this.failures = new sqs.Queue(this, 'NotifyFailures', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });

    const identityArn = stack.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: props.mailIdentity,
    });
    this.notify = afterwordFunction(this, 'Notify', {
      code,
      handler: 'notify.handler',
      // Sending a few mails per batch is network-bound; 256 MB is plenty and the cheapest sensible size.
      memorySize: 256,
      // A record is usually one SES call and a few reads (well under a second), but a hung webhook receiver
      // costs up to 3 tries x 5 s + 2.5 s of backoff (api/src/notify/webhooks.ts): 120 s lets a batch of 10
      // finish with a few of those; billing is for the time used, not the limit.
      timeout: Duration.seconds(120),
      environment: { ...env, MAIL_TRANSPORT: 'ses', MAIL_FROM: props.mailFrom },
      statements: [
        tablePolicy(NOTIFY_TABLE_ACTIONS),
        readSecret,
        // SES sending rights for the configured identity only (SES v2 SendEmail authorises as ses:SendEmail).
        new iam.PolicyStatement({
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: [identityArn],
        }),
        // The stream itself; the event source mapping polls it with the function's role. ListStreams is
        // left out: it cannot be scoped to a resource and the mapping names its stream.
        new iam.PolicyStatement({
          actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
          resources: [props.table.tableStreamArn!],
        }),
      ],
    });
    this.api.node.addDependency(props.secret.resource);
    this.notify.node.addDependency(props.secret.resource);

    streamMapping(this.notify, {
      table: props.table,
      failures: this.failures,
      batchSize: 10,
      window: Duration.seconds(2),
      // The notifier acts only on comment items that still exist (api/src/notify/handler.ts reads
      // NewImage and ignores anything else); filtered records never invoke it, and are not billed.
      // Rate-limit counters, votes' own items, sessions and TTL removals stay out. A moderator's
      // sign-in link comes in as it is written, to be mailed (notify/admin-link-mail.ts).
      filters: [
        lambda.FilterCriteria.filter({
          dynamodb: { NewImage: { type: { S: lambda.FilterRule.isEqual('comment') } } },
        }),
        // Items acted on as they are written: a moderator's or a reader's sign-in link, to be mailed
        // (notify/admin-link-mail.ts, notify/reader-link-mail.ts), and a Webmention, to be verified
        // (api/src/domain/webmention/verify.ts).
        lambda.FilterCriteria.filter({
          eventName: lambda.FilterRule.isEqual('INSERT'),
          dynamodb: { NewImage: { type: { S: lambda.FilterRule.or(...NOTIFY_INSERT_TYPES) } } },
        }),
      ],
    });

    // The daily moderator digest (api/src/notify.ts answers `{"digest": true}`); scheduled rules are free.
    new events.Rule(this, 'Digest', {
      description: 'Afterword daily moderator digest',
      schedule: events.Schedule.cron({ minute: '0', hour: '7' }),
      targets: [
        new eventTargets.LambdaFunction(this.notify, {
          event: events.RuleTargetInput.fromObject({ digest: true }),
          retryAttempts: 2,
        }),
      ],
    });
  }
}
