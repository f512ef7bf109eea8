/** The monthly bill from page views and comments, using per-operation figures measured by `npm run bench`. */
import { PRICES, type Prices } from './prices.js';

export interface OpFigures {
  rru: number;
  wru: number;
  /** Median handler time measured in-process by the bench (ms). */
  lambdaMs: number;
  responseBytes: number;
}

export interface Measured {
  perOperation: Record<'thread' | 'thread304' | 'counts' | 'post' | 'vote', OpFigures>;
  coldStartMs: number;
}

export interface Traffic {
  views: number;
  comments: number;
  votes: number;
  /** Share of thread and counts GETs CloudFront answers from its cache. */
  hitRatio: number;
  /** Share of the thread GETs reaching the API that are revalidations answered 304. */
  notModified: number;
  /** Share of views that are index pages (one counts request each). */
  indexShare: number;
  /** Widget files fetched from CloudFront per view (embed.js). */
  staticRequests: number;
  staticHitRatio: number;
  staticBytes: number;
  emailsPerComment: number;
  /** Lambda (1024 MB, ~0.6 vCPU) is assumed this many times slower than the bench machine. */
  lambdaFactor: number;
  /** Comments kept in the table (default: a year of them). */
  storedComments: number;
}

export const DEFAULT_TRAFFIC: Omit<Traffic, 'views' | 'comments' | 'votes' | 'storedComments'> = {
  hitRatio: 0.5,
  notModified: 0.5,
  indexShare: 0.2,
  staticRequests: 1,
  staticHitRatio: 0.99,
  staticBytes: 12 * 1024,
  emailsPerComment: 1,
  lambdaFactor: 2,
};

export const API_MEMORY_GB = 1;
export const NOTIFY_MEMORY_GB = 0.25;
/** Assumed notifier time per stream batch (one SES call or none), ms. */
export const NOTIFY_MS = 80;
/** At most one cold start per function per 10 idle minutes, billed (INIT is billed since Aug 2025). */
export const COLD_STARTS_MAX = 6 * 730;
const BYTES_PER_COMMENT = 3000;
const LOG_BYTES_PER_INVOCATION = 400;
const ACCESS_LOG_BYTES = 250;
const ALARMS = 7;
const GB = 1024 ** 3;

export interface Line {
  service: string;
  usage: string;
  usd: number;
}

const over = (used: number, free: number) => Math.max(0, used - free);
const m = (n: number) =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(0);

export function estimate(measured: Measured, t: Traffic, p: Prices = PRICES) {
  const op = measured.perOperation;
  const threadOrigin = t.views * (1 - t.hitRatio);
  const thread304 = threadOrigin * t.notModified;
  const thread200 = threadOrigin - thread304;
  const countsOrigin = t.views * t.indexShare * (1 - t.hitRatio);
  // A browser sends a CORS preflight before each JSON POST (counted once per write).
  const writes = t.comments + t.votes;
  const apiCalls = threadOrigin + countsOrigin + 2 * writes;
  const apiMs =
    thread200 * op.thread.lambdaMs +
    thread304 * op.thread304.lambdaMs +
    countsOrigin * op.counts.lambdaMs +
    t.comments * op.post.lambdaMs +
    t.votes * op.vote.lambdaMs +
    writes * op.thread304.lambdaMs;
  const colds = Math.min(apiCalls, COLD_STARTS_MAX);
  const notifyCalls = writes;
  const gbSeconds =
    ((apiMs + colds * measured.coldStartMs) * t.lambdaFactor * API_MEMORY_GB) / 1000 +
    (notifyCalls * NOTIFY_MS * NOTIFY_MEMORY_GB) / 1000;
  const lambdaCalls = apiCalls + notifyCalls;
  const lambdaUsd =
    (over(lambdaCalls, p.lambda.freeRequests) / 1e6) * p.lambda.perMillionRequests +
    over(gbSeconds, p.lambda.freeGbSeconds) * p.lambda.perGbSecond;

  const rru =
    thread200 * op.thread.rru +
    thread304 * op.thread304.rru +
    countsOrigin * op.counts.rru +
    t.comments * op.post.rru +
    t.votes * op.vote.rru;
  const wru = t.comments * op.post.wru + t.votes * op.vote.wru + thread200 * op.thread.wru;
  const storedGb = (t.storedComments * BYTES_PER_COMMENT) / GB;
  const dynamoUsd =
    (rru / 1e6) * p.dynamodb.perMillionReadUnits +
    (wru / 1e6) * p.dynamodb.perMillionWriteUnits +
    over(storedGb, p.dynamodb.freeGb) * p.dynamodb.perGbMonth;

  const cfRequests = t.views * (t.staticRequests + 1 + t.indexShare) + 2 * writes;
  const cfGb =
    (t.views *
      (t.staticRequests * t.staticBytes + op.thread.responseBytes + t.indexShare * op.counts.responseBytes) +
      t.comments * op.post.responseBytes) /
    GB;
  const cfUsd =
    (over(cfRequests, p.cloudfront.freeRequests) / 1e6) * p.cloudfront.perMillionRequests +
    over(cfGb, p.cloudfront.freeGbOut) * p.cloudfront.perGbOut;

  const s3Gets = t.views * t.staticRequests * (1 - t.staticHitRatio);
  const emails = t.comments * t.emailsPerComment;
  const logGb = (lambdaCalls * LOG_BYTES_PER_INVOCATION + apiCalls * ACCESS_LOG_BYTES) / GB;

  const lines: Line[] = [
    {
      service: 'Lambda',
      usage: `${m(lambdaCalls)} invocations, ${m(gbSeconds)} GB-s (free: 1M, 400k GB-s)`,
      usd: lambdaUsd,
    },
    {
      service: 'HTTP API',
      usage: `${m(apiCalls)} requests`,
      usd: (over(apiCalls, p.httpApi.freeRequests) / 1e6) * p.httpApi.perMillionRequests,
    },
    {
      service: 'DynamoDB',
      usage: `${m(rru)} RRU, ${m(wru)} WRU, ${storedGb.toFixed(2)} GB stored`,
      usd: dynamoUsd,
    },
    {
      service: 'CloudFront',
      usage: `${m(cfRequests)} requests, ${cfGb.toFixed(1)} GB out (free: 10M, 1 TB)`,
      usd: cfUsd,
    },
    { service: 'S3', usage: `${m(s3Gets)} GETs (edge misses)`, usd: (s3Gets / 1000) * p.s3.perThousandGets },
    { service: 'SES', usage: `${m(emails)} emails`, usd: (emails / 1000) * p.ses.perThousandEmails },
    {
      service: 'CloudWatch',
      usage: `${(logGb * 1024).toFixed(0)} MB logs, ${ALARMS} alarms (free: 5 GB, 10 alarms)`,
      usd:
        over(logGb, p.cloudwatch.freeGbLogs) * p.cloudwatch.perGbLogsIngested +
        over(ALARMS, p.cloudwatch.freeAlarms) * p.cloudwatch.perAlarmMonth,
    },
  ];
  const total = lines.reduce((s, l) => s + l.usd, 0);
  const ses = lines.find((l) => l.service === 'SES')!.usd;
  return {
    lines,
    total,
    totalWithoutEmail: total - ses,
    units: { rru, wru, apiCalls, lambdaCalls, gbSeconds, cfRequests, cfGb },
  };
}

export type Estimate = ReturnType<typeof estimate>;
