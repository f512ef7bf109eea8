/** CloudFront policies: the API and files cache keys, security headers, and the admin index rewrite. */
import { Duration } from 'aws-cdk-lib';
import * as cf from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';

/**
 * `/api/*`: TTLs 0/0/1 day, so only responses whose Cache-Control allows shared caching (thread and
 * counts GETs: `s-maxage`) are kept, for as long as the API says; anything without it (POST answers,
 * errors: `no-store`) is never cached. Key: the full query string (site, page, sort, cursor), `Origin`
 * (CORS answers differ per origin) and `Authorization` (token routes must never share an entry, and
 * CloudFront forwards that header only when it is in the key). `If-None-Match` is deliberately not in
 * the key: CloudFront answers it from its cached ETag and revalidates stale entries with the origin
 * itself, so the key does not split per client. Cookies stay out of the key; the origin request
 * policies (edge.ts: named viewer headers, all cookies and query strings) forward them, with CloudFront-Viewer-Address.
 */
export function apiCachePolicy(scope: Construct): cf.CachePolicy {
  return new cf.CachePolicy(scope, 'ApiCache', {
    comment: 'Afterword API: honour origin Cache-Control (s-maxage) on public GETs',
    minTtl: Duration.seconds(0),
    defaultTtl: Duration.seconds(0),
    maxTtl: Duration.days(1),
    queryStringBehavior: cf.CacheQueryStringBehavior.all(),
    headerBehavior: cf.CacheHeaderBehavior.allowList('Origin', 'Authorization'),
    cookieBehavior: cf.CacheCookieBehavior.none(),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
}

/**
 * How long an edge keeps a thread or site file before it revalidates it with S3 (the files'
 * `s-maxage`, api/src/contract/files.ts; browsers keep them `max-age=5`, and the widget revalidates
 * with `no-cache`). Ten minutes: a page read thousands of times costs one S3 GET per regional cache per
 * ten minutes. Freshness: a writer sees their own comment at once (the widget shows it); other readers
 * within this TTL plus the widget's next revalidation.
 */
export const FILES_EDGE_TTL_SECONDS = 600;
/** An object's own `s-maxage` may not lengthen the edge TTL beyond it. */
export const FILES_EDGE_MAX_TTL_SECONDS = 600;

/**
 * `/files/*`: at least FILES_EDGE_TTL_SECONDS at the edge whatever the object says, then a conditional
 * GET with the cached ETag (S3 answers 304 while the file is unchanged); viewers' `If-None-Match` is
 * answered by CloudFront from its copy. Nothing of the request is in the key: no query string (so
 * `?x=1` cannot bypass the cache and run up S3 GETs), no header, no cookie. Gzip and Brotli variants.
 */
export function filesCachePolicy(scope: Construct): cf.CachePolicy {
  return new cf.CachePolicy(scope, 'FilesCache', {
    comment: 'Afterword thread and site files: 10-minute edge TTL, ETag revalidation with S3',
    minTtl: Duration.seconds(FILES_EDGE_TTL_SECONDS),
    defaultTtl: Duration.seconds(FILES_EDGE_TTL_SECONDS),
    maxTtl: Duration.seconds(FILES_EDGE_MAX_TTL_SECONDS),
    queryStringBehavior: cf.CacheQueryStringBehavior.none(),
    headerBehavior: cf.CacheHeaderBehavior.none(),
    cookieBehavior: cf.CacheCookieBehavior.none(),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
}

const security = (): cf.ResponseSecurityHeadersBehavior => ({
  contentTypeOptions: { override: true },
  strictTransportSecurity: {
    accessControlMaxAge: Duration.days(730),
    includeSubdomains: true,
    override: true,
  },
  referrerPolicy: {
    referrerPolicy: cf.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
    override: false,
  },
  frameOptions: { frameOption: cf.HeadersFrameOption.DENY, override: true },
});

/** Widget files: loaded by other sites' pages, so CORS `*` and CORP cross-origin, plus security headers. */
export function staticHeaders(scope: Construct): cf.ResponseHeadersPolicy {
  return new cf.ResponseHeadersPolicy(scope, 'StaticHeaders', {
    comment: 'Afterword widget: cross-origin readable, security headers',
    securityHeadersBehavior: security(),
    corsBehavior: {
      accessControlAllowOrigins: ['*'],
      accessControlAllowMethods: ['GET', 'HEAD'],
      accessControlAllowHeaders: ['*'],
      accessControlAllowCredentials: false,
      originOverride: true,
    },
    customHeadersBehavior: {
      customHeaders: [{ header: 'Cross-Origin-Resource-Policy', value: 'cross-origin', override: true }],
    },
  });
}

/** API: security headers only; CORS stays the app's per-site answer (never overridden here). */
export function apiHeaders(scope: Construct): cf.ResponseHeadersPolicy {
  return new cf.ResponseHeadersPolicy(scope, 'ApiHeaders', {
    comment: 'Afterword API: security headers, CORS left to the app',
    securityHeadersBehavior: security(),
  });
}

/** CloudFront Function (viewer request) for `/admin*`: `/admin` redirects, `/admin/x/` serves index.html. */
export const ADMIN_INDEX_FUNCTION = `function handler(event) {
  var req = event.request;
  if (req.uri === '/admin') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/admin/' } } };
  }
  if (req.uri.endsWith('/')) req.uri += 'index.html';
  return req;
}`;
