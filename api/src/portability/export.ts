/**
 * Reads a site's comments for export in chunks: pages through GSI3 (`PAGES#<site>`), each page's
 * comments with a Query, stopping at a byte budget or when time runs short and handing back a cursor.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import type { Db } from '../store/client.js';
import { type CommentItem, isComment, isPage, isVote, type PageItem, type SiteItem } from '../store/items.js';
import { COMMENT_SK_PREFIX, keys, PAGE_META } from '../store/keys.js';
import {
  NATIVE_FORMAT,
  NATIVE_VERSION,
  type NativeChunk,
  type NativeComment,
  type NativeVote,
  nativeComment,
  nativePage,
  nativeSite,
} from './native.js';

export interface ExportLimits {
  /** Stop adding comments once the chunk's JSON is this large (bytes). */
  maxBytes: number;
  /** Milliseconds left to run; the chunk ends when this falls under `reserveMs`. */
  remainingMs: () => number;
  reserveMs: number;
}

/** Lambda answers at most 6 MB: stay well under it. */
export const EXPORT_CHUNK_BYTES = 4 * 1024 * 1024;

interface Position {
  /** The page being read (undefined: start from the first page). */
  page?: string;
  /** Last comment sort key read on that page ('' = page not started). */
  after: string;
}

export class BadCursorError extends Error {}

function parseCursor(cursor: string | undefined): Position {
  if (!cursor) return { after: '' };
  const v = decodeCursor(cursor);
  if (v?.x !== 'export' || typeof v.p !== 'string' || typeof v.k !== 'string') {
    throw new BadCursorError('the cursor is not an export cursor');
  }
  if (v.k !== '' && v.k !== PAGE_META && !v.k.startsWith(COMMENT_SK_PREFIX))
    throw new BadCursorError('the cursor is damaged');
  return { page: v.p, after: v.k };
}

async function votesOf(db: Db, c: CommentItem): Promise<NativeVote[]> {
  if ((c.up ?? 0) + (c.down ?? 0) === 0) return [];
  const out: NativeVote[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.vote(c.id, '').pk },
        ExclusiveStartKey: start,
      }),
    );
    for (const v of res.Items ?? [])
      if (isVote(v)) out.push({ voter: String(v.sk), value: v.value, createdAt: v.createdAt });
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

/** Reads up to `limit` page items of the site after `afterPage`, in page order. */
async function pagesAfter(db: Db, site: string, afterPage: string | undefined, limit: number) {
  const res = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.sitePagesPk(site) },
      Limit: limit,
      ExclusiveStartKey:
        afterPage === undefined
          ? undefined
          : { ...keys.sitePages(site, afterPage), ...keys.page(site, afterPage) },
    }),
  );
  return {
    pages: (res.Items ?? []).filter(isPage),
    more: res.LastEvaluatedKey !== undefined,
  };
}

/** One chunk of a site's export. */
export async function exportChunk(
  db: Db,
  site: SiteItem,
  cursor: string | undefined,
  limits: ExportLimits,
  now: Date = new Date(),
): Promise<NativeChunk> {
  const pos = parseCursor(cursor);
  const chunk: NativeChunk = {
    format: NATIVE_FORMAT,
    version: NATIVE_VERSION,
    exportedAt: now.toISOString(),
    site: nativeSite(site),
    pages: [],
    comments: [],
    nextCursor: null,
  };
  let bytes = Buffer.byteLength(JSON.stringify(chunk)) + 200;
  const stop = (page: string, after: string) => {
    chunk.nextCursor = encodeCursor({ x: 'export', p: page, k: after });
    return chunk;
  };
  const outOfTime = () => limits.remainingMs() < limits.reserveMs;

  // The page in progress (from the cursor) first, then the pages after it.
  let queue: PageItem[] = [];
  let resume: Position | undefined = pos.page !== undefined && pos.after !== '' ? pos : undefined;
  let lastPage = pos.page;
  if (pos.page !== undefined && pos.after === '') {
    // The cursor names a page not yet started: start at it.
    const { pages } = await pagesFrom(db, site.id, pos.page);
    queue = pages;
  }
  for (;;) {
    if (resume) {
      const done = await readComments(resume.page!, resume.after, false);
      if (done) return done;
      resume = undefined;
    }
    if (queue.length === 0) {
      const next = await pagesAfter(db, site.id, lastPage, 25);
      queue = next.pages;
      if (queue.length === 0) return chunk;
    }
    const page = queue.shift()!;
    lastPage = page.page;
    if (outOfTime() || bytes > limits.maxBytes) return stop(page.page, '');
    const meta = nativePage(page);
    bytes += Buffer.byteLength(JSON.stringify(meta)) + 1;
    chunk.pages.push(meta);
    const done = await readComments(page.page, '', true);
    if (done) return done;
  }

  /** Reads one page's comments after `after`; returns the chunk when it has to stop early. */
  async function readComments(page: string, after: string, fresh: boolean): Promise<NativeChunk | undefined> {
    const pk = keys.pagePk(site.id, page);
    let start: Record<string, unknown> | undefined =
      after && after !== PAGE_META ? { pk, sk: after } : undefined;
    // PAGE_META as position: the page's meta went out, none of its comments yet.
    let last = after || PAGE_META;
    let first = fresh;
    do {
      if (!first && (outOfTime() || bytes > limits.maxBytes)) return stop(page, last);
      first = false;
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
          ExpressionAttributeValues: { ':pk': pk, ':c': COMMENT_SK_PREFIX },
          ExclusiveStartKey: start,
          Limit: 100,
        }),
      );
      for (const item of res.Items ?? []) {
        if (!isComment(item)) continue;
        const out: NativeComment = nativeComment(item, await votesOf(db, item));
        const size = Buffer.byteLength(JSON.stringify(out)) + 1;
        if (bytes + size > limits.maxBytes && chunk.comments.length > 0) return stop(page, last);
        chunk.comments.push(out);
        bytes += size;
        last = item.sk;
        if (outOfTime()) return stop(page, last);
      }
      start = res.LastEvaluatedKey;
    } while (start);
    return undefined;
  }
}

/** Page items from `page` on (inclusive), for a cursor that names a page not yet started. */
async function pagesFrom(db: Db, site: string, page: string) {
  const res = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk >= :from',
      ExpressionAttributeValues: { ':pk': keys.sitePagesPk(site), ':from': page },
      Limit: 25,
    }),
  );
  return { pages: (res.Items ?? []).filter(isPage) };
}
