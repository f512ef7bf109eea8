/** Alarms on errors, throttles and the failure queue, mailed to the owner through one SNS topic. */
import { Duration } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface AlarmsProps {
  email: string;
  functions: Record<string, lambda.IFunction>;
  /** Failure queues of stream functions, by function name: any message in one is worth a look. */
  failures: Record<string, sqs.IQueue>;
  table: dynamodb.ITableV2;
}

/** Ten or fewer alarms, so they stay inside CloudWatch's always-free tier. */
export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cw.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Afterword alarms', enforceSSL: true });
    this.topic.addSubscription(new subs.EmailSubscription(props.email));
    const five = Duration.minutes(5);

    for (const [name, fn] of Object.entries(props.functions)) {
      this.add(
        `${name}Errors`,
        fn.metricErrors({ period: five, statistic: 'Sum' }),
        1,
        `${name} Lambda errors`,
      );
      this.add(
        `${name}Throttles`,
        fn.metricThrottles({ period: five, statistic: 'Sum' }),
        1,
        `${name} Lambda throttled`,
      );
    }
    for (const [name, queue] of Object.entries(props.failures)) {
      this.add(
        `${name}Failures`,
        queue.metricApproximateNumberOfMessagesVisible({ period: five, statistic: 'Maximum' }),
        1,
        `stream records the ${name} function gave up on (see its failure queue)`,
      );
    }
    // On-demand tables still throttle past the account/partition limits; any throttle is worth a look.
    for (const kind of ['Read', 'Write'] as const) {
      const metric = new cw.Metric({
        namespace: 'AWS/DynamoDB',
        metricName: `${kind}ThrottleEvents`,
        dimensionsMap: { TableName: props.table.tableName },
        period: five,
        statistic: 'Sum',
      });
      this.add(`Table${kind}Throttles`, metric, 1, `DynamoDB ${kind.toLowerCase()} throttle events`);
    }
  }

  private add(id: string, metric: cw.IMetric, threshold: number, description: string) {
    const alarm = new cw.Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cw.TreatMissingData.NOT_BREACHING,
      alarmDescription: `Afterword: ${description}`,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
