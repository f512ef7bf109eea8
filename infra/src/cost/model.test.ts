/** The estimator's arithmetic against hand-computed bills (reads as files), its free tiers, its inputs and where figures come from. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { FILES_EDGE_TTL_SECONDS } from '../constructs/edge-policies.js';
import { ENTRY_CACHE, ENTRY_EDGE_TTL_SECONDS } from '../constructs/widget-files.js';
import { parseCount, render, trafficFromArgs } from './cli.js';
import { COMMITTED, loadMeasured } from './measured.js';
import { DEFAULT_TRAFFIC, edgeHitRatio, estimate, type Measured, type Traffic } from './model.js';
import { billAt, costTable, TABLE_LEVELS } from './table.js';

const measured: Measured = {
  perOperation: {
    thread: { rru: 2, wru: 0, lambdaMs: 10, responseBytes: 10_000 },
    thread304: { rru: 0.5, wru: 0, lambdaMs: 2, responseBytes: 0 },
    counts: { rru: 10, wru: 0, lambdaMs: 5, responseBytes: 400 },
    post: { rru: 0, wru: 6, lambdaMs: 20, responseBytes: 500 },
    vote: { rru: 1, wru: 4, lambdaMs: 10, responseBytes: 40 },
  },
  coldStartMs: 100,
};
const traffic: Traffic = {
  views: 2_000_000,
  comments: 1000,
  votes: 1000,
  hitRatio: 0.75,
  indexShare: 0.1,
  revalidationsPerView: 0.5,
  staticRequests: 1,
  staticBrowserCached: 0.25,
  staticHitRatio: 0.99,
  staticBytes: 10_000,
  pastCap: 0,
  emailsPerComment: 2,
  lambdaFactor: 1,
  storedComments: 0,
};
const usd = (bill: ReturnType<typeof estimate>, service: string) =>
  bill.lines.find((l) => l.service === service)!.usd;

describe('cost model', () => {
  it('matches a bill worked out by hand', () => {
    const bill = estimate(measured, traffic);
    // API: 1000 comments + 1000 votes, each with a preflight, plus 1000 compose tokens. No reads.
    expect(bill.units.apiCalls).toBe(5000);
    expect(usd(bill, 'HTTP API')).toBeCloseTo(0.005, 9);
    // Files: 2M thread + 0.2M site + 1M revalidations; a quarter reach S3. embed.js: 1.5M, 1% to S3.
    expect(bill.units.fileRequests).toBe(3_200_000);
    // 2000 publishes: a comment's writes 3 files, a vote's only the thread JSON: 4000 heads (priced as
    // GETs) and 4000 PUTs.
    expect(bill.units.publishes).toBe(2000);
    expect(bill.units.s3Puts).toBe(1000 * 3 + 1000 * 1);
    expect(bill.units.s3Gets).toBeCloseTo(800_000 + 15_000 + 4000, 6);
    expect(usd(bill, 'S3')).toBeCloseTo(819 * 0.0004 + 4 * 0.005, 9);
    // Reads never touch DynamoDB: votes read 1 RRU. Each publish reads site and meta (2) and the thread
    // strongly (2*2); a comment's also the pages (10) and the recent comments (4) for the site file.
    expect(bill.units.rru).toBe(1000 + 1000 * (2 + 4 + 10 + 4) + 1000 * (2 + 4));
    expect(bill.units.wru).toBe(10_000);
    expect(usd(bill, 'DynamoDB')).toBeCloseTo(0.027 * 0.125 + 0.01 * 0.625, 9);
    // API, notifier and publisher: 5000 + 2000 + 2000 invocations, inside the free tier.
    expect(bill.units.lambdaCalls).toBe(9000);
    expect(usd(bill, 'Lambda')).toBe(0);
    // 1.5M embed.js + 3.2M files + 5000 API requests: 2.35 per view, inside the free 10M.
    expect(bill.units.cfRequests).toBe(4_705_000);
    expect(bill.units.cfRequestsPerView).toBeCloseTo(2.35, 9);
    expect(usd(bill, 'CloudFront')).toBe(0);
    expect(usd(bill, 'SES')).toBeCloseTo(0.2, 9);
    expect(bill.total).toBeCloseTo(0.005 + 0.3476 + 0.009625 + 0.2, 9);
    expect(bill.totalWithoutEmail).toBeCloseTo(bill.total - 0.2, 9);
    expect(bill.beyondCloudFront).toBeCloseTo(bill.totalWithoutEmail, 9);
  });

  it('runs no Lambda and reads no DynamoDB for views: only CloudFront and S3 grow with them', () => {
    const quiet = { ...traffic, comments: 0, votes: 0 };
    const small = estimate(measured, { ...quiet, views: 1000 });
    const big = estimate(measured, { ...quiet, views: 50_000_000 });
    for (const b of [small, big]) {
      expect(b.units).toMatchObject({ apiCalls: 0, lambdaCalls: 0, rru: 0, wru: 0, publishes: 0 });
      expect(usd(b, 'HTTP API') + usd(b, 'Lambda') + usd(b, 'DynamoDB')).toBe(0);
    }
    expect(usd(big, 'S3')).toBeGreaterThan(usd(small, 'S3'));
    // Past the file's cap the API reads the thread: 10% of the views.
    const capped = estimate(measured, { ...quiet, views: 1000, pastCap: 0.1 });
    expect(capped.units.apiCalls).toBe(100);
    expect(capped.units.rru).toBe(100 * measured.perOperation.thread.rru);
  });

  it('charges only beyond the always-free tiers, and beyondCloudFront leaves out its charges', () => {
    const bill = estimate(measured, { ...traffic, views: 10_000_000, hitRatio: 0, comments: 0, votes: 0 });
    // 10M views * (0.75 embed + 1 thread + 0.1 site + 0.5 revalidations) = 23.5M: 13.5M over the free 10M.
    expect(bill.units.cfRequests).toBe(23_500_000);
    expect(usd(bill, 'CloudFront')).toBeCloseTo(13.5 + Math.max(0, bill.units.cfGb - 1024) * 0.085, 6);
    // Every file request reaches S3 at a hit ratio of 0; embed.js still 1%.
    expect(bill.units.s3Gets).toBeCloseTo(16_000_000 + 75_000, 6);
    expect(bill.beyondCloudFront).toBeCloseTo(usd(bill, 'S3'), 9);
  });

  it('falls as the hit ratio rises; a full cache leaves S3 only embed.js misses and publishing', () => {
    const at = (hitRatio: number) => estimate(measured, { ...traffic, hitRatio }).total;
    expect(at(0)).toBeGreaterThan(at(0.5));
    expect(at(0.5)).toBeGreaterThan(at(0.9));
    expect(estimate(measured, { ...traffic, hitRatio: 1 }).units.s3Gets).toBeCloseTo(15_000 + 4000, 6);
  });

  it('publishes votes cheaper than comments: one file, no site re-read', () => {
    const comments = estimate(measured, { ...traffic, comments: 1000, votes: 0 });
    const votes = estimate(measured, { ...traffic, comments: 0, votes: 1000 });
    expect(comments.units.publishes).toBe(votes.units.publishes);
    expect(comments.units.s3Puts).toBe(3 * votes.units.s3Puts);
    // The vote's own 1 RRU aside, its publish reads 6, a comment's 20.
    expect(votes.units.rru - 1000).toBe(6000);
    expect(comments.units.rru).toBe(20_000);
  });

  it('derives the embed.js hit ratio from its edge TTL (a day, deploys invalidate it)', () => {
    expect(ENTRY_CACHE).toContain(`s-maxage=${ENTRY_EDGE_TTL_SECONDS}`);
    expect(DEFAULT_TRAFFIC.staticHitRatio).toBeCloseTo(edgeHitRatio(ENTRY_EDGE_TTL_SECONDS), 4);
    expect(DEFAULT_TRAFFIC.staticHitRatio).toBeGreaterThan(0.999);
  });

  it('derives the default file hit ratio from the edge TTL, the 5 s API cache hitting 0.5', () => {
    expect(edgeHitRatio(5)).toBeCloseTo(0.5, 9);
    expect(edgeHitRatio(30)).toBeCloseTo(6 / 7, 9);
    expect(edgeHitRatio(60)).toBeGreaterThan(edgeHitRatio(30));
    expect(DEFAULT_TRAFFIC.hitRatio).toBeCloseTo(edgeHitRatio(FILES_EDGE_TTL_SECONDS), 3);
  });

  it('makes at most 2.2 CloudFront requests a view by default (script, thread file, counts, revalidations)', () => {
    const bill = estimate(measured, { ...traffic, ...DEFAULT_TRAFFIC });
    expect(bill.units.cfRequestsPerView).toBeLessThanOrEqual(2.2 + 1e-9);
  });
});

describe('the design against its budget, on the committed bench figures', () => {
  it('at 10M views and 10k comments: beyond CloudFront at most $0.60, at most 2.2 CloudFront requests a view', () => {
    const { measured: figures } = loadMeasured(COMMITTED);
    const { traffic: t } = trafficFromArgs(['--views', '10M', '--comments', '10000']);
    const bill = estimate(figures, t);
    expect(bill.beyondCloudFront).toBeLessThanOrEqual(0.6);
    expect(bill.units.cfRequestsPerView).toBeLessThanOrEqual(2.2 + 1e-9);
    // The same traffic with the 30 s edge TTL and 3 files a vote it had before is well above it.
    const before = estimate(figures, { ...t, hitRatio: edgeHitRatio(30) });
    expect(before.beyondCloudFront).toBeGreaterThan(bill.beyondCloudFront + 0.2);
  });
});

describe('the README cost table', () => {
  it('has a row per traffic level whose total is the bill of that traffic', () => {
    const table = costTable(measured).split('\n');
    expect(table).toHaveLength(2 + TABLE_LEVELS.length);
    const row = table.find((r) => r.startsWith('| 1,000,000 | 1,000 |'))!;
    const bill = estimate(measured, {
      ...DEFAULT_TRAFFIC,
      views: 1e6,
      comments: 1000,
      votes: 1000,
      storedComments: 12_000,
    });
    expect(row).toContain(`**$${bill.total.toFixed(3)}**`);
    expect(row).toContain(`| ${bill.units.cfRequestsPerView.toFixed(2)} |`);
    expect(billAt(measured, 1e6).total).toBe(bill.total);
  });
});

describe('cost inputs', () => {
  it('reads counts with suffixes and rejects nonsense', () => {
    expect(parseCount('10k')).toBe(10_000);
    expect(parseCount('1.5M')).toBe(1_500_000);
    expect(parseCount('2e6')).toBe(2_000_000);
    expect(() => parseCount('many')).toThrow(/not a count/);
    expect(() => trafficFromArgs(['--views', '1M', '--hit-ratio', '2'])).toThrow(/between 0 and 1/);
    expect(() => trafficFromArgs([])).toThrow(/usage/);
    expect(() => trafficFromArgs(['--views', '1M', '--revalidations=-1'])).toThrow(/0 or more/);
    expect(() => trafficFromArgs(['--views', '1M', '--browser-cached', '2'])).toThrow(/between 0 and 1/);
    expect(
      trafficFromArgs(['--views', '1M', '--revalidations', '1.5', '--past-cap', '0.1']).traffic,
    ).toMatchObject({
      revalidationsPerView: 1.5,
      pastCap: 0.1,
    });
    const { traffic: t } = trafficFromArgs(['--views', '1M', '--comments', '2000']);
    expect(t).toMatchObject({
      views: 1e6,
      comments: 2000,
      votes: 2000,
      storedComments: 24_000,
      hitRatio: DEFAULT_TRAFFIC.hitRatio,
    });
  });

  it('uses bench-results.json when it is complete, else the committed figures, and says which', () => {
    const dir = mkdtempSync(join(tmpdir(), 'afterword-cost-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    expect(loadMeasured(join(dir, 'missing.json')).source).toContain('infra/src/cost/measured.json');
    writeFileSync(
      join(dir, 'partial.json'),
      JSON.stringify({ perOperation: { thread: measured.perOperation.thread } }),
    );
    expect(loadMeasured(join(dir, 'partial.json')).source).toContain('measured.json');
    writeFileSync(
      join(dir, 'bench.json'),
      JSON.stringify({ at: 'today', ...measured, coldStart: { lambdaMs: 123 } }),
    );
    const loaded = loadMeasured(join(dir, 'bench.json'));
    expect(loaded.source).toContain('bench.json (npm run bench, today)');
    expect(loaded.measured.perOperation.vote).toEqual(measured.perOperation.vote);
  });

  it('prints every service, the price date, the figures source and the stated hit ratio', () => {
    const out = render([
      '--views',
      '1M',
      '--comments',
      '2000',
      '--hit-ratio',
      '0.8',
      '--bench',
      '/nonexistent.json',
    ]);
    for (const s of ['Lambda', 'HTTP API', 'DynamoDB', 'CloudFront', 'S3', 'SES', 'total', 'beyond CF'])
      expect(out).toContain(s);
    expect(out).toContain('per view)');
    expect(out).toMatch(/files kept \d+ s at the edge, then revalidated with S3 by ETag/);
    expect(out).toMatch(/list prices as of \d{4}-\d{2}/);
    expect(out).toContain('measured.json');
    expect(out).toContain('hit ratio 0.8');
    expect(out).toMatch(/freshness: .*own comment at once.*within 10 minutes/);
    expect(out).toMatch(/a vote 1 \(thread JSON\)/);
  });
});
