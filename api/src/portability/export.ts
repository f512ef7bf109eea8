/**
 * Reads a site's comments for export in chunks: the site's pages in page order, each page's comments
 * oldest first, stopping at a byte budget or when time runs short and handing back a cursor.
 */
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import { Refusal } from '../domain/failure.js';
import type { Store } from '../store/index.js';
import type { CommentItem, PageItem, SiteItem } from '../store/items.js';
import { COMMENT_SK_PREFIX, HIDDEN_SK_PREFIX, PAGE_META } from '../store/keys.js';
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

/** The store's reads an export needs. */
export type ExportSource = Pick<Store, 'pages' | 'threads' | 'votes' | 'lookup'>;

/** Lambda answers at most 6 MB: stay well under it. */
export const EXPORT_CHUNK_BYTES = 4 * 1024 * 1024;

interface Position {
  /** The page being read (undefined: start from the first page). */
  page?: string;
  /** Last comment sort key read on that page ('' = page not started). */
  after: string;
}

function parseCursor(cursor: string | undefined): Position {
  if (!cursor) return { after: '' };
  const v = decodeCursor(cursor);
  if (v?.x !== 'export' || typeof v.p !== 'string' || typeof v.k !== 'string') {
    throw new Refusal('invalid_cursor', 'the cursor is not an export cursor');
  }
  const known =
    v.k === '' || v.k === PAGE_META || v.k.startsWith(COMMENT_SK_PREFIX) || v.k.startsWith(HIDDEN_SK_PREFIX);
  if (!known) throw new Refusal('invalid_cursor', 'the cursor is damaged');
  return { page: v.p, after: v.k };
}

async function votesOf(store: ExportSource, c: CommentItem): Promise<NativeVote[]> {
  if ((c.up ?? 0) + (c.down ?? 0) === 0) return [];
  return (await store.votes.of(c.id)).map((v) => ({ voter: v.sk, value: v.value, createdAt: v.createdAt }));
}

/** One chunk of a site's export. */
export async function exportChunk(
  store: ExportSource,
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
    const { pages } = await store.pages.from(site.id, pos.page, 25);
    queue = pages;
  }
  for (;;) {
    if (resume) {
      const done = await readComments(resume.page!, resume.after, false);
      if (done) return done;
      resume = undefined;
    }
    if (queue.length === 0) {
      const next = await store.pages.after(site.id, lastPage, 25);
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
    let start: string | undefined = after && after !== PAGE_META ? after : undefined;
    // PAGE_META as position: the page's meta went out, none of its comments yet.
    let last = after || PAGE_META;
    let first = fresh;
    do {
      if (!first && (outOfTime() || bytes > limits.maxBytes)) return stop(page, last);
      first = false;
      const res = await store.threads.commentsAfter(site.id, page, start, 100);
      for (const item of await store.lookup.withPrivate(res.comments)) {
        const out: NativeComment = nativeComment(item, await votesOf(store, item));
        const size = Buffer.byteLength(JSON.stringify(out)) + 1;
        if (bytes + size > limits.maxBytes && chunk.comments.length > 0) return stop(page, last);
        chunk.comments.push(out);
        bytes += size;
        last = item.sk;
        if (outOfTime()) return stop(page, last);
      }
      start = res.next;
    } while (start);
    return undefined;
  }
}
