/** CDK assertions for the HTTP API, the bucket, CloudFront behaviours and policies (edge key, viewer address), the key and the alarms. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READER_HEADER } from '../../api/src/contract/reader-names.js';
import { CSRF_HEADER } from '../../api/src/domain/auth.js';
import { ENTRY_CACHE, LONG_CACHE } from './constructs/widget-files.js';
import { cleanupSynths, SYNTH_TIMEOUT_MS, synthForTest } from './testing.js';

afterAll(cleanupSynths);

let t: Template;
let cfg: Record<string, unknown>;
type Behavior = {
  PathPattern: string;
  CachePolicyId: unknown;
  OriginRequestPolicyId: unknown;
  AllowedMethods: string[];
  TargetOriginId: string;
};
type Origin = { Id: string; OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] };
type RequestPolicy = {
  HeadersConfig: { HeaderBehavior: string; Headers?: string[] };
  CookiesConfig: { CookieBehavior: string };
  QueryStringsConfig: { QueryStringBehavior: string };
};

beforeAll(() => {
  t = synthForTest({ throttle: { rate: 20, burst: 40 } }).template;
  const [dist] = Object.values(t.findResources('AWS::CloudFront::Distribution'));
  cfg = dist!.Properties.DistributionConfig;
}, SYNTH_TIMEOUT_MS);

const behavior = (path: string) => (cfg.CacheBehaviors as Behavior[]).find((b) => b.PathPattern === path)!;
/** The origin request policy a behaviour references (a Ref to one of ours). */
const requestPolicy = (b: Behavior): RequestPolicy => {
  const ref = (b.OriginRequestPolicyId as { Ref?: string }).Ref;
  expect(ref, `${b.PathPattern} uses its own origin request policy`).toBeTypeOf('string');
  return t.toJSON().Resources[ref!].Properties.OriginRequestPolicyConfig;
};
const lower = (headers: string[] = []) => headers.map((h) => h.toLowerCase()).sort();
/** Every request header api/src (outside tests) reads by name, plus those the widget may send cross-origin. */
function headersTheApiReads(): string[] {
  const root = join(import.meta.dirname, '../../api/src');
  const files = (readdirSync(root, { recursive: true }) as string[]).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('testing'),
  );
  const names = new Set<string>([CSRF_HEADER]);
  for (const f of files) {
    const src = readFileSync(join(root, f), 'utf8');
    for (const m of src.matchAll(/req\.header\('([A-Za-z0-9-]+)'\)/g)) names.add(m[1]!.toLowerCase());
    const allow = /ALLOW_HEADERS =\s*'([^']+)'/.exec(src);
    for (const h of allow?.[1]?.split(',') ?? []) names.add(h.trim().toLowerCase());
  }
  return [...names].sort();
}
const managed = {
  CachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  AllViewerExceptHost: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
  CachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
};

describe('HTTP API', () => {
  it('routes /api/{proxy+} (any method) to the API Lambda with payload 2.0', () => {
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /api/{proxy+}' });
    t.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
  });

  it('throttles the stage and logs access without client IPs', () => {
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.not(Match.stringLikeRegexp('sourceIp')),
      },
    });
  });
});

describe('bucket', () => {
  it('is private: public access blocked, SSL enforced, read only by CloudFront through OAC', () => {
    t.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    const policy = JSON.stringify(t.findResources('AWS::S3::BucketPolicy'));
    expect(policy).toContain('"aws:SecureTransport":"false"');
    expect(policy).toContain('cloudfront.amazonaws.com');
    t.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
  });

  it('gets the widget with a year for fingerprinted files and five minutes for entry files', () => {
    const deployments = Object.values(t.findResources('Custom::CDKBucketDeployment'));
    const long = deployments.find((d) => JSON.stringify(d).includes(LONG_CACHE))!;
    const entry = deployments.find((d) => JSON.stringify(d).includes(ENTRY_CACHE))!;
    expect(long.Properties.Include.every((f: string) => /[.-][A-Za-z0-9_-]{8,}\.(js|css)$/.test(f))).toBe(
      true,
    );
    expect(entry.Properties.Include).toContain('embed.js');
    expect(long.Properties.Include).not.toContain('embed.js');
    expect(entry.Properties.Prune).toBe(false);
    expect(entry.Properties.DistributionPaths).toEqual(expect.arrayContaining(['/embed.js', '/admin*']));
  });
});

describe('CloudFront', () => {
  it('serves embed.js, /admin* and the default (chunks) from S3 with origin Cache-Control honoured', () => {
    const s3 = (cfg.DefaultCacheBehavior as Behavior).TargetOriginId;
    for (const b of [cfg.DefaultCacheBehavior as Behavior, behavior('/embed.js'), behavior('/admin*')]) {
      expect(b.TargetOriginId).toBe(s3);
      expect(b.CachePolicyId).toBe(managed.CachingOptimized);
    }
    expect(JSON.stringify(behavior('/admin*'))).toContain('viewer-request');
  });

  it('sends /api/* to the HTTP API with all methods and a cache policy that follows the API', () => {
    const api = behavior('/api/*');
    expect(api.TargetOriginId).not.toBe((cfg.DefaultCacheBehavior as Behavior).TargetOriginId);
    expect(api.AllowedMethods.sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    expect(api).toMatchObject({ CachedMethods: ['GET', 'HEAD'] });
    t.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: {
        MinTTL: 0,
        DefaultTTL: 0,
        MaxTTL: 86400,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          QueryStringsConfig: { QueryStringBehavior: 'all' },
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Origin', 'Authorization'] },
          CookiesConfig: { CookieBehavior: 'none' },
        }),
      },
    });
  });

  it('sends the API the deploy-generated edge key: a GetAtt of the key resource, never a literal', () => {
    const [secretId] = Object.keys(t.findResources('Custom::AfterwordSecret'));
    const origins = cfg.Origins as Origin[];
    const apiOrigin = origins.find((o) => o.Id === behavior('/api/*').TargetOriginId)!;
    expect(behavior('/api/v1/admin/*').TargetOriginId).toBe(apiOrigin.Id);
    expect(apiOrigin.OriginCustomHeaders).toEqual([
      { HeaderName: 'X-Afterword-Edge', HeaderValue: { 'Fn::GetAtt': [secretId, 'EdgeKey'] } },
    ]);
    // Only the API origin gets it: the bucket never sees the key.
    for (const o of origins.filter((o) => o !== apiOrigin)) expect(o.OriginCustomHeaders).toBeUndefined();
  });

  it('forwards the viewer address, cookies and query strings to the API, never Host', () => {
    // The managed AllViewerExceptHostHeader forwards no CloudFront-* header: the API would see the edge's IP.
    for (const path of ['/api/*', '/api/v1/admin/*']) {
      expect(behavior(path).OriginRequestPolicyId).not.toBe(managed.AllViewerExceptHost);
      const policy = requestPolicy(behavior(path));
      expect(policy.HeadersConfig.HeaderBehavior).toBe('whitelist');
      expect(policy.HeadersConfig.Headers).toContain('CloudFront-Viewer-Address');
      expect(lower(policy.HeadersConfig.Headers)).not.toContain('host');
      expect(lower(policy.HeadersConfig.Headers)).not.toContain('x-afterword-edge');
      expect(policy.HeadersConfig.Headers!.length).toBeLessThanOrEqual(10); // CloudFront's quota
      expect(policy).toMatchObject({
        CookiesConfig: { CookieBehavior: 'all' },
        QueryStringsConfig: { QueryStringBehavior: 'all' },
      });
    }
  });

  it('forwards every header the API reads (origin request policy or cache key)', () => {
    const api = behavior('/api/*');
    const cache = t.toJSON().Resources[(api.CachePolicyId as { Ref: string }).Ref];
    const keyed: string[] =
      cache.Properties.CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.Headers;
    const forwarded = new Set(lower([...requestPolicy(api).HeadersConfig.Headers!, ...keyed]));
    // Set by CloudFront (the edge key, as an origin custom header) and by API Gateway (the scheme).
    const notViewers = ['x-afterword-edge', 'x-forwarded-proto'];
    const read = headersTheApiReads();
    expect(read).toEqual(
      expect.arrayContaining([
        'cloudfront-viewer-address',
        'idempotency-key',
        'x-afterword-session',
        'x-csrf-token',
      ]),
    );
    expect(read.filter((h) => !forwarded.has(h) && !notViewers.includes(h))).toEqual([]);
    // Moderator calls (no cache key headers) get the same list plus Origin, which the CSRF check reads, less
    // a reader's session (no moderator route reads it).
    expect(lower(requestPolicy(behavior('/api/v1/admin/*')).HeadersConfig.Headers)).toEqual(
      lower([...requestPolicy(api).HeadersConfig.Headers!.filter((h) => h !== READER_HEADER), 'Origin']),
    );
  });

  it('never caches moderator calls, and matches them before /api/*', () => {
    const admin = behavior('/api/v1/admin/*');
    expect(admin.CachePolicyId).toBe(managed.CachingDisabled);
    expect(admin.AllowedMethods).toContain('POST');
    const order = (cfg.CacheBehaviors as Behavior[]).map((b) => b.PathPattern);
    expect(order.indexOf('/api/v1/admin/*')).toBeLessThan(order.indexOf('/api/*'));
  });

  it('adds security headers, and CORS only to widget files', () => {
    t.resourceCountIs('AWS::CloudFront::ResponseHeadersPolicy', 2);
    t.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentTypeOptions: { Override: true },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 730 * 86400 }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
        CorsConfig: Match.objectLike({ AccessControlAllowOrigins: { Items: ['*'] } }),
      }),
    });
    const policies = Object.values(t.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    expect(policies.filter((p) => p.Properties.ResponseHeadersPolicyConfig.CorsConfig)).toHaveLength(1);
    expect(cfg).toMatchObject({ HttpVersion: 'http2and3', PriceClass: 'PriceClass_100' });
    expect((cfg.DefaultCacheBehavior as { ViewerProtocolPolicy: string }).ViewerProtocolPolicy).toBe(
      'redirect-to-https',
    );
    expect(cfg.CustomErrorResponses).toBeUndefined();
  });
});

describe('key and alarms', () => {
  it('creates the key at deploy time: only its name is in the template', () => {
    t.hasResourceProperties('Custom::AfterwordSecret', { Name: '/AfterwordTest/secret', Returns: 'EdgeKey' });
    const [cr] = Object.values(t.findResources('Custom::AfterwordSecret'));
    expect(Object.keys(cr!.Properties).sort()).toEqual(['Name', 'Returns', 'ServiceToken']);
    t.resourceCountIs('AWS::SSM::Parameter', 0);
  });

  it('lets the key generator read the key back (to derive the edge key), and nothing else', () => {
    const roles = t.findResources('AWS::IAM::Role', {
      Properties: { Policies: [Match.objectLike({ PolicyName: 'secret' })] },
    });
    const [role] = Object.values(roles);
    const statements = role!.Properties.Policies[0].PolicyDocument.Statement as {
      Action: string | string[];
      Resource: unknown;
    }[];
    const ssm = statements.find((s) => [s.Action].flat().includes('ssm:GetParameter'))!;
    expect([ssm.Action].flat().sort()).toEqual(['ssm:GetParameter', 'ssm:PutParameter']);
    expect(JSON.stringify(ssm.Resource)).toContain('parameter/AfterwordTest/secret');
    expect(JSON.stringify(statements)).not.toContain('"*"');
  });

  it('alarms on Lambda errors and throttles, the failure queues and table throttles, by email', () => {
    const alarms = Object.values(t.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties.MetricName,
    );
    expect(alarms.sort()).toEqual([
      'ApproximateNumberOfMessagesVisible',
      'ApproximateNumberOfMessagesVisible',
      'Errors',
      'Errors',
      'Errors',
      'ReadThrottleEvents',
      'Throttles',
      'Throttles',
      'Throttles',
      'WriteThrottleEvents',
    ]);
    expect(alarms.length).toBeLessThanOrEqual(10);
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'owner@blog.example' });
    t.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.anyValue() }] });
  });
});
