/** Bench data: threads of realistic comments posted through the app, and one very long thread cloned in bulk. */
import { createHash } from 'node:crypto';
import { BatchWriteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { App } from '../../api/src/app.js';
import { renderMarkdown } from '../../api/src/domain/markdown.js';
import type { Db } from '../../api/src/store/client.js';
import type { Store } from '../../api/src/store/index.js';
import { keys } from '../../api/src/store/keys.js';

const WORDS =
  'the a post comment thanks really agree think about this that with static blog page reply good point serverless table write read cost cheap fast small widget script markdown link code works'.split(
    ' ',
  );

/** Deterministic comment text of 60 to 600 characters (most around 200), some with markdown. */
export function commentText(n: number): string {
  let seed = n * 2654435761;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const target = 60 + Math.floor(rand() ** 2 * 540);
  let out = '';
  while (out.length < target) out += `${WORDS[Math.floor(rand() * WORDS.length)]} `;
  if (n % 5 === 0) out += '**indeed** and `code` ';
  if (n % 7 === 0) out += 'see https://example.com/notes ';
  return out.trim();
}

export async function post(
  app: App,
  site: string,
  page: string,
  n: number,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; editToken: string }> {
  const res = await app.request('/api/v1/comments', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-bench-ip': `10.0.${n % 250}.1` },
    body: JSON.stringify({
      site,
      page,
      body: commentText(n),
      author: {
        name: `Reader ${n}`,
        email: `reader${n % 40}@example.com`,
        website: 'https://reader.example',
      },
      ...extra,
    }),
  });
  if (res.status !== 201) throw new Error(`seed post failed: ${res.status} ${await res.text()}`);
  const json = (await res.json()) as { comment: { id: string }; editToken: string };
  return { id: json.comment.id, editToken: json.editToken };
}

/** A thread of `count` comments posted one by one through the app (some of them replies). */
export async function seedThread(app: App, site: string, page: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const parentId = i % 4 === 3 ? ids[i - 1] : undefined;
    ids.push((await post(app, site, page, i, parentId ? { parentId } : {})).id);
  }
  return ids;
}

/**
 * A thread of `count` comments: one posted through the app, the rest cloned from it with BatchWriteItem
 * on `db`, a raw client of the bench's own on the store's table (no repository writes clones).
 */
export async function seedLongThread(
  app: App,
  store: Store,
  db: Db,
  site: string,
  page: string,
  count: number,
) {
  const first = await post(app, site, page, 1);
  const ref = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.commentRef(first.id) }));
  const template = (await store.comments.read(first.id)) as unknown as Record<string, unknown>;
  if (!ref.Item || !template) throw new Error('seed: first comment not found');
  const base = Date.parse(String(template.createdAt));
  const tag = createHash('sha1').update(`${site}\u0000${page}`).digest('hex').slice(0, 10);
  const items: Record<string, unknown>[] = [];
  for (let i = 1; i < count; i++) {
    const createdAt = new Date(base + i * 1000).toISOString();
    const id = `b${tag}${i.toString(36).padStart(6, '0')}`;
    items.push({
      ...template,
      id,
      createdAt,
      body: commentText(i),
      html: renderMarkdown(commentText(i)),
      ...keys.comment(site, page, createdAt, id),
      ...(typeof template.emailHash === 'string' ? keys.author(site, template.emailHash, createdAt, id) : {}),
      ...keys.queue(site, 'approved', createdAt, id),
    });
  }
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let request = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
      while (request.length > 0) {
        const res = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: request } }));
        request = (res.UnprocessedItems?.[db.table] ?? []) as typeof request;
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: keys.page(site, page),
      UpdateExpression: 'SET #count = #count + :n, #total = #total + :n, #version = #version + :one',
      ExpressionAttributeNames: { '#count': 'count', '#total': 'total', '#version': 'version' },
      ExpressionAttributeValues: { ':n': count - 1, ':one': 1 },
    }),
  );
}
