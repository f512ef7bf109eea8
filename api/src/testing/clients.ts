/** Three ways to call the same app in tests: in process, over HTTP to the Node server, and as HTTP API 2.0 Lambda events. */
import { request as httpRequest } from 'node:http';

export interface CallOptions {
  body?: unknown;
  /** Send the body base64-encoded (Lambda) or raw bytes as given. */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  cookies?: string[];
  /** Client IP as the platform sees it. */
  ip?: string;
}

export interface CallResult {
  status: number;
  headers: Record<string, string>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected freely
  json: any;
}

export type Caller = (method: string, path: string, opts?: CallOptions) => Promise<CallResult>;

function parse(text: string) {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** What `app.request` of a Hono app is to a test: a request in, a Response out, no socket. */
export interface InProcessApp {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

/**
 * Calls the app in process: nothing listens, nothing connects. The client IP goes in `x-test-ip`, the header the
 * harness's `clientIp` reads. For suites that are about the app, not about HTTP.
 */
export function appCaller(app: InProcessApp): Caller {
  return async (method, path, opts = {}) => {
    const payload = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    const headers: Record<string, string> = {
      ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.cookies?.length ? { cookie: opts.cookies.join('; ') } : {}),
      ...(opts.ip ? { 'x-test-ip': opts.ip } : {}),
      ...opts.headers,
    };
    const res = await app.request(path, {
      method,
      headers,
      ...(payload === undefined
        ? {}
        : { body: typeof payload === 'string' ? payload : new Uint8Array(payload) }),
    });
    const text = await res.text();
    const h: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      h[k] = v;
    });
    const cookies = res.headers.getSetCookie();
    if (cookies.length) h['set-cookie'] = cookies.join(', ');
    return { status: res.status, headers: h, text, json: parse(text) };
  };
}

/** Calls a Node server; the client IP is chosen by binding the socket to a loopback address. */
export function httpCaller(baseUrl: string): Caller {
  const url = new URL(baseUrl);
  return (method, path, opts = {}) =>
    new Promise((resolve, reject) => {
      const payload = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
      const headers: Record<string, string> = {
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.cookies?.length ? { cookie: opts.cookies.join('; ') } : {}),
        ...opts.headers,
      };
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers,
          localAddress: opts.ip ?? '127.0.0.1',
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const h: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h[k] = String(v);
            resolve({ status: res.statusCode ?? 0, headers: h, text, json: parse(text) });
          });
        },
      );
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
}

type LambdaHandler = (
  event: unknown,
  context: unknown,
) => Promise<{
  statusCode: number;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}>;

/** Builds API Gateway HTTP API (payload format 2.0) events, as AWS sends them, for a Lambda handler. */
export function lambdaCaller(handler: LambdaHandler): Caller {
  return async (method, path, opts = {}) => {
    const [rawPath = '/', rawQueryString = ''] = path.split('?');
    const payload = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    const queryStringParameters: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(rawQueryString)) {
      // HTTP API joins repeated keys with commas here; rawQueryString keeps them apart.
      queryStringParameters[k] =
        queryStringParameters[k] === undefined ? v : `${queryStringParameters[k]},${v}`;
    }
    const headers: Record<string, string> = {
      host: 'api.example.execute-api.us-east-1.amazonaws.com',
      'x-forwarded-for': '203.0.113.99',
      ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      ...Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    };
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath,
      rawQueryString,
      ...(opts.cookies?.length ? { cookies: opts.cookies } : {}),
      headers,
      ...(rawQueryString ? { queryStringParameters } : {}),
      requestContext: {
        accountId: '123456789012',
        apiId: 'api',
        domainName: headers.host,
        domainPrefix: 'api',
        http: {
          method,
          path: rawPath,
          protocol: 'HTTP/1.1',
          sourceIp: opts.ip ?? '198.51.100.7',
          userAgent: 'test',
        },
        requestId: `r${Math.random().toString(36).slice(2)}`,
        routeKey: '$default',
        stage: '$default',
        time: new Date().toUTCString(),
        timeEpoch: Date.now(),
      },
      ...(payload !== undefined
        ? { body: Buffer.from(payload).toString('base64'), isBase64Encoded: true }
        : { isBase64Encoded: false }),
    };
    const res = await handler(event, { getRemainingTimeInMillis: () => 10_000, awsRequestId: 'test' });
    const text = res.body
      ? res.isBase64Encoded
        ? Buffer.from(res.body, 'base64').toString('utf8')
        : res.body
      : '';
    const h: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers ?? {})) h[k.toLowerCase()] = v;
    for (const [k, v] of Object.entries(res.multiValueHeaders ?? {})) h[k.toLowerCase()] = v.join(', ');
    if (res.cookies?.length) h['set-cookie'] = res.cookies.join(', ');
    return { status: res.statusCode, headers: h, text, json: parse(text) };
  };
}
