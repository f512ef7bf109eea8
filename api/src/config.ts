/** The only reader of process.env: a typed configuration, read once and passed down. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ContentCheckConfig } from './domain/content-check.js';

export interface Config {
  /** Node server port (API, embed, admin). */
  port: number;
  /** Demo blog port. */
  demoPort: number;
  /** DynamoDB Local data, secrets, outbox. */
  dataDir: string;
  /** Storage endpoint; undefined means real DynamoDB (AWS). */
  dynamodbEndpoint: string | undefined;
  region: string;
  table: string;
  /** Key for tokens and hashes. */
  secret: string;
  /** How long a site's settings are cached in memory (ms). */
  siteCacheMs: number;
  /** Most entries each in-memory cache keeps (sites, origins); the least recently used go first. */
  cacheEntries: number;
  /** Largest request body accepted (bytes). */
  maxRequestBytes: number;
  /** Public origin of the API (for links in mail and feeds); derived from the request when unset. */
  publicUrl: string | undefined;
  /** How notification mail leaves: Amazon SES (v2 API), SMTP, or `.eml` files in `<dataDir>/outbox`. */
  mailTransport: 'ses' | 'smtp' | 'outbox';
  /** Sender of notification mail. */
  mailFrom: string;
  /** SMTP server for `mailTransport: smtp`, e.g. `smtp://user:pass@mail.example.com:587`. */
  smtpUrl: string | undefined;
  /** Akismet's REST endpoint (sites opt in with their own key); a local stand-in in tests. */
  akismetUrl: string;
  /**
   * The external content check (domain/content-check.ts): off unless `AFTERWORD_CONTENT_CHECK_URL` is
   * set (https, a public address); sites then turn it on in their settings. Only the text is sent.
   */
  contentCheck: ContentCheckConfig | undefined;
  /** GitHub's sign-in site (authorize, access token) and its REST API, for readers' GitHub sign-in; local fakes in tests. */
  githubUrl: string;
  githubApiUrl: string;
  /** Bluesky's public AppView (getPostThread, resolveHandle) for replies from Bluesky; a local fake in tests. */
  blueskyApiUrl: string;
  /** `host` or `host:port` entries outbound requests may reach though local or plain http (tests only). */
  outboundAllow: string[];
  /** S3 bucket the publisher writes the thread files to (AWS); unset: the local `filesDir`. */
  filesBucket: string | undefined;
  /** An S3-compatible endpoint for `filesBucket` (tests); unset: S3 itself. */
  filesEndpoint: string | undefined;
  /** Folder of the thread files when there is no bucket (`npm start`): `<dataDir>/files-out`. */
  filesDir: string;
}

type Env = Record<string, string | undefined>;

/** Entries per in-memory cache unless `AFTERWORD_CACHE_ENTRIES` says otherwise. */
export const DEFAULT_CACHE_ENTRIES = 5000;

function int(value: string | undefined, fallback: number): number {
  const n = value === undefined || value === '' ? Number.NaN : Number(value);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

function contentCheck(env: Env, allow: string[]): ContentCheckConfig | undefined {
  const url = env.AFTERWORD_CONTENT_CHECK_URL;
  if (!url) return undefined;
  const format = env.AFTERWORD_CONTENT_CHECK_FORMAT || 'labels';
  if (format !== 'labels' && format !== 'comprehend')
    throw new Error('AFTERWORD_CONTENT_CHECK_FORMAT must be labels or comprehend');
  return {
    url,
    format,
    timeoutMs: Math.max(50, int(env.AFTERWORD_CONTENT_CHECK_TIMEOUT_MS, 1500)),
    token: env.AFTERWORD_CONTENT_CHECK_TOKEN || undefined,
    allow,
  };
}

function mailTransport(value: string | undefined, local: boolean): Config['mailTransport'] {
  if (value === 'ses' || value === 'smtp' || value === 'outbox') return value;
  if (value) throw new Error('MAIL_TRANSPORT must be ses, smtp or outbox');
  return local ? 'outbox' : 'ses';
}

/** Reads the secret from the env, else from `<dataDir>/secret`, creating it once. */
export function ensureSecret(env: Env, dataDir: string): string {
  if (env.AFTERWORD_SECRET) return env.AFTERWORD_SECRET;
  const file = join(dataDir, 'secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

/** Builds the configuration. `secret` may be given when the caller resolved it elsewhere (SSM on Lambda). */
export function loadConfig(env: Env = process.env, given: Partial<Config> = {}): Config {
  const overrides = Object.fromEntries(
    Object.entries(given).filter(([, v]) => v !== undefined),
  ) as Partial<Config>;
  const dataDir = resolve(env.AFTERWORD_DATA_DIR || '.data');
  const local = !env.AWS_LAMBDA_FUNCTION_NAME;
  const outboundAllow = overrides.outboundAllow ?? list(env.AFTERWORD_OUTBOUND_ALLOW);
  const config: Config = {
    port: int(env.PORT, 8787),
    demoPort: int(env.DEMO_PORT, 4321),
    dataDir,
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    table: env.AFTERWORD_TABLE || 'afterword',
    secret: overrides.secret ?? (env.AFTERWORD_SECRET || (local ? ensureSecret(env, dataDir) : '')),
    siteCacheMs: int(env.AFTERWORD_SITE_CACHE_MS, 5000),
    cacheEntries: Math.max(1, int(env.AFTERWORD_CACHE_ENTRIES, DEFAULT_CACHE_ENTRIES)),
    maxRequestBytes: int(env.AFTERWORD_MAX_REQUEST_BYTES, 64 * 1024),
    publicUrl: env.AFTERWORD_PUBLIC_URL || undefined,
    mailTransport: mailTransport(env.MAIL_TRANSPORT, local),
    mailFrom: env.MAIL_FROM || 'Afterword <afterword@localhost>',
    smtpUrl: env.SMTP_URL || undefined,
    akismetUrl: env.AKISMET_URL || 'https://rest.akismet.com',
    contentCheck: contentCheck(env, outboundAllow),
    githubUrl: env.AFTERWORD_GITHUB_URL || 'https://github.com',
    githubApiUrl: env.AFTERWORD_GITHUB_API_URL || 'https://api.github.com',
    blueskyApiUrl: env.AFTERWORD_BLUESKY_API_URL || 'https://public.api.bsky.app',
    outboundAllow,
    filesBucket: env.AFTERWORD_FILES_BUCKET || undefined,
    filesEndpoint: env.AFTERWORD_FILES_ENDPOINT || undefined,
    // Under the data dir the caller gave (a test stack's own), else the env's.
    filesDir: resolve(env.AFTERWORD_FILES_DIR || join(overrides.dataDir ?? dataDir, 'files-out')),
    ...overrides,
  };
  if (config.secret.length < 16) throw new Error('AFTERWORD_SECRET must be at least 16 characters');
  return config;
}
