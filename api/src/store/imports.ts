/**
 * Writing imported comments by the table's rules: each batch of one page's comments goes with their
 * locators and the page's counters in one transaction, so a crash, a retry or a second import running
 * at once never loses a comment or counts one twice. Budget: one BatchGetItem per 100 ids checked,
 * one TransactWriteItems per batch (at most 45 comments, 3 MB).
 */
import { BatchGetCommand, BatchWriteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { commentItem, type NewComment } from './comments.js';
import { isComment } from './items.js';
import { keys } from './keys.js';
import { pageGrowth } from './page-meta.js';
import { publicPart, refItem, refUpdate } from './private.js';
import { withTopKeys } from './top.js';
import { ConditionFailed, transact } from './tx.js';

export interface ImportEntry {
  comment: NewComment;
  up: number;
  down: number;
  votes: { voter: string; value: 1 | -1; createdAt: string }[];
}

export interface ImportedPage {
  title?: string;
  url?: string;
  locked?: boolean;
  createdAt?: string;
}

/** Comments per transaction (two items each, plus the page) and bytes per transaction. */
export const IMPORT_TX_COMMENTS = 45;
export const IMPORT_TX_BYTES = 3 * 1024 * 1024;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries what DynamoDB left unprocessed, with backoff; gives up after a dozen rounds. */
async function untilDone<T>(first: T[], send: (part: T[]) => Promise<T[]>): Promise<void> {
  let left = first;
  for (let attempt = 0; left.length > 0; attempt++) {
    if (attempt > 12) throw new Error('storage kept refusing the import writes');
    if (attempt > 0) await sleep(Math.min(2000, 50 * 2 ** attempt));
    left = await send(left);
  }
}

export function createImportStore(db: Db) {
  return {
    /** The ids among these whose comment is already stored (its locator exists). */
    async existing(ids: string[]): Promise<Set<string>> {
      const found = new Set<string>();
      for (let i = 0; i < ids.length; i += 100) {
        await untilDone(
          ids.slice(i, i + 100).map((id) => keys.commentRef(id)),
          async (ask) => {
            const res = await db.doc.send(
              new BatchGetCommand({
                RequestItems: {
                  [db.table]: {
                    Keys: ask,
                    ProjectionExpression: '#id',
                    ExpressionAttributeNames: { '#id': 'id' },
                  },
                },
              }),
            );
            for (const it of res.Responses?.[db.table] ?? []) found.add(String(it.id));
            return (res.UnprocessedKeys?.[db.table]?.Keys as typeof ask | undefined) ?? [];
          },
        );
      }
      return found;
    },

    /**
     * Writes comments of one page (votes first: they are idempotent puts), each only if its locator
     * is not there yet; the page's counters grow by exactly what was written. Returns the ids that
     * turned out to be there already (another import, or an earlier run).
     */
    async write(site: string, page: string, entries: ImportEntry[], now: string): Promise<Set<string>> {
      const votes = entries.flatMap((e) =>
        e.votes.map((v) => ({
          PutRequest: {
            Item: { type: 'vote', ...keys.vote(e.comment.id, v.voter), commentId: e.comment.id, ...v },
          },
        })),
      );
      for (let i = 0; i < votes.length; i += 25)
        await untilDone(votes.slice(i, i + 25), async (part) => {
          const res = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: part } }));
          return (res.UnprocessedItems?.[db.table] as typeof part | undefined) ?? [];
        });
      const already = new Set<string>();
      let left = entries;
      while (left.length > 0) {
        const items = left.map((e) => commentItem(e.comment, e));
        try {
          await transact(db, [
            ...items.flatMap((item) => [
              {
                Put: {
                  TableName: db.table,
                  Item: refItem(item),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              { Put: { TableName: db.table, Item: publicPart(item) } },
            ]),
            {
              Update: pageGrowth(db.table, {
                site,
                page,
                approved: left.filter((e) => e.comment.status === 'approved').length,
                total: left.length,
                now,
              }),
            },
          ]);
          return already;
        } catch (err) {
          if (!(err instanceof ConditionFailed)) throw err;
          const gone = new Set(err.indexes.map((i) => Math.floor(i / 2)));
          for (const i of gone) already.add(left[i]!.comment.id);
          left = left.filter((_, i) => !gone.has(i));
        }
      }
      return already;
    },

    /** Title, URL, lock and first date of an imported page; counters untouched (kept if there). */
    async describePage(site: string, page: string, info: ImportedPage, now: string): Promise<void> {
      const { locked, ...rest } = info;
      await db.doc.send(
        new UpdateCommand(
          pageGrowth(db.table, { site, page, approved: 0, total: 0, now, ...rest, lock: locked === true }),
        ),
      );
    },

    /**
     * Marks a deleted imported comment as the placeholder of its replies (if it is still deleted): a
     * placeholder is listed, so the item moves from the hidden range to the listed one, with its locator.
     */
    async markPlaceholder(site: string, page: string, createdAt: string, id: string): Promise<void> {
      const hidden = keys.comment(site, page, createdAt, id, false);
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: hidden, ConsistentRead: true }),
      );
      if (isComment(Item) && Item.status === 'deleted') {
        const listed = withTopKeys({
          ...Item,
          ...keys.comment(site, page, createdAt, id, true),
          placeholder: true,
        });
        try {
          await transact(db, [
            {
              Delete: {
                TableName: db.table,
                Key: hidden,
                ConditionExpression: '#status = :deleted',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':deleted': 'deleted' },
              },
            },
            {
              Put: {
                TableName: db.table,
                Item: publicPart(listed),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            refUpdate(db, listed),
          ]);
        } catch (err) {
          if (!(err instanceof ConditionFailed)) throw err;
        }
        return;
      }
      // Already listed (a placeholder, or written by a version before the ranges): marked in place.
      await db.doc
        .send(
          new UpdateCommand({
            TableName: db.table,
            Key: keys.comment(site, page, createdAt, id),
            UpdateExpression: 'SET placeholder = :true',
            ConditionExpression: 'attribute_exists(pk) AND #status = :deleted',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':true': true, ':deleted': 'deleted' },
          }),
        )
        .catch((err: Error) => {
          if (err.name !== 'ConditionalCheckFailedException') throw err;
        });
    },
  };
}

export type ImportStore = ReturnType<typeof createImportStore>;
