/** CDK assertions for storage, functions, event source and IAM: the properties issue 7 asks for. */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionOf, TABLE_SCHEMA } from '../../api/src/store/table.js';
import { API_TABLE_ACTIONS } from './constructs/functions.js';
import { cleanupSynths, findCycle, SYNTH_TIMEOUT_MS, synthForTest } from './testing.js';

afterAll(cleanupSynths);

let t: Template;
type Statement = { Action: string | string[]; Resource: unknown };

/** Every statement of every inline policy and policy resource, as [owner logical id, statement]. */
function statements(template: Template): [string, Statement][] {
  const out: [string, Statement][] = [];
  for (const [id, r] of Object.entries(template.findResources('AWS::IAM::Role'))) {
    for (const p of r.Properties.Policies ?? [])
      for (const s of p.PolicyDocument.Statement) out.push([id, s]);
  }
  for (const [id, r] of Object.entries(template.findResources('AWS::IAM::Policy'))) {
    for (const s of r.Properties.PolicyDocument.Statement) out.push([id, s]);
  }
  return out;
}

beforeAll(() => {
  t = synthForTest().template;
}, SYNTH_TIMEOUT_MS);

describe('table', () => {
  it('is built from the shared schema: keys, indexes, TTL, stream, on-demand, PITR, deletion protection', () => {
    t.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    t.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: TABLE_SCHEMA.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_SCHEMA.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: TABLE_SCHEMA.ttlAttribute, Enabled: true },
      GlobalSecondaryIndexes: TABLE_SCHEMA.indexes.map((ix) =>
        Match.objectLike({
          IndexName: ix.name,
          KeySchema: [
            { AttributeName: ix.partitionKey, KeyType: 'HASH' },
            { AttributeName: ix.sortKey, KeyType: 'RANGE' },
          ],
          // The same projection DynamoDB Local's table gets (keys, and GSI2's status).
          Projection: projectionOf(ix),
        }),
      ),
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
    });
  });

  it('projects keys in every index (and status in the author index), so votes and counts write no index', () => {
    expect(TABLE_SCHEMA.indexes.map(projectionOf)).toEqual([
      { ProjectionType: 'KEYS_ONLY' },
      { ProjectionType: 'INCLUDE', NonKeyAttributes: ['status'] },
      { ProjectionType: 'KEYS_ONLY' },
      // The top index (store/top.ts): keys only, its comments read from the table.
      { ProjectionType: 'KEYS_ONLY' },
    ]);
    expect(TABLE_SCHEMA.indexes.map((ix) => [ix.name, ix.partitionKey, ix.sortKey])).toContainEqual([
      'gsi4',
      'gsi4pk',
      'gsi4sk',
    ]);
  });

  it(
    "keeps every index projecting all for a stack deployed before keys (config indexProjection 'all')",
    () => {
      const old = synthForTest({ indexProjection: 'all' }).template;
      const [table] = Object.values(old.findResources('AWS::DynamoDB::GlobalTable'));
      const indexes = table!.Properties.GlobalSecondaryIndexes as {
        IndexName: string;
        Projection: unknown;
      }[];
      // The indexes such a stack has keep projecting all; the top index, added since, is new to it.
      expect(indexes.map((ix) => [ix.IndexName, ix.Projection])).toEqual(
        TABLE_SCHEMA.indexes.map((ix) => [ix.name, { ProjectionType: 'since' in ix ? 'KEYS_ONLY' : 'ALL' }]),
      );
    },
    SYNTH_TIMEOUT_MS,
  );

  it('is retained when the stack is deleted', () => {
    t.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('functions', () => {
  it('runs the API and the notifier on Node.js 22, arm64, with chosen memory and timeouts', () => {
    for (const [handler, memory, timeout] of [
      ['lambda.handler', 1024, 20],
      ['notify.handler', 256, 120],
    ] as const) {
      t.hasResourceProperties('AWS::Lambda::Function', {
        Handler: handler,
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: memory,
        Timeout: timeout,
        LoggingConfig: { LogGroup: Match.anyValue() },
      });
    }
  });

  it('keeps logs for a month', () => {
    const groups = Object.values(t.findResources('AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThanOrEqual(3);
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(30);
  });

  it('passes the table, the key parameter name (not the key) and mail settings in the env', () => {
    t.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'lambda.handler',
      Environment: {
        Variables: {
          AFTERWORD_TABLE: { Ref: Match.anyValue() },
          AFTERWORD_SECRET_PARAMETER: '/AfterwordTest/secret',
          AFTERWORD_PUBLIC_URL: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
        },
      },
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'notify.handler',
      Environment: {
        Variables: Match.objectLike({
          MAIL_TRANSPORT: 'ses',
          MAIL_FROM: 'Afterword <comments@blog.example>',
        }),
      },
    });
    const json = JSON.stringify(t.toJSON());
    expect(json).not.toMatch(/AFTERWORD_SECRET"/);
  });

  it('reads the stream in small bisecting batches with limited retries, partial failures and a failure queue', () => {
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.anyValue(), 'StreamArn'] },
      StartingPosition: 'LATEST',
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 2,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 6 * 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: {
        Filters: [
          { Pattern: '{"dynamodb":{"NewImage":{"type":{"S":["comment"]}}}}' },
          {
            Pattern:
              '{"eventName":["INSERT"],"dynamodb":{"NewImage":{"type":{"S":["adminLink","readerLink","webmention"]}}}}',
          },
        ],
      },
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } } },
    });
    t.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 86400,
    });
  });

  it('runs the daily digest on a schedule through the notify function', () => {
    t.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 7 * * ? *)',
      Targets: [Match.objectLike({ Input: '{"digest":true}', RetryPolicy: { MaximumRetryAttempts: 2 } })],
    });
  });
});

describe('IAM', () => {
  it('grants no dynamodb:* and no * resource to the Afterword functions', () => {
    const own = statements(t).filter(([id]) => /^(Functions|Secret)/.test(id));
    expect(own.length).toBeGreaterThan(5);
    for (const [id, s] of own) {
      const actions = [s.Action].flat();
      expect(
        actions.filter((a) => a.endsWith('*')),
        id,
      ).toEqual([]);
      expect(JSON.stringify(s.Resource), id).not.toMatch(/"\*"|\/\*"/);
    }
  });

  it('names the table and each index ARN for the API, without Scan or table admin', () => {
    const api = statements(t).find(
      ([id, s]) => id.startsWith('FunctionsApiRole') && [s.Action].flat().includes('dynamodb:Query'),
    );
    expect(api).toBeDefined();
    const [, s] = api!;
    expect([s.Action].flat().sort()).toEqual([...API_TABLE_ACTIONS].sort());
    const resources = JSON.stringify(s.Resource);
    for (const ix of TABLE_SCHEMA.indexes) expect(resources).toContain(`/index/${ix.name}`);
    expect((s.Resource as unknown[]).length).toBe(1 + TABLE_SCHEMA.indexes.length);
  });

  it('lets the notifier send only as the configured SES identity', () => {
    const ses = statements(t).filter(([, s]) => [s.Action].flat().some((a) => a.startsWith('ses:')));
    expect(ses.map(([id]) => id).every((id) => id.startsWith('FunctionsNotifyRole'))).toBe(true);
    expect(JSON.stringify(ses[0]![1].Resource)).toContain(':identity/blog.example');
  });
});

describe('template', () => {
  it('has no reference cycle (the API Lambda names the distribution that fronts it)', () => {
    expect(findCycle(t)).toBeUndefined();
  });

  it('finds a cycle when there is one', () => {
    const looped = {
      toJSON: () => ({ Resources: { A: { Properties: { X: { Ref: 'B' } } }, B: { DependsOn: 'A' } } }),
    };
    expect(findCycle(looped as unknown as Template)).toEqual(['A', 'B', 'A']);
  });
});
