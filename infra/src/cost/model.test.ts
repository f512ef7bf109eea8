/** The estimator's arithmetic against hand-computed bills, its free tiers, its inputs and where figures come from. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseCount, render, trafficFromArgs } from './cli.js';
import { loadMeasured } from './measured.js';
import { DEFAULT_TRAFFIC, estimate, type Measured, type Traffic } from './model.js';

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
  notModified: 0.5,
  indexShare: 0.1,
  staticRequests: 1,
  staticHitRatio: 0.99,
  staticBytes: 10_000,
  emailsPerComment: 2,
  lambdaFactor: 1,
  storedComments: 0,
};
const usd = (bill: ReturnType<typeof estimate>, service: string) =>
  bill.lines.find((l) => l.service === service)!.usd;

describe('cost model', () => {
  it('matches a bill worked out by hand', () => {
    const bill = estimate(measured, traffic);
    // Origin: 500k thread GETs (250k 200 + 250k 304), 50k counts, 1000+1000 writes each with a preflight.
    expect(bill.units.apiCalls).toBe(554_000);
    expect(usd(bill, 'HTTP API')).toBeCloseTo(0.554, 6);
    // 250k*2 + 250k*0.5 + 50k*10 + 1000*1 RRU; 1000*6 + 1000*4 WRU.
    expect(bill.units.rru).toBe(1_126_000);
    expect(bill.units.wru).toBe(10_000);
    expect(usd(bill, 'DynamoDB')).toBeCloseTo(1.126 * 0.125 + 0.01 * 0.625, 6);
    // (3,284,000 ms of handlers + 4,380 cold starts * 100 ms) at 1 GB + 2000 notify runs * 80 ms * 0.25 GB.
    expect(bill.units.gbSeconds).toBeCloseTo(3722 + 40, 6);
    expect(usd(bill, 'Lambda')).toBe(0);
    // 2M views * (embed + thread + 0.1 counts) + 4000 write requests: inside the 10M free requests.
    expect(bill.units.cfRequests).toBe(4_204_000);
    expect(usd(bill, 'CloudFront')).toBe(0);
    expect(usd(bill, 'S3')).toBeCloseTo(20 * 0.0004, 9);
    expect(usd(bill, 'SES')).toBeCloseTo(0.2, 9);
    expect(bill.total).toBeCloseTo(0.554 + 0.147 + 0.008 + 0.2, 6);
    expect(bill.totalWithoutEmail).toBeCloseTo(bill.total - 0.2, 9);
  });

  it('charges only beyond the always-free tiers', () => {
    const bill = estimate(measured, { ...traffic, views: 10_000_000, hitRatio: 0, comments: 0, votes: 0 });
    // 10M views * 2.1 CloudFront requests = 21M: 11M over the free 10M at $1.00 per million.
    expect(bill.units.cfRequests).toBe(21_000_000);
    expect(usd(bill, 'CloudFront')).toBeCloseTo(11, 6);
    // 11M Lambda invocations: 10M over the free million at $0.20 per million, plus GB-s over 400k.
    expect(bill.units.lambdaCalls).toBe(11_000_000);
    const gbs = bill.units.gbSeconds;
    expect(usd(bill, 'Lambda')).toBeCloseTo(2 + Math.max(0, gbs - 400_000) * 0.0000133334, 6);
    expect(usd(bill, 'HTTP API')).toBeCloseTo(11, 6);
  });

  it('falls as the cache hit ratio rises, and a full cache leaves only writes at the API', () => {
    const at = (hitRatio: number) => estimate(measured, { ...traffic, hitRatio }).total;
    expect(at(0)).toBeGreaterThan(at(0.5));
    expect(at(0.5)).toBeGreaterThan(at(0.9));
    expect(estimate(measured, { ...traffic, hitRatio: 1 }).units.apiCalls).toBe(4000);
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
    for (const s of ['Lambda', 'HTTP API', 'DynamoDB', 'CloudFront', 'S3', 'SES', 'total'])
      expect(out).toContain(s);
    expect(out).toMatch(/list prices as of \d{4}-\d{2}/);
    expect(out).toContain('measured.json');
    expect(out).toContain('hit ratio 0.8');
  });
});
