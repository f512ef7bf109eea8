/**
 * The monthly bill from page views and comments, using per-operation figures measured by `npm run bench`.
 * Reads are files (issue 14): a view costs CloudFront requests and, on edge misses only, S3 GETs; no
 * Lambda and no DynamoDB. Writes cost what they cost before, plus the publish they set off.
 */
import { FILES_EDGE_TTL_SECONDS } from '../constructs/edge-policies.js';
import { PRICES, type Prices } from './prices.js';
import type { Traffic } from './traffic.js';

export { DEFAULT_TRAFFIC, edgeHitRatio, type Traffic } from './traffic.js';

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

export const API_MEMORY_GB = 1;
export const NOTIFY_MEMORY_GB = 0.25;
export const PUBLISH_MEMORY_GB = 0.5;
/** Assumed notifier time per stream batch (one SES call or none), ms. */
export const NOTIFY_MS = 80;
/** At most one cold start per function per 10 idle minutes, billed (INIT is billed since Aug 2025). */
export const COLD_STARTS_MAX = 6 * 730;
/**
 * One publish per public change (assumed: writes further apart than one stream batch, so none is
 * coalesced with another; the publisher does coalesce those that share a batch). A comment listed
 * writes its page's thread JSON and HTML and the site's file; a vote only the thread JSON (the fragment
 * and the site file show no scores: api/src/publish/changes.ts). Each file is a HeadObject (stored
 * version and digest; priced as a GET) then a PutObject; a file whose content is already stored is not
 * written again (a retried batch), which the model does not count on.
 */
export const FILES_PER_COMMENT_PUBLISH = 3;
export const FILES_PER_VOTE_PUBLISH = 1;
/** S3 round trips a publish waits for: head+put of the two thread files (in parallel), then of the site file. */
const COMMENT_S3_ROUND_TRIPS = 4;
const VOTE_S3_ROUND_TRIPS = 2;
const S3_ROUND_TRIP_MS = 30;
/** Site file: settings, the counts of every page, the 20 most recent comments. */
export const SITE_FILE_BYTES = 8 * 1024;
/** Reading the 20 most recent approved comments for the site file (about 30 KB, eventually consistent). */
const RECENT_RRU = 4;
/** A 304 answer (headers only). */
const NOT_MODIFIED_BYTES = 300;
const BYTES_PER_COMMENT = 3000;
const LOG_BYTES_PER_INVOCATION = 400;
const ACCESS_LOG_BYTES = 250;
/** Errors and throttles of three functions, two failure queues, two table throttles (infra/src/constructs/alarms.ts). */
export const ALARMS = 10;
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
  // Reads: files from CloudFront; S3 only on an edge miss or revalidation.
  const embedRequests = t.views * t.staticRequests * (1 - t.staticBrowserCached);
  const threadRequests = t.views;
  const siteRequests = t.views * t.indexShare;
  const revalidations = t.views * t.revalidationsPerView;
  const fileRequests = threadRequests + siteRequests + revalidations;
  const fileGets = fileRequests * (1 - t.hitRatio);
  const embedGets = embedRequests * (1 - t.staticHitRatio);

  // Writes as before: each with its CORS preflight; the compose token once per comment written; reads
  // past the file's cap. Each write is one public change, so one publish.
  const writes = t.comments + t.votes;
  const tokens = t.comments;
  const pastCapReads = t.views * t.pastCap;
  const apiCalls = 2 * writes + tokens + pastCapReads;
  const apiMs =
    t.comments * op.post.lambdaMs +
    t.votes * op.vote.lambdaMs +
    (writes + tokens) * op.thread304.lambdaMs +
    pastCapReads * op.thread.lambdaMs;
  const publishes = writes;
  const s3Puts = t.comments * FILES_PER_COMMENT_PUBLISH + t.votes * FILES_PER_VOTE_PUBLISH;
  const s3Heads = s3Puts;
  // Every publish: the site (read once per batch) and the page meta, 1 RRU each, strongly consistent,
  // and the thread, strongly consistent (twice the bench's units). A comment's also reads the site's
  // pages (counts) and its 20 recent comments for the site file; a vote's does not.
  const pageRru = 2 + 2 * op.thread.rru;
  const commentPublishRru = pageRru + op.counts.rru + RECENT_RRU;
  const publishRru = (t.comments * commentPublishRru + t.votes * pageRru) / Math.max(1, publishes);
  const commentPublishMs =
    (op.thread.lambdaMs + op.counts.lambdaMs) * t.lambdaFactor + COMMENT_S3_ROUND_TRIPS * S3_ROUND_TRIP_MS;
  const votePublishMs = op.thread.lambdaMs * t.lambdaFactor + VOTE_S3_ROUND_TRIPS * S3_ROUND_TRIP_MS;
  const publishMs = (t.comments * commentPublishMs + t.votes * votePublishMs) / Math.max(1, publishes);

  const apiColds = Math.min(apiCalls, COLD_STARTS_MAX);
  const publishColds = Math.min(publishes, COLD_STARTS_MAX);
  const notifyCalls = writes;
  const gbSeconds =
    ((apiMs + apiColds * measured.coldStartMs) * t.lambdaFactor * API_MEMORY_GB) / 1000 +
    (notifyCalls * NOTIFY_MS * NOTIFY_MEMORY_GB) / 1000 +
    ((publishes * publishMs + publishColds * measured.coldStartMs * t.lambdaFactor) * PUBLISH_MEMORY_GB) /
      1000;
  const lambdaCalls = apiCalls + notifyCalls + publishes;
  const lambdaUsd =
    (over(lambdaCalls, p.lambda.freeRequests) / 1e6) * p.lambda.perMillionRequests +
    over(gbSeconds, p.lambda.freeGbSeconds) * p.lambda.perGbSecond;

  const rru =
    t.comments * op.post.rru + t.votes * op.vote.rru + publishes * publishRru + pastCapReads * op.thread.rru;
  const wru = t.comments * op.post.wru + t.votes * op.vote.wru;
  const storedGb = (t.storedComments * BYTES_PER_COMMENT) / GB;
  const dynamoUsd =
    (rru / 1e6) * p.dynamodb.perMillionReadUnits +
    (wru / 1e6) * p.dynamodb.perMillionWriteUnits +
    over(storedGb, p.dynamodb.freeGb) * p.dynamodb.perGbMonth;

  const viewRequests = embedRequests + fileRequests;
  const cfRequests = viewRequests + 2 * writes + tokens + pastCapReads;
  const cfGb =
    (embedRequests * t.staticBytes +
      threadRequests * op.thread.responseBytes +
      siteRequests * SITE_FILE_BYTES +
      revalidations * NOT_MODIFIED_BYTES +
      pastCapReads * op.thread.responseBytes +
      t.comments * op.post.responseBytes) /
    GB;
  const cfUsd =
    (over(cfRequests, p.cloudfront.freeRequests) / 1e6) * p.cloudfront.perMillionRequests +
    over(cfGb, p.cloudfront.freeGbOut) * p.cloudfront.perGbOut;

  const s3Gets = fileGets + embedGets + s3Heads;
  const s3Usd = (s3Gets / 1000) * p.s3.perThousandGets + (s3Puts / 1000) * p.s3.perThousandPuts;
  const emails = t.comments * t.emailsPerComment;
  const logGb = (lambdaCalls * LOG_BYTES_PER_INVOCATION + apiCalls * ACCESS_LOG_BYTES) / GB;

  const lines: Line[] = [
    {
      service: 'Lambda',
      usage: `${m(lambdaCalls)} invocations (${m(publishes)} publishes), ${m(gbSeconds)} GB-s (free: 1M, 400k GB-s)`,
      usd: lambdaUsd,
    },
    {
      service: 'HTTP API',
      usage: `${m(apiCalls)} requests (writes, preflights, compose tokens)`,
      usd: (over(apiCalls, p.httpApi.freeRequests) / 1e6) * p.httpApi.perMillionRequests,
    },
    {
      service: 'DynamoDB',
      usage: `${m(rru)} RRU, ${m(wru)} WRU, ${storedGb.toFixed(2)} GB stored`,
      usd: dynamoUsd,
    },
    {
      service: 'CloudFront',
      usage: `${m(cfRequests)} requests (${(viewRequests / Math.max(1, t.views)).toFixed(2)} per view), ${cfGb.toFixed(1)} GB out (free: 10M, 1 TB)`,
      usd: cfUsd,
    },
    {
      service: 'S3',
      usage: `${m(fileGets + embedGets)} GETs on edge misses, ${m(s3Heads)} heads + ${m(s3Puts)} PUTs publishing`,
      usd: s3Usd,
    },
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
    /** Everything but email and CloudFront's own request and transfer charges (the floor of this design). */
    beyondCloudFront: total - ses - cfUsd,
    units: {
      rru,
      wru,
      apiCalls,
      lambdaCalls,
      gbSeconds,
      cfRequests,
      cfGb,
      cfRequestsPerView: viewRequests / Math.max(1, t.views),
      fileRequests,
      s3Gets,
      s3Puts,
      publishes,
    },
  };
}

export type Estimate = ReturnType<typeof estimate>;

/** What the model assumes about the files' caching, in words (printed by the CLI). */
export const EDGE_ASSUMPTION = `files kept ${FILES_EDGE_TTL_SECONDS} s at the edge, then revalidated with S3 by ETag (a 304 is still a GET)`;
/** What readers see of a change, in words (printed by the CLI, and in the README). */
export const FRESHNESS = `a writer sees their own comment at once (the widget shows it); other readers within ${FILES_EDGE_TTL_SECONDS / 60} minutes (the edge TTL) plus the widget's next revalidation`;
