/** Lambda entry for the HTTP API (payload format 2.0): the same app, with the platform's client IP. */
// First: ArkType reads its configuration when it loads.
import './arktype-config.js';
import type { Context as LambdaContext } from 'aws-lambda';
import type { Context } from 'hono';
import { handle } from 'hono/aws-lambda';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { edgeKey, safeEqual } from './domain/tokens.js';
import { resolveSecret } from './secret.js';
import { createStore } from './store/index.js';

type LambdaEnv = {
  requestContext?: { http?: { sourceIp?: string } };
  lambdaContext?: { getRemainingTimeInMillis?: () => number };
};

/** The IP of `CloudFront-Viewer-Address` (`198.51.100.7:46532`, `2001:db8::1:46532`). */
export function viewerIp(value: string | undefined): string | undefined {
  const at = value?.lastIndexOf(':') ?? -1;
  const ip = at > 0 ? value!.slice(0, at).replace(/^\[|\]$/g, '') : '';
  return /^[0-9a-fA-F:.]{3,45}$/.test(ip) ? ip : undefined;
}

/**
 * The client IP as the platform saw it: the HTTP API's `sourceIp`, or, when the request proves with
 * `X-Afterword-Edge` that it came through our CloudFront distribution (whose own address is then the
 * source), the viewer address CloudFront reports. No header anyone else can send is believed.
 */
export function lambdaClientIp(secret: string): (c: Context) => string {
  const expected = edgeKey(secret);
  return function clientIp(c) {
    const sourceIp = (c.env as LambdaEnv | undefined)?.requestContext?.http?.sourceIp ?? '0.0.0.0';
    const edge = c.req.header('x-afterword-edge');
    if (!edge || !safeEqual(edge, expected)) return sourceIp;
    return viewerIp(c.req.header('cloudfront-viewer-address')) ?? sourceIp;
  };
}

/** Time left before the Lambda is stopped, from its context. */
export function lambdaRemainingMs(c: Context): number {
  const env = c.env as { lambdaContext?: { getRemainingTimeInMillis?: () => number } } | undefined;
  return env?.lambdaContext?.getRemainingTimeInMillis?.() ?? 30_000;
}

async function init() {
  const config = loadConfig(process.env, { secret: await resolveSecret(process.env) });
  const app = createApp({
    config,
    store: createStore(config),
    clientIp: lambdaClientIp(config.secret),
    remainingMs: lambdaRemainingMs,
    now: () => new Date(),
  });
  return handle(app);
}

/** The app, store and handler, made once; a failed start (SSM unreachable) is tried again by the next request. */
function start(): Promise<ReturnType<typeof handle>> {
  const p = init();
  p.catch(() => {
    if (ready === p) ready = undefined;
  });
  return p;
}

// Begun while the Lambda initialises (its import), not on the first request.
let ready: Promise<ReturnType<typeof handle>> | undefined = start();

export const handler = async (event: Parameters<ReturnType<typeof handle>>[0], context: LambdaContext) => {
  ready ??= start();
  return (await ready)(event, context);
};
