/** The table stream feeding a function: a poison record isolated by halving, retried a few times, then parked. */
import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sqs from 'aws-cdk-lib/aws-sqs';

export interface StreamMappingProps {
  table: dynamodb.ITable;
  /** Where records go after their last retry. */
  failures: sqs.IQueue;
  batchSize: number;
  window: Duration;
  /** Records that match none never invoke the function (and are not billed). */
  filters: Array<Record<string, unknown>>;
}

/** Maps the stream onto `fn` with partial batch responses, bisect on error, 3 retries and a 6-hour record age. */
export function streamMapping(fn: lambda.Function, props: StreamMappingProps): lambda.EventSourceMapping {
  return fn.addEventSourceMapping('Stream', {
    eventSourceArn: props.table.tableStreamArn!,
    startingPosition: lambda.StartingPosition.LATEST,
    batchSize: props.batchSize,
    maxBatchingWindow: props.window,
    bisectBatchOnError: true,
    retryAttempts: 3,
    maxRecordAge: Duration.hours(6),
    reportBatchItemFailures: true,
    onFailure: new SqsDlq(props.failures),
    filters: props.filters,
  });
}
