/** CDK assertions for the HTTP API, the bucket, CloudFront behaviours and policies, the key and the alarms. */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_CACHE, LONG_CACHE } from './constructs/widget-files.js';
import { cleanupSynths, SYNTH_TIMEOUT_MS, synthForTest } from './testing.js';

afterAll(cleanupSynths);

let t: Template;
let cfg: Record<string, unknown>;
type Behavior = {
  PathPattern: string;
  CachePolicyId: unknown;
  AllowedMethods: string[];
  TargetOriginId: string;
};

beforeAll(() => {
  t = synthForTest({ throttle: { rate: 20, burst: 40 } }).template;
  const [dist] = Object.values(t.findResources('AWS::CloudFront::Distribution'));
  cfg = dist!.Properties.DistributionConfig;
}, SYNTH_TIMEOUT_MS);

const behavior = (path: string) => (cfg.CacheBehaviors as Behavior[]).find((b) => b.PathPattern === path)!;
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
    expect(api).toMatchObject({
      OriginRequestPolicyId: managed.AllViewerExceptHost,
      CachedMethods: ['GET', 'HEAD'],
    });
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
    t.hasResourceProperties('Custom::AfterwordSecret', { Name: '/AfterwordTest/secret' });
    const [cr] = Object.values(t.findResources('Custom::AfterwordSecret'));
    expect(Object.keys(cr!.Properties).sort()).toEqual(['Name', 'ServiceToken']);
    t.resourceCountIs('AWS::SSM::Parameter', 0);
  });

  it('alarms on Lambda errors and throttles, the failure queue and table throttles, by email', () => {
    const alarms = Object.values(t.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties.MetricName,
    );
    expect(alarms.sort()).toEqual([
      'ApproximateNumberOfMessagesVisible',
      'Errors',
      'Errors',
      'ReadThrottleEvents',
      'Throttles',
      'Throttles',
      'WriteThrottleEvents',
    ]);
    expect(alarms.length).toBeLessThanOrEqual(10);
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'owner@blog.example' });
    t.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.anyValue() }] });
  });
});
