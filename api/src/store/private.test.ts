/** The private record: what a thread page's items never hold, kept right by every write and read back by every private read. */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { newComment } from '../testing/new-comment.js';
import type { CommentItem } from './items.js';
import { keys } from './keys.js';
import { PRIVATE_FIELDS, publicPart, refItem } from './private.js';
import { createPrivateRepair } from './private-repair.js';

const SITE = 'priv';
const PAGE = '/p/';
let h: Harness;
let seq = 0;

beforeAll(async () => {
  h = await createHarness();
  await h.site(SITE, { origins: ['https://blog.example'] });
});
afterAll(() => h?.drop());

async function post(status: 'approved' | 'pending' = 'approved'): Promise<CommentItem> {
  seq++;
  const { comment } = await h.store.comments.create(
    newComment({ site: SITE, page: PAGE, prefix: 'p', filler: 'c' }, seq, status, undefined, {
      body: `**markdown** ${seq}`,
      html: `<p><strong>markdown</strong> ${seq}</p>`,
      authorEmail: `ann${seq}@example.com`,
      emailHash: `e${seq}`.padEnd(32, '0'),
      ipHash: `i${seq}`.padEnd(32, '0'),
    }),
    {},
  );
  return comment;
}

const raw = async (key: { pk: string; sk: string }) =>
  (await h.db.doc.send(new GetCommand({ TableName: h.config.table, Key: key, ConsistentRead: true }))).Item as
    | Record<string, unknown>
    | undefined;

const privateOf = (x: Record<string, unknown> | CommentItem | undefined) =>
  Object.fromEntries(PRIVATE_FIELDS.map((k) => [k, (x as Record<string, unknown> | undefined)?.[k]]));

it('a post splits: the page item holds none of it, the record all, a read by id both', async () => {
  const c = await post();
  const item = await raw({ pk: c.pk, sk: c.sk });
  expect(privateOf(item)).toEqual({
    body: undefined,
    authorEmail: undefined,
    ipHash: undefined,
    requestHash: undefined,
  });
  expect(item?.html).toBe(c.html);
  const ref = await raw(keys.commentRef(c.id));
  expect(ref).toMatchObject({ body: c.body, authorEmail: c.authorEmail, ipHash: c.ipHash, commentSk: c.sk });
  expect(await h.store.comments.read(c.id)).toMatchObject({
    body: c.body,
    authorEmail: c.authorEmail,
    html: c.html,
  });
  // A thread page reads what it shows, and nothing private.
  const page = await h.store.threads.list(SITE, PAGE, 'oldest', 50);
  expect(page.comments.map((x) => privateOf(x).authorEmail ?? privateOf(x).body)).toEqual([undefined]);
  // Moderators' reads have it all.
  const queue = await h.store.moderation.queue({ site: SITE, status: 'approved', limit: 10 });
  expect(queue.comments[0]).toMatchObject({ body: c.body, authorEmail: c.authorEmail });
});

it('edits, moves and an author’s own delete keep the record right', async () => {
  const c = await post('pending');
  const edited = await h.store.comments.edit(
    c,
    'new *text*',
    '<p>new <em>text</em></p>',
    new Date().toISOString(),
  );
  expect((await h.store.comments.read(c.id))?.body).toBe('new *text*');
  const approved = await h.store.comments.setStatus(edited, 'approved', new Date().toISOString());
  expect(approved.sk.startsWith('C#')).toBe(true);
  const read = await h.store.comments.read(c.id);
  expect(read).toMatchObject({ body: 'new *text*', authorEmail: c.authorEmail, ipHash: c.ipHash });
  expect(privateOf(await raw({ pk: read!.pk, sk: read!.sk })).body).toBeUndefined();
  const wiped = await h.store.comments.setStatus(read!, 'deleted', new Date().toISOString(), { wipe: true });
  const gone = await h.store.comments.read(c.id);
  expect([gone?.body, gone?.authorEmail, gone?.html]).toEqual(['', undefined, '']);
  expect(wiped.status).toBe('deleted');
  expect((await raw(keys.commentRef(c.id)))?.authorEmail).toBeUndefined();
});

it('an item written before the split reads the same, and the repair moves its fields once', async () => {
  const c = await post();
  // As an older version wrote it: everything on the page's item, a locator with none of it.
  const legacy = { ...c, body: 'old markdown', authorEmail: 'old@example.com' };
  await h.db.doc.send(new PutCommand({ TableName: h.config.table, Item: legacy }));
  await h.db.doc.send(new PutCommand({ TableName: h.config.table, Item: publicPart(refItem(c)) }));
  expect(await h.store.comments.read(c.id)).toMatchObject({
    body: 'old markdown',
    authorEmail: 'old@example.com',
  });
  const [merged] = await h.store.lookup.withPrivate([legacy]);
  expect(merged?.body).toBe('old markdown');

  const repair = createPrivateRepair(h.db);
  expect(await repair.movePrivateToRecords()).toBe(1);
  expect(await repair.movePrivateToRecords()).toBe(0);
  expect(privateOf(await raw({ pk: c.pk, sk: c.sk })).body).toBeUndefined();
  expect(await h.store.comments.read(c.id)).toMatchObject({
    body: 'old markdown',
    authorEmail: 'old@example.com',
    ipHash: c.ipHash,
  });
});
