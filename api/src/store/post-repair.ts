/**
 * `afterword repair` (and `npm start`) for posts whose request died between their writes (post-write.ts) on a
 * page no later post or move repaired: a Scan for pages holding marks, each page's stale marks finished.
 */
import type { Db } from './client.js';
import { isPage } from './items.js';
import { repairPostMarks } from './post-write.js';
import { scanned } from './scan.js';

export function createPostRepair(db: Db) {
  return {
    /** Finishes every stale post mark of the table; returns how many. */
    async finishPosts(nowMs: number): Promise<number> {
      let n = 0;
      const found = scanned(db, {
        FilterExpression: '#type = :page AND attribute_exists(inflight)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':page': 'page' },
      });
      for await (const p of found) if (isPage(p)) n += await repairPostMarks(db, p.site, p.page, nowMs);
      return n;
    },
  };
}

export type PostRepair = ReturnType<typeof createPostRepair>;
