/** Faults: this suite's own DynamoDB Local is killed during a write load and restarted on its data; nothing half-written. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../api/src/config.js';
import { type RunningServer, startServer } from '../../api/src/server.js';
import { createDb, type Db } from '../../api/src/store/client.js';
import { createStore, type Store } from '../../api/src/store/index.js';
import {
  type CommentItem,
  isComment,
  isCommentRef,
  isPage,
  type PageItem,
} from '../../api/src/store/items.js';
import { keys } from '../../api/src/store/keys.js';
import { freePort, type LocalDynamo, startLocalDynamo } from '../../api/src/store/local.js';
import { type Caller, type CallResult, httpCaller } from '../../api/src/testing/clients.js';

const SITE = 'faults';
const ORIGIN = 'https://blog.example';
const THREADS = ['/faults/a/', '/faults/b/', '/faults/c/', '/faults/d/'];
const WRITERS = 8;
const POSTS_PER_WRITER = 12;

let dataDir: string;
let port: number;
let dynamo: LocalDynamo;
let config: Config;
let store: Store;
/** A raw client of the suite's own, to read the table as it is after the restart. */
let db: Db;
let server: RunningServer;
let call: Caller;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'afterword-faults-'));
  port = await freePort();
  dynamo = await startLocalDynamo({ port, dataDir });
  config = loadConfig(
    {},
    {
      dynamodbEndpoint: dynamo.endpoint,
      table: 'faults',
      secret: 'faults-secret-0123456789abcdef',
      siteCacheMs: 0,
      dataDir,
      port: 0,
    },
  );
  db = createDb(config);
  store = createStore(config, db);
  await store.ensureTable();
  await store.sites.put(SITE, { origins: [ORIGIN], moderation: 'none' }, 'create');
  server = await startServer(config, store, { staticRoot: '/nonexistent' });
  call = httpCaller(server.url);
}, 90_000);

afterAll(async () => {
  await server?.close();
  store?.close();
  await dynamo?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('DynamoDB Local killed during a write load', { timeout: 120_000 }, () => {
  const outcomes: Record<string, number> = {};
  const unavailable: CallResult[] = [];
  const created = new Map<string, string>();
  const keyPage = new Map<string, string>();
  /** When each create was acknowledged, and when DynamoDB Local was killed. */
  const ackAt = new Map<string, number>();
  let killedAt = 0;

  it('answers 503 with Retry-After while storage is down, and every write lands once after the restart', async () => {
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; i < POSTS_PER_WRITER; i++) {
        const key = `f${w}-${i}`;
        const page = THREADS[(w + i) % THREADS.length]!;
        keyPage.set(key, page);
        while (!created.has(key)) {
          if (stop) throw new Error(`gave up on ${key}`);
          let res: CallResult;
          try {
            res = await call('POST', '/api/v1/comments', {
              body: { site: SITE, page, body: `writer ${w} comment ${i}`, author: { name: `W${w}` } },
              headers: { origin: ORIGIN, 'idempotency-key': key },
            });
          } catch {
            outcomes.network = (outcomes.network ?? 0) + 1;
            await sleep(100);
            continue;
          }
          outcomes[res.status] = (outcomes[res.status] ?? 0) + 1;
          if (res.status === 201) {
            created.set(key, res.json.comment.id);
            ackAt.set(res.json.comment.id, Date.now());
          } else if (res.status === 503) {
            unavailable.push(res);
            await sleep(150);
          } else throw new Error(`unexpected ${res.status}: ${res.text}`);
        }
        await sleep(30);
      }
    };
    const load = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));

    // Kill it in the middle of the load: once some writes have landed and the rest are in flight.
    for (let waited = 0; created.size < 6 && waited < 30_000; waited += 50) await sleep(50);
    const before = created.size;
    killedAt = Date.now();
    dynamo.process.kill('SIGKILL');
    await new Promise((r) => dynamo.process.once('exit', r));
    await sleep(2500);
    const health = await call('GET', '/api/v1/health');
    expect(health.status).toBe(503);
    expect(health.headers['retry-after']).toBeTruthy();
    const read = await call('GET', `/api/v1/comments?site=${SITE}&page=${encodeURIComponent(THREADS[0]!)}`);
    expect(read.status).toBe(503);
    expect(read.json.error.code).toBe('storage_unavailable');
    const duringOutage = created.size;

    dynamo = await startLocalDynamo({ port, dataDir });
    const deadline = setTimeout(() => {
      stop = true;
    }, 60_000);
    await load.finally(() => clearTimeout(deadline));

    expect(before, 'some writes landed before the kill').toBeGreaterThan(0);
    expect(duringOutage - before, 'writes acknowledged while storage was down').toBeLessThanOrEqual(WRITERS);
    expect(unavailable.length, 'clients saw the outage').toBeGreaterThan(0);
    for (const res of unavailable) {
      expect(res.json?.error?.code).toBe('storage_unavailable');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(Object.keys(outcomes).filter((s) => s !== '201' && s !== '503' && s !== 'network')).toEqual([]);
    expect(created.size).toBe(WRITERS * POSTS_PER_WRITER);
  });

  it('after the restart every thread is consistent: comments, locators and counts agree', async () => {
    for (const page of THREADS) {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const res = await db.doc.send(
          new QueryCommand({
            TableName: config.table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.pagePk(SITE, page) },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        items.push(...(res.Items ?? []));
        start = res.LastEvaluatedKey;
      } while (start);
      const meta = items.find(isPage) as PageItem | undefined;
      const comments: CommentItem[] = [];
      for (const item of items) if (isComment(item)) comments.push(item);
      const acknowledged = [...keyPage].filter(([, p]) => p === page).map(([k]) => created.get(k)!);
      const stored = new Set(comments.map((c) => c.id));
      // DynamoDB Local is not crash-durable: a write it acknowledged in the instant before SIGKILL
      // may be gone after the restart (DynamoDB acknowledges only durable writes). Such a loss is
      // whole (no comment without its count or locator, checked below), and nothing older is lost.
      const lost = acknowledged.filter((id) => !stored.has(id));
      for (const id of lost) {
        expect(
          killedAt - (ackAt.get(id) ?? 0),
          `${id} lost although acknowledged well before the kill`,
        ).toBeLessThan(1000);
      }
      if (lost.length > 0)
        console.warn(
          `DynamoDB Local dropped ${lost.length} write(s) acknowledged just before SIGKILL: ${lost.map((id) => `${killedAt - (ackAt.get(id) ?? 0)} ms`).join(', ')} before it`,
        );
      expect(lost.length, 'at most the writes in flight at the kill').toBeLessThanOrEqual(WRITERS);
      expect(
        [...stored].every((id) => acknowledged.includes(id)),
        'nothing unacknowledged or foreign',
      ).toBe(true);
      expect(comments.length, `no duplicate on ${page}`).toBe(stored.size);
      expect(meta?.count, `count of ${page}`).toBe(comments.filter((c) => c.status === 'approved').length);
      expect(meta?.total, `total of ${page}`).toBe(comments.length);
      for (const c of comments) {
        const { Item } = await db.doc.send(
          new GetCommand({
            TableName: config.table,
            Key: keys.commentRef(c.id),
            ConsistentRead: true,
          }),
        );
        expect(isCommentRef(Item) && Item.commentSk === c.sk, `locator of ${c.id}`).toBe(true);
      }
      const listed = await call(
        'GET',
        `/api/v1/comments?site=${SITE}&page=${encodeURIComponent(page)}&limit=100`,
      );
      expect(listed.status).toBe(200);
      expect(listed.json.page.count).toBe(listed.json.comments.length);
    }
  });
});
