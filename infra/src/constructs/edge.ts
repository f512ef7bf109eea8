/** The edge: a private S3 bucket (built widget, published files) and one CloudFront distribution for them and the API. */
import { Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cf from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { FILES_PREFIX } from '../../../api/src/contract/files.js';
import { READER_HEADER } from '../../../api/src/contract/reader-names.js';
import type { DeployConfig } from '../config.js';
import {
  ADMIN_INDEX_FUNCTION,
  apiCachePolicy,
  apiHeaders,
  filesCachePolicy,
  staticHeaders,
} from './edge-policies.js';
import { ENTRY_CACHE, invalidationPaths, LONG_CACHE, splitWidgetFiles } from './widget-files.js';

/**
 * The viewer headers the API reads, forwarded on every API behaviour. A list, not "all viewer headers":
 * CloudFront adds its `CloudFront-Viewer-Address` only to a policy that names it, and the one header
 * behaviour that drops `Host` (which execute-api must not see: it would answer 403) names headers to
 * exclude, not CloudFront headers to add. `Authorization` and `Origin` come with the /api/* cache key;
 * edge.test.ts checks this list against the headers api/src reads. At most 10 (CloudFront quota).
 */
export const API_VIEWER_HEADERS = [
  'Content-Type',
  'User-Agent',
  'Idempotency-Key',
  'X-Afterword-Edit-Token',
  // A signed-in reader's session (readers' sign-in: no cookie, the blog is on another origin).
  READER_HEADER,
  'If-None-Match',
  'X-CSRF-Token',
  'Sec-Fetch-Site',
  'Access-Control-Request-Method',
] as const;

/** The header with the edge key (api/src/lambda.ts trusts `CloudFront-Viewer-Address` only with it). */
export const EDGE_KEY_HEADER = 'X-Afterword-Edge';

export interface EdgeProps {
  httpApi: apigw.IHttpApi;
  /** `DeploySecret.edgeKey`: CloudFront sends it to the API so the API knows the request came through it. */
  edgeKey: string;
  widgetDist: string;
  domain: DeployConfig['domain'];
}

export class Edge extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cf.Distribution;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Widget', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Built widget files, and under files/ the publisher's thread and site files (CloudFront reads the
      // bucket through OAC, the publisher writes files/* only). All can be rebuilt: `npm run destroy`
      // may delete them; a deploy puts the widget back, and the next change of a page its files.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    const s3Origin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket);
    // apiEndpoint is https://<id>.execute-api.<region>.amazonaws.com: keep the host.
    const apiHost = Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint));
    const apiOrigin = new origins.HttpOrigin(apiHost, {
      protocolPolicy: cf.OriginProtocolPolicy.HTTPS_ONLY,
      readTimeout: Duration.seconds(30),
      // CloudFront overwrites a viewer's header of the same name, so only its own requests carry the key.
      customHeaders: { [EDGE_KEY_HEADER]: props.edgeKey },
    });
    const statics = staticHeaders(this);
    const apiSecurity = apiHeaders(this);
    // The viewer's address (for rate limits and one vote per reader) plus the headers the API reads,
    // all cookies and query strings; never Host. The managed AllViewerExceptHostHeader forwards no
    // CloudFront headers, so the API would see only the edge's address.
    const apiRequests = (id: string, extra: string[], omit: string[] = []) =>
      new cf.OriginRequestPolicy(this, id, {
        comment: 'Afterword API: the headers it reads, the viewer address, cookies and query strings',
        headerBehavior: cf.OriginRequestHeaderBehavior.allowList(
          'CloudFront-Viewer-Address',
          ...API_VIEWER_HEADERS.filter((h) => !omit.includes(h)),
          ...extra,
        ),
        cookieBehavior: cf.OriginRequestCookieBehavior.all(),
        queryStringBehavior: cf.OriginRequestQueryStringBehavior.all(),
      });
    const publicRequests = apiRequests('ApiRequests', []);
    // The moderator behaviour's cache policy (CachingDisabled) forwards no header: Origin comes from here.
    // A reader's session means nothing to moderator routes; leaving it out keeps the list within
    // CloudFront's 10 headers per policy.
    const adminRequests = apiRequests('AdminApiRequests', ['Origin'], [READER_HEADER]);
    const s3Behavior: cf.BehaviorOptions = {
      origin: s3Origin,
      viewerProtocolPolicy: cf.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      // Honours each object's Cache-Control (entries: 5 minutes, a day at the edge; chunks: a year).
      cachePolicy: cf.CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: statics,
      compress: true,
    };
    const adminIndex = new cf.Function(this, 'AdminIndex', {
      code: cf.FunctionCode.fromInline(ADMIN_INDEX_FUNCTION),
      runtime: cf.FunctionRuntime.JS_2_0,
      comment: 'Afterword: /admin -> /admin/, directory URLs -> index.html',
    });

    const domain = props.domain;
    const zone =
      domain?.hostedZoneId && domain.zoneName
        ? route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
            hostedZoneId: domain.hostedZoneId,
            zoneName: domain.zoneName,
          })
        : undefined;
    let certificate: acm.ICertificate | undefined;
    if (domain?.certificateArn) {
      certificate = acm.Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn);
    } else if (domain && zone) {
      // Config validation allows this only when the stack is in us-east-1, where CloudFront needs it.
      certificate = new acm.Certificate(this, 'Certificate', {
        domainName: domain.name,
        validation: acm.CertificateValidation.fromDns(zone),
      });
    }

    this.distribution = new cf.Distribution(this, 'Cdn', {
      comment: 'Afterword: widget and files from S3, /api/* to the HTTP API',
      // North America and Europe edges only: the cheapest price class; other viewers use the nearest of them.
      priceClass: cf.PriceClass.PRICE_CLASS_100,
      httpVersion: cf.HttpVersion.HTTP2_AND_3,
      // The TLS floor applies only with our own certificate (the *.cloudfront.net one is fixed by AWS).
      ...(domain && certificate
        ? {
            domainNames: [domain.name],
            certificate,
            minimumProtocolVersion: cf.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      // Fingerprinted chunks (wherever the build puts them) come from the bucket with their year-long cache.
      defaultBehavior: s3Behavior,
      additionalBehaviors: {
        '/embed.js': s3Behavior,
        // Thread and site files the publisher writes (a short edge TTL, then ETag revalidation with S3).
        [`/${FILES_PREFIX}*`]: { ...s3Behavior, cachePolicy: filesCachePolicy(this) },
        '/admin*': {
          ...s3Behavior,
          functionAssociations: [{ function: adminIndex, eventType: cf.FunctionEventType.VIEWER_REQUEST }],
        },
        // Moderator calls carry a session cookie: never cached, everything forwarded.
        '/api/v1/admin/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: cf.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cf.AllowedMethods.ALLOW_ALL,
          cachePolicy: cf.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: adminRequests,
          responseHeadersPolicy: apiSecurity,
        },
        // Public GETs are cached only as long as the API's own Cache-Control says (s-maxage); the rest is no-store.
        '/api/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: cf.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cf.AllowedMethods.ALLOW_ALL,
          cachedMethods: cf.CachedMethods.CACHE_GET_HEAD,
          cachePolicy: apiCachePolicy(this),
          originRequestPolicy: publicRequests,
          responseHeadersPolicy: apiSecurity,
          compress: true,
        },
      },
      // No custom error responses: they would apply to the API's 4xx answers too.
    });

    if (domain && zone) {
      const target = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(this.distribution));
      new route53.ARecord(this, 'Alias', { zone, recordName: domain.name, target });
      new route53.AaaaRecord(this, 'AliasV6', { zone, recordName: domain.name, target });
    }

    const { fingerprinted, entries } = splitWidgetFiles(props.widgetDist);
    const source = deploy.Source.asset(props.widgetDist);
    let chunks: deploy.BucketDeployment | undefined;
    if (fingerprinted.length > 0) {
      chunks = new deploy.BucketDeployment(this, 'DeployChunks', {
        sources: [source],
        destinationBucket: this.bucket,
        exclude: ['*'],
        include: fingerprinted,
        prune: false, // old chunks stay for pages still holding an older embed.js
        cacheControl: [deploy.CacheControl.fromString(LONG_CACHE)],
      });
    }
    const entryDeployment = new deploy.BucketDeployment(this, 'DeployEntries', {
      sources: [source],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: entries,
      prune: false,
      cacheControl: [deploy.CacheControl.fromString(ENTRY_CACHE)],
      // New embed.js, admin page and other entry files visible at once rather than after the 5-minute TTL.
      distribution: this.distribution,
      distributionPaths: invalidationPaths(entries),
    });
    // Chunks land before the embed.js that imports them.
    if (chunks) entryDeployment.node.addDependency(chunks);
  }
}
