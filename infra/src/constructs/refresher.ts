/** The remote-replies refresher (issue 18): a Lambda an EventBridge rule runs every 10 minutes, reading and writing the table only. */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { afterwordFunction } from './lambda-fn.js';
import type { DeploySecret } from './secret.js';

/**
 * Item reads and writes: the due index and pages (Query, GetItem), links and comments (PutItem,
 * UpdateItem) and the comment service's transactions (per item action: Put, Update, Delete,
 * ConditionCheck). No Scan, no BatchWriteItem, no table admin.
 */
export const REFRESH_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];

/** The rule's rate: the decay's shortest interval (a page's first day). */
export const REFRESH_SCHEDULE = 'rate(10 minutes)';

export interface RefresherProps {
  table: dynamodb.ITableV2;
  tableArns: string[];
  /** The key parameter: comment ids and keyed hashes of remote replies come from the key. */
  secret: DeploySecret;
  /** The shared api/dist asset (Functions). */
  code: lambda.Code;
}

export class Refresher extends Construct {
  readonly fn: lambda.Function;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: RefresherProps) {
    super(scope, id);
    this.fn = afterwordFunction(this, 'Fn', {
      code: props.code,
      handler: 'refresher.handler',
      // Waiting on remote instances, not computing: the smallest sensible size.
      memorySize: 256,
      // 25 pages, each a few fetches of at most 5 s; the run stops with 20 s left (api/src/refresher.ts),
      // and ends before the next run starts.
      timeout: Duration.seconds(120),
      // No reserved concurrency (a new account cannot reserve any): a run ends long before the next
      // one starts, and two at once would only repeat idempotent writes (links are written conditionally).
      environment: {
        AFTERWORD_TABLE: props.table.tableName,
        AFTERWORD_SECRET_PARAMETER: props.secret.parameterName,
      },
      statements: [
        new iam.PolicyStatement({ actions: REFRESH_TABLE_ACTIONS, resources: props.tableArns }),
        new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: [props.secret.parameterArn] }),
      ],
    });
    this.fn.node.addDependency(props.secret.resource);
    this.rule = new events.Rule(this, 'Schedule', {
      description: 'Afterword: replies from Mastodon and Bluesky for the linked pages that are due',
      schedule: events.Schedule.expression(REFRESH_SCHEDULE),
      targets: [new eventTargets.LambdaFunction(this.fn, { retryAttempts: 0 })],
    });
  }
}
