/** CDK assertions for issue 14's files: the /files/* behaviour and its cache policy, OAC, the publisher, its stream and its IAM. */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_CACHE_CONTROL, FILES_PREFIX, siteFile, threadFile } from '../../api/src/contract/files.js';
import { FILES_EDGE_MAX_TTL_SECONDS, FILES_EDGE_TTL_SECONDS } from './constructs/edge-policies.js';
import { PUBLISH_S3_ACTIONS, PUBLISH_TABLE_ACTIONS } from './constructs/publisher.js';
import { cleanupSynths, SYNTH_TIMEOUT_MS, synthForTest } from './testing.js';

afterAll(cleanupSynths);

type Behavior = Record<string, unknown> & { PathPattern: string; TargetOriginId: string };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Principal?: unknown };
let t: Template;
let resources: Record<string, { Type: string; Properties: Record<string, any> }>;
let cfg: Record<string, any>;

beforeAll(() => {
  t = synthForTest().template;
  resources = t.toJSON().Resources;
  cfg = Object.values(t.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
}, SYNTH_TIMEOUT_MS);

const files = () => (cfg.CacheBehaviors as Behavior[]).find((b) => b.PathPattern === `/${FILES_PREFIX}*`)!;
const idOf = (prefix: string, type: string) => {
  const ids = Object.keys(resources).filter((id) => id.startsWith(prefix) && resources[id]!.Type === type);
  expect(ids, `${prefix} ${type}`).toHaveLength(1);
  return ids[0]!;
};
const publisherRoleStatements = (): Statement[] =>
  resources[idOf('PublisherFnRole', 'AWS::IAM::Role')]!.Properties.Policies.flatMap(
    (p: { PolicyDocument: { Statement: Statement[] } }) => p.PolicyDocument.Statement,
  );
const widgetBucket = () => idOf('EdgeWidget', 'AWS::S3::Bucket');

describe('the /files/* behaviour', () => {
  it('covers every path the publisher writes', () => {
    expect(files()).toBeDefined();
    for (const path of [
      threadFile('blog', '/a/post/')!.json,
      threadFile('blog', '/a/post/')!.html,
      siteFile('blog'),
    ])
      expect(`/${path}`.startsWith(files().PathPattern.slice(0, -1)), path).toBe(true);
  });

  it('reads the private bucket through OAC over HTTPS, compressed, GET/HEAD only, with the widget headers', () => {
    const origin = (cfg.Origins as Record<string, any>[]).find((o) => o.Id === files().TargetOriginId)!;
    expect(origin.DomainName).toEqual({ 'Fn::GetAtt': [widgetBucket(), 'RegionalDomainName'] });
    expect(origin.OriginAccessControlId).toEqual({
      'Fn::GetAtt': [idOf('EdgeCdnOrigin', 'AWS::CloudFront::OriginAccessControl'), 'Id'],
    });
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    t.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    expect(files()).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      Compress: true,
      ResponseHeadersPolicyId: (cfg.DefaultCacheBehavior as Behavior).ResponseHeadersPolicyId,
    });
    // Absent means CloudFront's default, GET and HEAD: nothing can be written through the edge.
    expect(files().AllowedMethods ?? ['GET', 'HEAD']).toEqual(['GET', 'HEAD']);
  });

  it('keeps files the edge TTL their s-maxage says, keyed on nothing of the request, gzip and brotli', () => {
    const ref = (files().CachePolicyId as { Ref: string }).Ref;
    const { Comment: _c, Name: _n, ...policy } = resources[ref]!.Properties.CachePolicyConfig;
    expect(policy).toEqual({
      MinTTL: FILES_EDGE_TTL_SECONDS,
      DefaultTTL: FILES_EDGE_TTL_SECONDS,
      MaxTTL: FILES_EDGE_MAX_TTL_SECONDS,
      ParametersInCacheKeyAndForwardedToOrigin: {
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
        QueryStringsConfig: { QueryStringBehavior: 'none' },
        HeadersConfig: { HeaderBehavior: 'none' },
        CookiesConfig: { CookieBehavior: 'none' },
      },
    });
    // Long enough that S3 sees few GETs, short enough that other readers see a comment within minutes;
    // browsers keep a file only seconds (max-age), the edge its s-maxage.
    expect(FILES_EDGE_TTL_SECONDS).toBeGreaterThanOrEqual(60);
    expect(FILES_EDGE_MAX_TTL_SECONDS).toBeLessThanOrEqual(900);
    expect(FILE_CACHE_CONTROL).toContain(`s-maxage=${FILES_EDGE_TTL_SECONDS}`);
    expect(Number(/(?:^|[ ,])max-age=(\d+)/.exec(FILE_CACHE_CONTROL)?.[1])).toBeLessThanOrEqual(10);
  });

  it('stores them encrypted, public access blocked, TLS only, readable by this distribution alone', () => {
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    const policy = Object.values(t.findResources('AWS::S3::BucketPolicy')).find(
      (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: widgetBucket() }),
    )!;
    const statements = policy.Properties.PolicyDocument.Statement as (Statement & { Condition?: any })[];
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const cdn = statements.find((s) => JSON.stringify(s.Principal).includes('cloudfront.amazonaws.com'))!;
    expect(cdn.Action).toBe('s3:GetObject');
    expect(JSON.stringify(cdn.Condition)).toContain(idOf('EdgeCdn', 'AWS::CloudFront::Distribution'));
  });
});

describe('the publisher', () => {
  it('runs publisher.handler from the same api/dist asset as the API, with the files bucket in its env', () => {
    const fn = resources[idOf('PublisherFn', 'AWS::Lambda::Function')]!.Properties;
    const api = Object.values(
      t.findResources('AWS::Lambda::Function', { Properties: { Handler: 'lambda.handler' } }),
    )[0]!;
    expect(fn).toMatchObject({
      Handler: 'publisher.handler',
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 60,
      LoggingConfig: { LogGroup: { Ref: idOf('PublisherFnLogs', 'AWS::Logs::LogGroup') } },
    });
    expect(fn.Code).toEqual(api.Properties.Code);
    // It signs nothing: no key parameter in its env (api/src/publisher.ts) and no ssm right below.
    expect(fn.Environment.Variables).toEqual({
      AFTERWORD_FILES_BUCKET: { Ref: widgetBucket() },
      AFTERWORD_TABLE: { Ref: idOf('DataTable', 'AWS::DynamoDB::GlobalTable') },
    });
  });

  it('reads the stream in bisecting batches with partial failures, bounded retries and its own failure queue', () => {
    const queue = idOf('PublisherFailures', 'AWS::SQS::Queue');
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: idOf('PublisherFn', 'AWS::Lambda::Function') },
      EventSourceArn: { 'Fn::GetAtt': [Match.anyValue(), 'StreamArn'] },
      StartingPosition: 'LATEST',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 6 * 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
      FilterCriteria: {
        Filters: [
          { Pattern: '{"dynamodb":{"NewImage":{"type":{"S":["comment","page","site"]}}}}' },
          { Pattern: '{"dynamodb":{"OldImage":{"type":{"S":["comment","page","site"]}}}}' },
        ],
      },
    });
    expect(resources[queue]!.Properties).toMatchObject({ SqsManagedSseEnabled: true });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
      Threshold: 1,
    });
    for (const metric of ['Errors', 'Throttles'])
      t.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: metric,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: idOf('PublisherFn', 'AWS::Lambda::Function') } }],
      });
  });

  it('may only get and put objects under files/, and read the table and its stream', () => {
    const statements = publisherRoleStatements();
    const s3 = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3).toHaveLength(1);
    expect([s3[0]!.Action].flat().sort()).toEqual([...PUBLISH_S3_ACTIONS].sort());
    expect(PUBLISH_S3_ACTIONS).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(s3[0]!.Resource).toEqual({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [widgetBucket(), 'Arn'] }, `/${FILES_PREFIX}*`]],
    });
    const table = statements.find((s) => [s.Action].flat().includes('dynamodb:Query'))!;
    expect([table.Action].flat().sort()).toEqual([...PUBLISH_TABLE_ACTIONS].sort());
    const all = statements.flatMap((s) => [s.Action].flat());
    expect(all.filter((a) => a.endsWith('*') || /Delete|Update|Write|Scan|List|Acl|Policy/.test(a))).toEqual(
      [],
    );
    expect(all.sort()).toEqual(
      [
        ...PUBLISH_S3_ACTIONS,
        ...PUBLISH_TABLE_ACTIONS,
        'dynamodb:DescribeStream',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ].sort(),
    );
    expect(JSON.stringify(statements.filter((s) => s !== s3[0]).map((s) => s.Resource))).not.toMatch(
      /"\*"|\/\*"/,
    );
    // No managed policies; the one policy CDK attaches lets it park records in its own failure queue.
    const role = idOf('PublisherFnRole', 'AWS::IAM::Role');
    expect(resources[role]!.Properties.ManagedPolicyArns).toBeUndefined();
    const attached = Object.values(t.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(`"${role}"`),
    );
    expect(attached.flatMap((p) => p.Properties.PolicyDocument.Statement)).toEqual([
      {
        Effect: 'Allow',
        Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        Resource: { 'Fn::GetAtt': [idOf('PublisherFailures', 'AWS::SQS::Queue'), 'Arn'] },
      },
    ]);
  });
});
