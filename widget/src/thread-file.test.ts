/** A thread file sorted and paged in the browser as the API pages it: orders, page ends, where an incomplete file hands over. */
import { describe, expect, it } from 'vitest';
import type { Comment } from './api.js';
import {
  cursorAfter,
  fromFile,
  LIVE_MAX_MS,
  LIVE_MS,
  MORE,
  nextWait,
  sorted,
  type ThreadFile,
} from './thread-file.js';

let n = 0;
function c(id: string, score = 0, parentId: string | null = null): Comment {
  const createdAt = new Date(Date.UTC(2026, 0, 1, 0, 0, n++)).toISOString();
  return {
    id,
    parentId,
    depth: parentId ? 1 : 0,
    author: { name: id, avatar: 'abcdef012345' },
    html: id,
    createdAt,
    score,
    status: 'approved',
  };
}

function file(comments: Comment[], complete = true): ThreadFile {
  return {
    format: 1,
    version: 7,
    page: { site: 'blog', page: '/p/', count: comments.length, locked: false },
    settings: { moderation: 'none', editWindowSec: 900, maxDepth: 3, maxBodyLength: 5000 },
    comments,
    complete,
    publishedAt: new Date().toISOString(),
  };
}

const ids = (l: readonly Comment[] | undefined) => l?.map((x) => x.id).join(' ');

describe('a thread from its file', () => {
  const list = [c('a', 1), c('b', 3), c('b1', 3, 'b'), c('d', 0), c('e', 5)];

  it('sorts oldest, newest and top as the API does (top: score, then the older first)', () => {
    expect(ids(sorted(list, 'oldest'))).toBe('a b b1 d e');
    expect(ids(sorted(list, 'newest'))).toBe('e d b1 b a');
    expect(ids(sorted(list, 'top'))).toBe('e b b1 a d');
    expect(ids(list)).toBe('a b b1 d e'); // the file's own list is left as it was
  });

  it('pages a complete file in the browser: more while it holds more, then the end', () => {
    const f = file(list);
    const first = fromFile(f, 'newest', 2);
    expect([ids(first?.comments), first?.nextCursor]).toEqual(['e d', MORE]);
    const all = fromFile(f, 'newest', 4 + 2);
    expect([ids(all?.comments), all?.nextCursor]).toEqual(['e d b1 b a', null]);
    expect(fromFile(f, 'top', 5)?.nextCursor).toBeNull();
    expect(first?.page.count).toBe(5);
  });

  it('hands an incomplete file over to the API: past its end with the cursor after its last comment; other sorts at once', () => {
    const f = file(list.slice(0, 4), false);
    expect(fromFile(f, 'oldest', 2)?.nextCursor).toBe(MORE);
    const end = fromFile(f, 'oldest', 4);
    expect([ids(end?.comments), end?.nextCursor]).toEqual(['a b b1 d', cursorAfter(list[3]!)]);
    expect(fromFile(f, 'newest', 2)).toBeUndefined();
    expect(fromFile(f, 'top', 2)).toBeUndefined();
  });

  it('writes cursors as base64url JSON of the sort and the sort key', () => {
    const x = c('abcdefgh');
    const decoded = JSON.parse(Buffer.from(cursorAfter(x), 'base64url').toString());
    expect(decoded).toEqual({ s: 'oldest', k: `C#${x.createdAt}#abcdefgh` });
    expect(cursorAfter(x)).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe('reading the file again', () => {
  it('waits 15 s, doubling while unchanged up to 5 minutes, back to the first wait on a change', () => {
    const waits = [LIVE_MS];
    for (let i = 0; i < 7; i++) waits.push(nextWait(waits.at(-1)!, false));
    expect(waits.map((w) => w / 1000)).toEqual([15, 30, 60, 120, 240, 300, 300, 300]);
    expect(LIVE_MAX_MS).toBe(300_000);
    expect(nextWait(LIVE_MAX_MS, true)).toBe(LIVE_MS);
    // A test's shorter first wait (the live option) doubles the same way.
    expect([nextWait(300, false, 300), nextWait(2400, true, 300)]).toEqual([600, 300]);
  });
});
