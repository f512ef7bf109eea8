/** `npm run cost -- --views N --comments M [...]`: the monthly AWS bill by service, from measured figures. */
import { parseArgs } from 'node:util';
import { loadMeasured } from './measured.js';
import {
  DEFAULT_TRAFFIC,
  EDGE_ASSUMPTION,
  estimate,
  FILES_PER_COMMENT_PUBLISH,
  FILES_PER_VOTE_PUBLISH,
  FRESHNESS,
  type Traffic,
} from './model.js';
import { PRICES } from './prices.js';

const HELP = `usage: npm run cost -- --views N --comments M [options]
  --views N             page views a month (10k, 1.5M and 2e6 are fine)
  --comments M          comments posted a month
  --votes V             votes a month (default: as many as comments)
  --hit-ratio R         share of file requests CloudFront answers without S3 (default ${DEFAULT_TRAFFIC.hitRatio})
  --index-share R       share of views that are index pages reading the site file (default ${DEFAULT_TRAFFIC.indexShare})
  --revalidations R     thread-file revalidations per view by the live widget (default ${DEFAULT_TRAFFIC.revalidationsPerView})
  --browser-cached R    share of views whose embed.js is still in the browser cache (default ${DEFAULT_TRAFFIC.staticBrowserCached})
  --past-cap R          share of views whose thread is past the file's cap, read from the API (default ${DEFAULT_TRAFFIC.pastCap})
  --emails-per-comment E  notification mails per comment (default ${DEFAULT_TRAFFIC.emailsPerComment})
  --lambda-factor F     Lambda time / bench time (default ${DEFAULT_TRAFFIC.lambdaFactor})
  --stored-comments S   comments kept in the table (default: 12 months of --comments)
  --bench FILE          bench results to read (default: bench-results.json at the repo root)
  --json                print JSON`;

/** 10k -> 10000, 1.5M -> 1500000, 2e6 -> 2000000. */
export function parseCount(value: string): number {
  const match = /^(\d+(?:\.\d+)?(?:e\d+)?)([kKmM]?)$/.exec(value.trim());
  if (!match) throw new Error(`not a count: ${value}`);
  const scale = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[match[2] as '' | 'k'];
  return Math.round(Number(match[1]) * scale);
}

function ratio(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new Error(`--${name} must be between 0 and 1`);
  return n;
}

function nonNegative(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(n >= 0)) throw new Error(`--${name} must be 0 or more`);
  return n;
}

export function trafficFromArgs(argv: string[]): { traffic: Traffic; bench?: string; json: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      views: { type: 'string' },
      comments: { type: 'string' },
      votes: { type: 'string' },
      'hit-ratio': { type: 'string' },
      'index-share': { type: 'string' },
      revalidations: { type: 'string' },
      'browser-cached': { type: 'string' },
      'past-cap': { type: 'string' },
      'emails-per-comment': { type: 'string' },
      'lambda-factor': { type: 'string' },
      'stored-comments': { type: 'string' },
      bench: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || values.views === undefined) throw new Error(HELP);
  const views = parseCount(values.views);
  const comments = parseCount(values.comments ?? '0');
  const factor = Number(values['lambda-factor'] ?? DEFAULT_TRAFFIC.lambdaFactor);
  if (!(factor > 0)) throw new Error('--lambda-factor must be positive');
  const traffic: Traffic = {
    ...DEFAULT_TRAFFIC,
    views,
    comments,
    votes: values.votes === undefined ? comments : parseCount(values.votes),
    hitRatio: ratio(values['hit-ratio'], DEFAULT_TRAFFIC.hitRatio, 'hit-ratio'),
    indexShare: ratio(values['index-share'], DEFAULT_TRAFFIC.indexShare, 'index-share'),
    revalidationsPerView: nonNegative(
      values.revalidations,
      DEFAULT_TRAFFIC.revalidationsPerView,
      'revalidations',
    ),
    staticBrowserCached: ratio(
      values['browser-cached'],
      DEFAULT_TRAFFIC.staticBrowserCached,
      'browser-cached',
    ),
    pastCap: ratio(values['past-cap'], DEFAULT_TRAFFIC.pastCap, 'past-cap'),
    emailsPerComment: Number(values['emails-per-comment'] ?? DEFAULT_TRAFFIC.emailsPerComment),
    lambdaFactor: factor,
    storedComments:
      values['stored-comments'] === undefined ? comments * 12 : parseCount(values['stored-comments']),
  };
  return { traffic, ...(values.bench ? { bench: values.bench } : {}), json: values.json };
}

export function render(argv: string[]): string {
  const { traffic, bench, json } = trafficFromArgs(argv);
  const { measured, source } = loadMeasured(bench);
  const bill = estimate(measured, traffic);
  if (json) return JSON.stringify({ traffic, source, pricesAsOf: PRICES.asOf, ...bill }, null, 2);
  const usd = (n: number) => `$${n < 10 ? n.toFixed(4) : n.toFixed(2)}`;
  const rows = bill.lines.map((l) => `  ${l.service.padEnd(11)} ${usd(l.usd).padStart(10)}   ${l.usage}`);
  return [
    `Afterword on AWS, one month: ${traffic.views.toLocaleString('en-US')} page views, ${traffic.comments.toLocaleString('en-US')} comments, ${traffic.votes.toLocaleString('en-US')} votes`,
    `  prices: ${PRICES.region} list prices as of ${PRICES.asOf}, after the always-free tiers (infra/src/cost/prices.ts)`,
    `  measured per-operation figures: ${source}`,
    `  assumed: reads are files (no Lambda, no DynamoDB): ${EDGE_ASSUMPTION}; file hit ratio ${traffic.hitRatio} (--hit-ratio)`,
    `  per view: embed.js unless the browser holds it (${traffic.staticBrowserCached} of views do, max-age 300 s; the edge keeps it a day, deploys invalidate it: hit ratio ${traffic.staticHitRatio}), the thread file, the site file on index pages (${traffic.indexShare} of views), ${traffic.revalidationsPerView} revalidations by the live widget; ${traffic.pastCap} of views past the file's cap read the API`,
    `  freshness: ${FRESHNESS}`,
    `  writes as before (plus one compose-token call per comment), each one publish (none assumed coalesced): a comment ${FILES_PER_COMMENT_PUBLISH} files (thread JSON, HTML, site file), a vote ${FILES_PER_VOTE_PUBLISH} (thread JSON), each a HEAD and a PUT; Lambda ${traffic.lambdaFactor}x the bench time`,
    '',
    ...rows,
    `  ${'total'.padEnd(11)} ${usd(bill.total).padStart(10)}   (${usd(bill.totalWithoutEmail)} without email)`,
    `  ${'beyond CF'.padEnd(11)} ${usd(bill.beyondCloudFront).padStart(10)}   everything but email and CloudFront's own request and transfer charges`,
  ].join('\n');
}

const isMain = process.argv[1] && /cost[/\\]cli\.ts$/.test(process.argv[1]);
if (isMain) {
  try {
    process.stdout.write(`${render(process.argv.slice(2))}\n`);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 2;
  }
}
