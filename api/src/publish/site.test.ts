/** The site file from lagging indexes: the pages just published (read strongly consistent) correct them. */
import { expect, it } from 'vitest';
import type { CommentItem, PageItem, SiteItem } from '../store/items.js';
import { siteFile, withFresh } from './site.js';

const page = (p: string, count: number, version: number) =>
  ({ type: 'page', site: 'blog', page: p, count, version, total: count }) as PageItem;
const comment = (id: string, p: string, at: string, status: CommentItem['status'] = 'approved') =>
  ({
    type: 'comment',
    id,
    site: 'blog',
    page: p,
    parentId: null,
    depth: 0,
    html: `<p>${id}</p>`,
    authorName: 'N',
    authorEmail: 'n@example.com',
    avatar: 's',
    status,
    score: 0,
    createdAt: at,
  }) as CommentItem;

it('takes the fresh meta and comments of published pages over what the indexes still say', () => {
  const indexed = [page('/a/', 1, 4), page('/b/', 5, 9), page('/gone/', 2, 3)];
  const recentIndexed = [
    comment('old-b', '/b/', '2026-01-03T00:00:00Z'),
    comment('deleted-a', '/a/', '2026-01-02T00:00:00Z'),
  ];
  const fresh = [
    // /a/: a new comment the indexes do not have yet, and the deleted one no longer listed.
    { page: '/a/', item: page('/a/', 1, 6), comments: [comment('new-a', '/a/', '2026-01-04T00:00:00Z')] },
    { page: '/gone/', item: undefined, comments: [] },
  ];
  const merged = withFresh(indexed, recentIndexed, fresh);
  expect(merged.recent.map((c) => c.id)).toEqual(['new-a', 'old-b']);
  const file = siteFile(
    { id: 'blog', moderation: 'none', editWindowSec: 1, maxDepth: 2, maxBodyLength: 3 } as SiteItem,
    merged.pages,
    merged.recent,
    new Date(0),
  );
  expect(file.counts).toEqual({ '/a/': 1, '/b/': 5 });
  expect(file.version).toBe(6 + 9);
  expect(JSON.stringify(file)).not.toContain('n@example.com');
  // An index newer than the fresh read (a later change already indexed) is kept.
  expect(
    withFresh([page('/a/', 3, 8)], [], [{ page: '/a/', item: page('/a/', 1, 6), comments: [] }]).pages[0]!
      .count,
  ).toBe(3);
});
