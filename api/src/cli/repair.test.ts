/** `afterword repair`: an older comment's private fields move to its record; a second run finds nothing. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createDb } from '../store/client.js';
import { captureCli, cliStore } from '../testing/cli.js';
import { runEndpoint } from '../testing/harness.js';
import { main } from './main.js';

const io = captureCli({ sharedTable: true });
let store: ReturnType<typeof cliStore> | undefined;
afterAll(() => store?.close());

it('moves what an older version kept on the page item, once', async () => {
  expect(await main(['site', 'add', 'fix', '--origin', 'https://blog.example'])).toBe(0);
  store = cliStore(io);
  const { comment } = await store.comments.create(
    {
      id: 'rep00001dddddddd',
      site: 'fix',
      page: '/p/',
      parentId: null,
      depth: 0,
      body: 'now',
      html: '<p>now</p>',
      authorName: 'Ann',
      avatar: 'abcdefabcdef',
      status: 'approved',
      createdAt: '2026-03-01T00:00:00.000Z',
    },
    {},
  );
  // As written before the private record (the markdown on the page's item) and the top index (votes, no keys).
  const db = createDb(
    loadConfig(
      {},
      { dynamodbEndpoint: runEndpoint(), table: io.table, secret: io.secret, dataDir: '/nonexistent' },
    ),
  );
  await db.doc.send(
    new PutCommand({ TableName: db.table, Item: { ...comment, body: 'old', score: 2, up: 2 } }),
  );
  io.out = '';
  expect(await main(['repair'])).toBe(0);
  expect(io.out).toContain('the private fields of 1 comments; set the top index keys of 1 comments');
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: { pk: comment.pk, sk: comment.sk }, ConsistentRead: true }),
  );
  expect(Item?.body).toBeUndefined();
  expect(Item?.gsi4pk).toBe('TOP#fix#/p/');
  expect((await store.comments.read(comment.id))?.body).toBe('old');
  io.out = '';
  expect(await main(['repair'])).toBe(0);
  expect(io.out).toContain(
    'the private fields of 0 comments; set the top index keys of 0 comments; finished 0 posts',
  );
  expect(await main(['repair', 'now'])).toBe(2);
});
