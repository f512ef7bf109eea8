/**
 * `npm run bench`: measures every budget of DESIGN.md section 6 on loopback; prints a table, writes
 * bench-results.json. `-- --only publish`: only publishing and the widget (the `npm start` stack), merged
 * into the last bench-results.json.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../../api/src/app.js';
import { loadConfig } from '../../api/src/config.js';
import { startServer } from '../../api/src/server.js';
import { createDb } from '../../api/src/store/client.js';
import { createStore } from '../../api/src/store/index.js';
import { startLocalDynamo } from '../../api/src/store/local.js';
import { initialChunkBytes } from '../../api/src/testing/bundle-meta.js';
import { recordCapacity, round } from './capacity.js';
import { buildFloor, eventFor, measureColdStart } from './coldstart.js';
import type { Job, Template } from './load-child.js';
import { startLoadGenerator } from './load-remote.js';
import { type LoadResult, median } from './loadgen.js';
import { measureOp } from './ops.js';
import { benchPublishing, type PublishBench } from './publish.js';
import { type BenchResults, printReport } from './report.js';
import { commentText, post, seedLongThread, seedThread } from './seed.js';
import { fileSizes, startEmbedPage, type WidgetResult } from './widget.js';

const ROOT = resolve(import.meta.dirname, '../..');
const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 1 : 3;
const LOAD_MS = quick ? 700 : 1500;
const SITE = 'bench';
const T10 = '/bench/ten/';
const T30 = '/bench/thirty/';
const T10K = '/bench/ten-thousand/';
const COUNT_PAGES = Array.from({ length: 20 }, (_, i) => `/bench/count-${i}/`);
const started = Date.now();
const log = (line: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);

const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
if (only !== undefined && only !== 'publish') throw new Error(`--only ${only}: the one part is publish`);
const RESULTS = resolve(ROOT, 'bench-results.json');
const WIDGET_DIST = resolve(ROOT, 'widget/dist');

/** Publish latency and, when the widget is built, its files and a first view, on the `npm start` stack. */
async function publishing(
  endpoint: string,
): Promise<{ publish: PublishBench['publish']; widget: WidgetResult }> {
  log('publishing on the npm start stack: 50 posts, then a first view of a 30-comment thread in Chromium');
  const built = existsSync(resolve(WIDGET_DIST, 'embed.js'));
  const skipped = 'widget/dist/embed.js does not exist (the widget is not built yet); widget figures skipped';
  if (!built) log(skipped);
  let bench: PublishBench;
  let widget: WidgetResult = built ? { files: fileSizes(WIDGET_DIST) } : { files: {}, skipped };
  try {
    bench = await benchPublishing(endpoint, { firstView: built });
  } catch (err) {
    if (!built) throw err;
    widget = { ...widget, skipped: `first view in Chromium failed: ${(err as Error).message}` };
    bench = await benchPublishing(endpoint, { firstView: false });
  }
  if (bench.firstView) widget.firstView = bench.firstView;
  if (bench.firstViewSignIn) widget.firstViewSignIn = bench.firstViewSignIn;
  log(`publish latency p50 ${bench.publish.p50Ms} ms, p99 ${bench.publish.p99Ms} ms`);
  return { publish: bench.publish, widget };
}

if (only === 'publish') {
  const dynamo = await startLocalDynamo();
  try {
    const part = await publishing(dynamo.endpoint);
    const last = existsSync(RESULTS)
      ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as BenchResults)
      : undefined;
    const results = { ...last, ...part, publishAt: new Date().toISOString() } as BenchResults;
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    if (last?.perOperation) printReport(results);
    else console.log(JSON.stringify(part, null, 2));
    log('merged publishing and widget figures into bench-results.json');
  } finally {
    await dynamo.stop();
  }
  process.exit(0);
}

const dynamo = await startLocalDynamo();
const config = loadConfig(
  {},
  {
    dynamodbEndpoint: dynamo.endpoint,
    table: 'bench',
    secret: 'bench-secret-0123456789abcdef',
    dataDir: '/nonexistent',
    port: 0,
  },
);
// The server under load has a plain store; the per-operation app has its own store with the capacity recorder.
const serverStore = createStore(config);
await serverStore.ensureTable();
// The bench's own client under the per-operation store, so the recorder sees every call it makes.
const opDb = createDb(config);
const opStore = createStore(config, opDb);
const rec = recordCapacity(opDb.doc);
const opApp = createApp({
  config,
  store: opStore,
  clientIp: (c) => c.req.header('x-bench-ip') ?? '127.0.0.1',
  now: () => new Date(),
  remainingMs: () => Number.POSITIVE_INFINITY,
});
const server = await startServer(config, serverStore, { host: '127.0.0.1' });
const embed = await startEmbedPage(server.url, SITE, T30);
await opStore.sites.put(SITE, { name: 'Bench', origins: [embed.url], moderation: 'none' }, 'create');
const gen = startLoadGenerator();

try {
  log('seeding threads of 10, 30 and 10,000 comments and 20 pages for counts');
  await seedThread(opApp, SITE, T10, 10);
  const t30 = await seedThread(opApp, SITE, T30, 30);
  for (const [i, p] of COUNT_PAGES.entries()) await post(opApp, SITE, p, i);
  await seedLongThread(opApp, opStore, opDb, SITE, T10K, 10_000);

  // Per operation, one at a time, in process.
  log('per-operation units and handler time');
  const threadPath = `/api/v1/comments?site=${SITE}&page=${encodeURIComponent(T30)}`;
  const thread = await measureOp(opApp, rec, 15, () => ({ path: threadPath }));
  const etag = (await opApp.request(threadPath)).headers.get('etag') ?? '';
  const thread304 = await measureOp(opApp, rec, 15, () => ({
    path: threadPath,
    init: { headers: { 'if-none-match': etag } },
  }));
  const countsPath = `/api/v1/counts?site=${SITE}&${COUNT_PAGES.map((p) => `page=${encodeURIComponent(p)}`).join('&')}`;
  const counts = await measureOp(opApp, rec, 15, () => ({ path: countsPath }));
  const postBody = (i: number, page: string) =>
    JSON.stringify({
      site: SITE,
      page,
      body: commentText(1000 + i),
      author: { name: 'Bench Reader', email: `bench${i}@example.com`, website: 'https://reader.example' },
    });
  const postOp = await measureOp(opApp, rec, 15, (i) => ({
    path: '/api/v1/comments',
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: postBody(i, '/bench/post-0/'),
    },
  }));
  const vote = await measureOp(opApp, rec, 15, (i) => ({
    path: `/api/v1/comments/${t30[i % t30.length]}/vote`,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bench-ip': `10.9.${i}.1` },
      body: JSON.stringify({ value: 1 }),
    },
  }));

  // sort=top on the 10,000-comment thread: 40 more comments posted to it (the clones have no locator
  // to vote through), 16 voted up and 8 down (the top index, store/top.ts).
  for (let i = 0; i < 40; i++) {
    const { id } = await post(opApp, SITE, T10K, 2000 + i);
    if (i % 5 > 2) continue;
    await opApp.request(`/api/v1/comments/${id}/vote`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bench-ip': `10.8.${i}.1` },
      body: JSON.stringify({ value: i % 5 === 2 ? -1 : 1 }),
    });
  }
  const topPath = `/api/v1/comments?site=${SITE}&page=${encodeURIComponent(T10K)}&sort=top`;
  const top = await measureOp(opApp, rec, 15, () => ({ path: topPath }));

  // What the API sends to DynamoDB for each, replayed raw by the load generator for the same-run baseline.
  const callOf = (s: typeof thread, command: string) => {
    const c = s.last.calls.find((x) => x.command === command);
    if (!c) throw new Error(`no ${command} recorded`);
    const { ReturnConsumedCapacity: _drop, ...input } = c.input;
    return input;
  };
  // A post is four plain writes (api/src/store/post-write.ts), replayed in turn; sets as load-child.ts reads them.
  const postWrites = postOp.last.calls
    .filter((x) => x.command === 'PutItem' || x.command === 'UpdateItem')
    .map(({ command, input: { ReturnConsumedCapacity: _drop, ...input } }) => ({ command, input }));
  const postTx = JSON.stringify(postWrites, (_, v) => (v instanceof Set ? { $set: [...v] } : v));
  const rawPostId = /"CMT#([0-9a-z]+)"/.exec(postTx)?.[1];
  if (!rawPostId) throw new Error('no comment id in the recorded post writes');
  const rawPostTemplate = postTx
    .replaceAll(rawPostId, '{{i}}')
    .replaceAll('/bench/post-0/', '/bench/raw-{{p}}/');

  const raw = (
    command: Extract<Job, { kind: 'dynamo' }>['command'],
    input: unknown,
    spread = 1,
  ): Omit<Extract<Job, { kind: 'dynamo' }>, 'opts'> => ({
    kind: 'dynamo',
    endpoint: dynamo.endpoint,
    table: config.table,
    command,
    input: { text: typeof input === 'string' ? input : JSON.stringify(input), spread } satisfies Template,
  });
  const http = (
    path: string,
    extra: Partial<Extract<Job, { kind: 'http' }>> = {},
  ): Omit<Extract<Job, { kind: 'http' }>, 'opts'> => ({
    kind: 'http',
    url: server.url + path,
    method: 'GET',
    headers: { origin: embed.url },
    ...extra,
  });
  // Votes and posts above moved the thread's version on: the 304 load needs the current ETag.
  const freshEtag = (await opApp.request(threadPath)).headers.get('etag') ?? '';
  const scenarios = {
    thread: { api: http(threadPath), raw: raw('Query', callOf(thread, 'Query')) },
    thread304: {
      api: http(threadPath, { headers: { origin: embed.url, 'if-none-match': freshEtag } }),
      raw: raw('GetItem', callOf(thread304, 'GetItem')),
    },
    counts: { api: http(countsPath), raw: raw('BatchGetItem', callOf(counts, 'BatchGetItem')) },
    post: {
      api: http('/api/v1/comments', {
        method: 'POST',
        body: { text: postBody(0, '/bench/post-{{p}}/').replace('bench0@', 'b{{i}}@'), spread: 50 },
      }),
      raw: raw('Writes', rawPostTemplate, 50),
    },
  };

  log('throughput: API through the Node server vs the raw DynamoDB call, at 1 and 10 connections');
  const throughput: BenchResults['throughput'] = {};
  for (const [name, s] of Object.entries(scenarios)) {
    throughput[name] = {};
    for (const connections of [1, 10]) {
      const opts = { connections, maxRequests: 20_000, maxMs: LOAD_MS, warmupMs: 300 };
      const apiRuns: LoadResult[] = [];
      const rawRuns: LoadResult[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        apiRuns.push(await gen.run({ ...s.api, opts } as Job));
        rawRuns.push(await gen.run({ ...s.raw, opts } as Job));
      }
      const summary = (runs: LoadResult[]) => ({
        rps: round(median(runs.map((x) => x.rps)), 0),
        p50: round(median(runs.map((x) => x.p50))),
        p99: round(median(runs.map((x) => x.p99))),
        outcomes: runs.at(-1)?.outcomes,
      });
      const api = summary(apiRuns);
      const rawS = summary(rawRuns);
      throughput[name][`c${connections}`] = { api, raw: rawS, ratio: round(api.rps / rawS.rps) };
      log(`${name} c=${connections}: api ${api.rps}/s, raw ${rawS.rps}/s`);
    }
  }

  log('scaling: first page of a 10-comment vs a 10,000-comment thread');
  const first = (page: string) => http(`/api/v1/comments?site=${SITE}&page=${encodeURIComponent(page)}`);
  const small: LoadResult[] = [];
  const large: LoadResult[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const opts = { connections: 1, maxRequests: 5000, maxMs: LOAD_MS, warmupMs: 200 };
    small.push(await gen.run({ ...first(T10), opts } as Job));
    large.push(await gen.run({ ...first(T10K), opts } as Job));
  }
  const scaling = {
    p50Ms10: round(median(small.map((x) => x.p50))),
    p50Ms10000: round(median(large.map((x) => x.p50))),
    ratio: round(median(large.map((x) => x.p50)) / median(small.map((x) => x.p50))),
  };

  log('cold start: fresh processes importing api/dist/lambda.mjs vs node -e 0 and the SDK-only floor');
  const bundle = resolve(ROOT, 'api/dist/lambda.mjs');
  // Every cold write is one more comment on its own page, from a client of its own (no rate limit met).
  await opStore.sites.put(SITE, { spam: { minComposeSec: 0, ratePerClient: 0, ratePerPage: 0 } }, 'update');
  const coldStart = await measureColdStart({
    bundle,
    bundleBytes: initialChunkBytes(resolve(ROOT, 'api/dist')),
    floor: await buildFloor(mkdtempSync(join(tmpdir(), 'afterword-floor-'))),
    event: await eventFor('GET', threadPath),
    postEvent: await eventFor('POST', '/api/v1/comments', {
      body: { site: SITE, page: '/bench/cold-post/', body: commentText(7) },
      ip: '10.77.0.1',
      // A server-side write (no Origin): the site's origins are the embed page's, on another port.
      headers: {},
    }),
    runs: 10,
    env: {
      AWS_LAMBDA_FUNCTION_NAME: 'afterword-bench',
      AWS_REGION: 'us-east-1',
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AFTERWORD_TABLE: config.table,
      AFTERWORD_SECRET: config.secret,
    },
  });

  const { publish, widget } = await publishing(dynamo.endpoint);

  const perOperation = Object.fromEntries(
    Object.entries({ thread, thread304, counts, post: postOp, vote, top }).map(([k, v]) => [k, v.cost]),
  );
  const results = {
    at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: round(totalmem() / 2 ** 30, 1),
      freeGiB: round(freemem() / 2 ** 30, 1),
      node: process.version,
      loadavg: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    },
    settings: { rounds: ROUNDS, loadMs: LOAD_MS, quick },
    widget,
    publish,
    perOperation,
    throughput,
    scaling,
    coldStart,
  };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  printReport(results);
  log(`wrote bench-results.json in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} finally {
  gen.close();
  await embed.close();
  await server.close();
  serverStore.close();
  opStore.close();
  await dynamo.stop();
}
