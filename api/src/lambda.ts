/** Lambda entry for the HTTP API (payload format 2.0): the same app, with the platform's client IP. */
// First: ArkType reads its configuration when it loads.
import './arktype-config.js';
import type { Context as LambdaContext } from 'aws-lambda';
import type { Context } from 'hono';
import { handle } from 'hono/aws-lambda';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { resolveSecret } from './secret.js';
import { createStore } from './store/index.js';

type LambdaEnv = {
  requestContext?: { http?: { sourceIp?: string } };
  lambdaContext?: { getRemainingTimeInMillis?: () => number };
};

/** The client IP from the HTTP API's request context, never from a header. */
export function lambdaClientIp(c: Context): string {
  return (c.env as LambdaEnv | undefined)?.requestContext?.http?.sourceIp ?? '0.0.0.0';
}

/** Time left before the Lambda is stopped, from its context. */
export function lambdaRemainingMs(c: Context): number {
  const env = c.env as { lambdaContext?: { getRemainingTimeInMillis?: () => number } } | undefined;
  return env?.lambdaContext?.getRemainingTimeInMillis?.() ?? 30_000;
}

let ready: Promise<ReturnType<typeof handle>> | undefined;

async function init() {
  const config = loadConfig(process.env, { secret: await resolveSecret(process.env) });
  const app = createApp({
    config,
    store: createStore(config),
    clientIp: lambdaClientIp,
    remainingMs: lambdaRemainingMs,
    now: () => new Date(),
  });
  return handle(app);
}

export const handler = async (event: Parameters<ReturnType<typeof handle>>[0], context: LambdaContext) => {
  ready ??= init().catch((err) => {
    ready = undefined;
    throw err;
  });
  return (await ready)(event, context);
};
