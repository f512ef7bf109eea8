/**
 * `sort=top` from the top index (GSI4, sparse, keys only): a page's listed comments with a non-zero score
 * carry `keys.top` (set by the vote that makes the score non-zero, removed by the one that brings it back
 * to 0, recomputed by every move); a post (score 0) writes none. A top page reads three passes in turn,
 * each going on where the last page stopped (the cursor names the pass and the position in it):
 *  P. positive scores, best first, from the index, their items by key (one BatchGetItem);
 *  Z. zero scores, oldest first: the page's listed range, filtered to the comments the index lacks;
 *  N. negative scores, least bad first, from the index.
 * Bound of one request of `limit` comments, whatever the thread's size: in each of the two index passes
 * at most limit + 1 index entries (keys, a few dozen bytes each) and the comments of `limit` of them by
 * key (limit in all unless entries went stale: 2 × limit at worst), at most limit + TOP_SKIP items of the
 * listed range in the zero pass, one index entry to see whether a negative pass follows, and the page
 * meta: 5 × limit + TOP_SKIP + 4 items at the very most (top-capacity.test.ts measures it). The zero
 * pass stops there even when the voted comments it skips leave the page short: a page may then hold
 * fewer than `limit` comments (even none) and a cursor.
 * Order: score descending, then oldest first (createdAt, then id), replies and placeholders among the
 * rest, as the ranking of the whole listed range did before the index.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { type CommentItem, isComment } from './items.js';
import {
  COMMENT_SK_PREFIX,
  isCommentSk,
  isListedSk,
  isListedState,
  isTopSk,
  keys,
  PAGE_SK_END,
  topRank,
} from './keys.js';
import { LISTED_FILTER, LISTED_NAMES, LISTED_VALUES } from './listed.js';
import { itemsOf } from './lookup.js';

/** Listed items of other scores the zero pass may read past in one request, beyond the page's size. */
export const TOP_SKIP = 100;

type Pass = 'P' | 'Z' | 'N';

/**
 * A top cursor as this module hands them out: the pass, then where in it to go on after (an index sort
 * key for P and N, a listed sort key for Z; nothing for the start of Z or N).
 */
export function isTopCursor(k: unknown): k is string {
  if (typeof k !== 'string' || k.length < 1) return false;
  const pass = k[0];
  const at = k.slice(1);
  if (pass === 'Z') return at === '' || isCommentSk(at, 'listed');
  if (pass === 'N') return at === '' || (isTopSk(at) && at > topRank(0));
  return pass === 'P' && isTopSk(at) && at < topRank(0);
}

/** `c` with the top index keys its state calls for: present while listed with a non-zero score, else none. */
export function withTopKeys<T extends CommentItem>(c: T): T {
  const { gsi4pk: _pk, gsi4sk: _sk, ...rest } = c;
  if (!isListedSk(c.sk) || c.score === 0) return rest as T;
  return { ...rest, ...keys.top(c.site, c.page, c.score, c.createdAt, c.id) } as T;
}

/** The clauses of an update of a listed comment `c` to `score` that keep its top index keys right. */
export function topClauses(c: CommentItem, score: number): { set: string; remove: string; values: object } {
  if (score === 0) return { set: '', remove: ' REMOVE gsi4pk, gsi4sk', values: {} };
  const k = keys.top(c.site, c.page, score, c.createdAt, c.id);
  return {
    set: ', gsi4pk = :tpk, gsi4sk = :tsk',
    remove: '',
    values: { ':tpk': k.gsi4pk, ':tsk': k.gsi4sk },
  };
}

/** Comments of a page in top order, a page at a time. */
export function createTopReader(db: Db) {
  /** Up to `n` comments of an index pass after index sort key `after`; `next` when the pass goes on. */
  async function indexed(site: string, page: string, pass: 'P' | 'N', n: number, after: string) {
    const zero = topRank(0);
    // Past a cursor, every key above it (a positive pass stops where the negative ones begin).
    const [op, at] = after ? ['>', after] : pass === 'P' ? ['<', zero] : ['>', `${zero}~`];
    const res = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        IndexName: 'gsi4',
        KeyConditionExpression: `gsi4pk = :pk AND gsi4sk ${op} :at`,
        ExpressionAttributeValues: { ':pk': keys.topPk(site, page), ':at': at },
        Limit: n + 1,
      }),
    );
    const read = res.Items ?? [];
    const inPass = read.filter((e) => pass === 'N' || String(e.gsi4sk) < zero);
    const entries = inPass.slice(0, n);
    const more = inPass.length > n || (res.LastEvaluatedKey !== undefined && inPass.length === read.length);
    const comments = (await itemsOf(db, entries)).filter(
      (c): c is CommentItem =>
        isComment(c) &&
        isListedSk(c.sk) &&
        isListedState(c.status, c.placeholder) &&
        (pass === 'P' ? c.score > 0 : c.score < 0),
    );
    const last = entries.at(-1)?.gsi4sk;
    return { comments, next: more && typeof last === 'string' ? last : undefined };
  }

  /** Up to `n` zero-score listed comments after listed sort key `after`, reading at most n + TOP_SKIP items. */
  async function zeros(site: string, page: string, n: number, after: string) {
    const pk = keys.pagePk(site, page);
    const comments: CommentItem[] = [];
    let budget = n + TOP_SKIP;
    let start: Record<string, unknown> | undefined = after ? { pk, sk: after } : undefined;
    for (let round = 0; round < 8 && budget > 0 && comments.length < n; round++) {
      const limit = Math.min(budget, n - comments.length);
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
          FilterExpression: `(${LISTED_FILTER}) AND attribute_not_exists(gsi4pk)`,
          ExpressionAttributeNames: LISTED_NAMES,
          ExpressionAttributeValues: {
            ':pk': pk,
            ':lo': COMMENT_SK_PREFIX,
            ':hi': PAGE_SK_END,
            ...LISTED_VALUES,
          },
          ExclusiveStartKey: start,
          Limit: limit,
        }),
      );
      budget -= res.ScannedCount ?? limit;
      for (const item of res.Items ?? []) if (isComment(item)) comments.push(item);
      start = res.LastEvaluatedKey;
      if (!start) break;
    }
    return { comments, next: start ? String(start.sk) : undefined };
  }

  /** Whether the negative pass holds anything (one index entry read). */
  async function anyNegative(site: string, page: string): Promise<boolean> {
    const res = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk > :zero',
        ExpressionAttributeValues: { ':pk': keys.topPk(site, page), ':zero': `${topRank(0)}~` },
        Limit: 1,
      }),
    );
    return (res.Items?.length ?? 0) > 0;
  }

  return {
    /** Up to `limit` comments from `cursor` (a checked `isTopCursor`, or none for the first page). */
    async list(
      site: string,
      page: string,
      limit: number,
      cursor?: string,
    ): Promise<{ comments: CommentItem[]; next: string | undefined }> {
      let pass: Pass = (cursor?.[0] as Pass | undefined) ?? 'P';
      let at = cursor?.slice(1) ?? '';
      const out: CommentItem[] = [];
      for (;;) {
        const need = limit - out.length;
        if (pass === 'Z') {
          const r = await zeros(site, page, need, at);
          out.push(...r.comments);
          if (r.next) return { comments: out, next: `Z${r.next}` };
          if (out.length >= limit)
            return { comments: out, next: (await anyNegative(site, page)) ? 'N' : undefined };
          pass = 'N';
        } else {
          const r = await indexed(site, page, pass, need, at);
          out.push(...r.comments);
          if (r.next) return { comments: out, next: `${pass}${r.next}` };
          if (pass === 'N') return { comments: out, next: undefined };
          if (out.length >= limit) return { comments: out, next: 'Z' };
          pass = 'Z';
        }
        at = '';
      }
    },
  };
}
