/**
 * Faults: DynamoDB Local is SIGKILLed in the middle of a 3,000-comment import and restarted on its data;
 * running the same import again leaves every comment once, every count right, no locator alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../../api/src/config.js';
import { disqusFile } from '../../api/src/portability/disqus.testkit.js';
import { runImport, single } from '../../api/src/portability/run.js';
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

const SITE = 'crash';
const PAGES = 30;
const PER_PAGE = 100;
const TOTAL = PAGES * PER_PAGE;

let dataDir: string;
let port: number;
let dynamo: LocalDynamo;
let config: Config;
let store: Store;
let db: Db;

/** Comment i of page t: every fourth a reply to the one before, every 25th deleted, every 30th spam. */
const kind = (i: number) => (i % 25 === 3 ? 'deleted' : i % 30 === 7 ? 'spam' : 'approved');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'afterword-import-crash-'));
  port = await freePort();
  dynamo = await startLocalDynamo({ port, dataDir });
  config = loadConfig(
    {},
    {
      dynamodbEndpoint: dynamo.endpoint,
      table: 'crash',
      secret: 'import-crash-secret-0123456789',
      siteCacheMs: 0,
      dataDir,
      port: 0,
    },
  );
  db = createDb(config);
  store = createStore(config, db);
  await store.ensureTable();
  await store.sites.put(SITE, { origins: ['https://blog.example'], moderation: 'none' }, 'create');
}, 90_000);

afterAll(async () => {
  store?.close();
  await dynamo?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function queryAll(pk: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(
      new QueryCommand({
        TableName: config.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return items;
}

async function locators(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(
      new ScanCommand({ TableName: config.table, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    for (const item of res.Items ?? []) if (isCommentRef(item)) out.set(item.id, item.commentSk);
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

describe('DynamoDB Local killed during an import', { timeout: 300_000 }, () => {
  const file = disqusFile({
    pages: PAGES,
    perPage: PER_PAGE,
    interleave: true,
    forum: 'crashblog',
    replies: (i) => i % 4 === 1,
    kind,
    link: (t) => `https://blog.example/crash/${t}/`,
  });
  const run = (onProgress?: (records: number) => void) =>
    runImport({
      store,
      secret: config.secret,
      site: SITE,
      format: 'disqus',
      chunks: single(file),
      ...(onProgress ? { onProgress: (p) => onProgress(p.records) } : {}),
    });

  it('the import fails when storage dies mid-way; run again, it completes', async () => {
    let killed = false;
    let recordsAtKill = 0;
    const first = await run((records) => {
      if (!killed && records >= TOTAL / 2) {
        killed = true;
        recordsAtKill = records;
        dynamo.process.kill('SIGKILL');
      }
    }).then(
      (r) => ({ ok: true as const, r }),
      (err: unknown) => ({ ok: false as const, err }),
    );
    expect(killed, 'storage was killed during the import').toBe(true);
    expect(first.ok, 'the first run could not finish').toBe(false);
    expect(recordsAtKill).toBeLessThan(TOTAL);
    const gone = dynamo.process.exitCode !== null || dynamo.process.signalCode !== null;
    if (!gone) await new Promise((r) => dynamo.process.once('exit', r));

    dynamo = await startLocalDynamo({ port, dataDir });
    const before = (await locators()).size;
    expect(before, 'part of the file was written before the kill').toBeGreaterThan(0);
    expect(before).toBeLessThan(TOTAL);

    const second = await run();
    expect(second.complete).toBe(true);
    expect(second.problems, JSON.stringify(second.problemList.slice(0, 5))).toBe(0);
    // What the first run wrote is found there; the rest is written now: between them, the whole file.
    expect(second.existing + second.imported).toBe(TOTAL);
    expect(second.imported).toBe(TOTAL - before);
  });

  it('every comment is there once, every count equals its listed comments, no locator alone', async () => {
    const refs = await locators();
    const markers = new Set<string>();
    const ids = new Set<string>();
    for (let t = 0; t < PAGES; t++) {
      const items = await queryAll(keys.pagePk(SITE, `/crash/${t}/`));
      const meta = items.find(isPage) as PageItem | undefined;
      const comments: CommentItem[] = [];
      for (const item of items) if (isComment(item)) comments.push(item);
      expect(comments, `page ${t}`).toHaveLength(PER_PAGE);
      for (const c of comments) {
        const marker = /marker (p\d+-\d+)/.exec(c.html)?.[1];
        expect(marker, c.html).toBeTruthy();
        expect(markers.has(marker!), `${marker} twice`).toBe(false);
        markers.add(marker!);
        expect(ids.has(c.id)).toBe(false);
        ids.add(c.id);
        expect(refs.get(c.id), `locator of ${marker}`).toBe(c.sk);
        const i = Number(marker!.split('-')[1]);
        expect(c.status, marker).toBe(kind(i));
        expect(c.parentId !== null, `${marker} is a reply`).toBe(i % 4 === 1);
      }
      expect(meta?.total, `total of page ${t}`).toBe(comments.length);
      expect(meta?.count, `count of page ${t}`).toBe(comments.filter((c) => c.status === 'approved').length);
    }
    expect(markers.size).toBe(TOTAL);
    // No locator without its comment.
    expect([...refs.keys()].filter((id) => !ids.has(id))).toEqual([]);
    expect(refs.size).toBe(TOTAL);
  });

  it('a third run adds nothing', async () => {
    const third = await run();
    expect(third.imported).toBe(0);
    expect(third.existing).toBe(TOTAL);
  });
});
