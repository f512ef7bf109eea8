/**
 * Writing comments: create (idempotent, four plain writes: post-write.ts), edit, status changes and votes, each
 * one transaction.
 * A comment lives in its page's listed range (`C#…`) or hidden range (`H#…`, see keys.ts). A status
 * change or an edit that crosses ranges moves the item: one strongly consistent GetItem of the comment,
 * then one transaction of four writes (delete the old item on the condition that its status, votes
 * and edit time are still the ones read; put the new one; put the locator with its new `commentSk`;
 * update the page meta): about 8 write units for a 1 KB comment instead of 4 for an update in place.
 * The new item carries `moved` (the status and edit time it had) so the stream's insert is read as
 * the change it is, not as a new comment.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { type CommentItem, type CommentStatus, isComment, isCommentRef } from './items.js';
import { isListedSk, isListedState, keys } from './keys.js';
import { createPostWriter, repairPostMarks, ThreadLockedError } from './post-write.js';
import { merged, type PrivateField, privatePart, publicPart, refUpdate } from './private.js';
import { withTopKeys } from './top.js';
import { ConditionFailed, transact } from './tx.js';

export type NewComment = Omit<CommentItem, 'type' | 'pk' | 'sk' | 'score' | 'up' | 'down'>;

export interface PageInfo {
  /** The title as the poster's browser claims it (never shown as the page's title). */
  claimedTitle?: string | undefined;
  /** The page's URL, already checked to be on one of the site's origins. */
  url?: string | undefined;
}

export { ThreadLockedError };
export class StatusConflictError extends Error {}
export class CommentGoneError extends Error {}

/** The page-meta update that goes with every visible change: bump the version, adjust the count. */
export function pageUpdate(db: Db, site: string, page: string, countDelta: number, now: string) {
  return {
    Update: {
      TableName: db.table,
      Key: keys.page(site, page),
      UpdateExpression:
        'SET #count = if_not_exists(#count, :zero) + :delta, #version = if_not_exists(#version, :zero) + :one, #updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#count': 'count', '#version': 'version', '#updatedAt': 'updatedAt' },
      ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':delta': countDelta, ':now': now },
    },
  };
}

/**
 * The stored item of a new comment, with its keys and index keys (votes counted apart; the top index
 * keys only for an imported one with a score: a post writes none).
 */
export function commentItem(input: NewComment, votes = { up: 0, down: 0 }): CommentItem {
  return withTopKeys({
    ...input,
    type: 'comment',
    ...keys.comment(
      input.site,
      input.page,
      input.createdAt,
      input.id,
      isListedState(input.status, input.placeholder),
    ),
    score: votes.up - votes.down,
    up: votes.up,
    down: votes.down,
    ...keys.queue(input.site, input.status, input.createdAt, input.id),
    ...(input.emailHash ? keys.author(input.site, input.emailHash, input.createdAt, input.id) : {}),
  });
}

/**
 * The writes that move comment `from` (as read) to its new item `to` (another range, or another page);
 * the locator follows, and takes the private fields `to` holds (less `remove`, see private.ts).
 */
export function moveWrites(db: Db, from: CommentItem, to: CommentItem, remove: readonly PrivateField[] = []) {
  // Nothing changed since the read (the new item is built from it): status, votes, reactions, edit time.
  const checked = ['status', 'score', 'up', 'down', 'reactions', 'editedAt'] as const;
  const names = Object.fromEntries(checked.map((k) => [`#${k}`, k]));
  const values: Record<string, unknown> = {};
  const conditions = checked.map((k) => {
    if (from[k] === undefined) return `attribute_not_exists(#${k})`;
    values[`:${k}`] = from[k];
    return `#${k} = :${k}`;
  });
  return [
    {
      Delete: {
        TableName: db.table,
        Key: { pk: from.pk, sk: from.sk },
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    // The top index keys follow the new item's range and page (a hidden comment has none).
    {
      Put: {
        TableName: db.table,
        Item: publicPart(withTopKeys(to)),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    refUpdate(db, to, remove),
  ];
}

/** `c` with its keys for the range its new state belongs to, marked with the state it moved from. */
function relocated(c: CommentItem, from: CommentItem): CommentItem {
  return {
    ...c,
    ...keys.comment(c.site, c.page, c.createdAt, c.id, isListedState(c.status, c.placeholder)),
    moved: { from: from.status, ...(from.editedAt ? { editedAt: from.editedAt } : {}) },
  };
}

export function createCommentWriter(db: Db) {
  // A retry finishing an attempt's writes builds the item that attempt wrote: its status and time, so its keys.
  const posts = createPostWriter(db, (c, m) =>
    commentItem({ ...c, status: m.status, createdAt: m.createdAt }),
  );
  /** The comment as stored now, still in the status `c` was read in (else a conflict). */
  async function stored(c: CommentItem): Promise<CommentItem> {
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.table, Key: { pk: c.pk, sk: c.sk }, ConsistentRead: true }),
    );
    if (!isComment(Item) || Item.status !== c.status)
      throw new StatusConflictError('comment changed meanwhile');
    // The item holds no private fields (store/private.ts): they come with `c`, as read.
    return { ...privatePart(c), ...Item };
  }

  /** Moves `from` to `to` (another range) with the page's update, all or nothing. */
  async function moveTransaction(
    from: CommentItem,
    to: CommentItem,
    page: ReturnType<typeof pageUpdate>,
    remove: readonly PrivateField[] = [],
  ): Promise<void> {
    try {
      await transact(db, [...moveWrites(db, from, to, remove), page]);
    } catch (err) {
      if (err instanceof ConditionFailed && (err.has(0) || err.has(1)))
        throw new StatusConflictError('comment changed meanwhile');
      throw err;
    }
  }

  return {
    /**
     * Creates a comment, its locator and the page's counters in one transaction.
     * Returns `created: false` with the stored comment when the id already exists (a retry).
     */
    async create(input: NewComment, info: PageInfo): Promise<{ comment: CommentItem; created: boolean }> {
      return posts.write(commentItem(input), {
        site: input.site,
        page: input.page,
        approved: input.status === 'approved' ? 1 : 0,
        total: 1,
        now: input.createdAt,
        claimedTitle: info.claimedTitle,
        url: info.url,
        unlockedOnly: true,
      });
    },

    /** Finishes the posts to a page whose requests died between their writes (post-write.ts). */
    repairPosts: (site: string, page: string, nowMs: number) => repairPostMarks(db, site, page, nowMs),

    /** Reads a comment by id, strongly consistent, with its private record. */
    async read(id: string): Promise<CommentItem | undefined> {
      const ref = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: keys.commentRef(id), ConsistentRead: true }),
      );
      const r = ref.Item;
      if (!isCommentRef(r)) return undefined;
      const { Item } = await db.doc.send(
        new GetCommand({
          TableName: db.table,
          Key: { pk: keys.pagePk(r.site, r.page), sk: r.commentSk },
          ConsistentRead: true,
        }),
      );
      return isComment(Item) ? merged(Item, r) : undefined;
    },

    /**
     * Replaces the body of a comment still in its status; bumps the thread version. `next` may hold
     * it again (an edit runs the post rules): the status and queue move and the count follows (and the
     * item moves to the hidden range when it leaves the listed one).
     */
    async edit(
      c: CommentItem,
      body: string,
      html: string,
      now: string,
      next: { status?: CommentStatus; spamReasons?: string[] } = {},
    ): Promise<CommentItem> {
      const to = next.status ?? c.status;
      const queue = keys.queue(c.site, to, c.createdAt, c.id);
      const delta = (to === 'approved' ? 1 : 0) - (c.status === 'approved' ? 1 : 0);
      const apply = (base: CommentItem): CommentItem => ({
        ...base,
        body,
        html,
        editedAt: now,
        ...(to !== base.status ? { status: to, gsi1pk: queue.gsi1pk, statusAt: now } : {}),
        ...(next.spamReasons?.length ? { spamReasons: next.spamReasons } : {}),
      });
      if (isListedState(to, c.placeholder) !== isListedSk(c.sk)) {
        const from = await stored(c);
        const moved = relocated(apply(from), from);
        await moveTransaction(from, moved, pageUpdate(db, c.site, c.page, delta, now));
        return moved;
      }
      const sets = ['html = :html', 'editedAt = :now'];
      const values: Record<string, unknown> = {
        ':html': html,
        ':now': now,
        ':status': c.status,
      };
      if (to !== c.status) {
        sets.push('#status = :to', 'gsi1pk = :q', 'statusAt = :now');
        Object.assign(values, { ':to': to, ':q': queue.gsi1pk });
      }
      if (next.spamReasons?.length) {
        sets.push('spamReasons = :reasons');
        values[':reasons'] = next.spamReasons;
      }
      try {
        await transact(db, [
          {
            Update: {
              TableName: db.table,
              Key: { pk: c.pk, sk: c.sk },
              // An item written before the split held its markdown: it moves to the record.
              UpdateExpression: `SET ${sets.join(', ')} REMOVE #body`,
              ConditionExpression: '#status = :status',
              ExpressionAttributeNames: { '#status': 'status', '#body': 'body' },
              ExpressionAttributeValues: values,
            },
          },
          refUpdate(db, { ...c, body }),
          pageUpdate(db, c.site, c.page, delta, now),
        ]);
      } catch (err) {
        if (err instanceof ConditionFailed && err.has(0))
          throw new StatusConflictError('comment changed meanwhile');
        throw err;
      }
      return apply(c);
    },

    /**
     * Moves a comment from its current status to `to` (conditional on the status read), keeping the
     * page count right; across ranges (listed ↔ hidden) the item itself moves, in the same transaction.
     * `wipe` removes the author's data and text (an author's own delete).
     */
    async setStatus(
      c: CommentItem,
      to: CommentStatus,
      now: string,
      opts: { placeholder?: boolean; wipe?: boolean; extra?: Record<string, unknown> } = {},
    ): Promise<CommentItem> {
      const delta = (to === 'approved' ? 1 : 0) - (c.status === 'approved' ? 1 : 0);
      const queue = keys.queue(c.site, to, c.createdAt, c.id);
      const removes = opts.wipe
        ? ['authorEmail', 'authorWebsite', 'emailHash', 'gsi2pk', 'gsi2sk', 'notify', '#body']
        : [];
      const privateRemoves: PrivateField[] = opts.wipe ? ['authorEmail'] : [];
      const apply = (base: CommentItem): CommentItem => {
        const next: CommentItem = {
          ...base,
          ...(opts.extra ?? {}),
          status: to,
          gsi1pk: queue.gsi1pk,
          statusAt: now,
        };
        if (opts.placeholder !== undefined) next.placeholder = opts.placeholder;
        if (opts.wipe) {
          // `wiped`: the text is gone for good, so no approve or restore may publish what is left.
          Object.assign(next, { body: '', html: '', authorName: '', wiped: true });
          for (const k of removes) delete (next as unknown as Record<string, unknown>)[k.replace('#', '')];
          next.body = '';
        }
        return next;
      };
      if (isListedState(to, opts.placeholder ?? c.placeholder) !== isListedSk(c.sk)) {
        const from = await stored(c);
        const moved = relocated(apply(from), from);
        await moveTransaction(from, moved, pageUpdate(db, c.site, c.page, delta, now), privateRemoves);
        return moved;
      }
      const sets = ['#status = :to', 'gsi1pk = :q', 'statusAt = :now'];
      const values: Record<string, unknown> = {
        ':to': to,
        ':q': queue.gsi1pk,
        ':now': now,
        ':from': c.status,
      };
      const names: Record<string, string> = { '#status': 'status' };
      if (opts.placeholder !== undefined) {
        sets.push('placeholder = :ph');
        values[':ph'] = opts.placeholder;
      }
      for (const [i, [k, v]] of Object.entries(opts.extra ?? {}).entries()) {
        sets.push(`#x${i} = :x${i}`);
        names[`#x${i}`] = k;
        values[`:x${i}`] = v;
      }
      if (opts.wipe) {
        sets.push('html = :empty', 'authorName = :empty', 'wiped = :wiped');
        names['#body'] = 'body';
        values[':empty'] = '';
        values[':wiped'] = true;
      }
      try {
        await transact(db, [
          {
            Update: {
              TableName: db.table,
              Key: { pk: c.pk, sk: c.sk },
              UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
              ConditionExpression: '#status = :from',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            },
          },
          ...(opts.wipe ? [refUpdate(db, { ...c, body: '' }, privateRemoves)] : []),
          pageUpdate(db, c.site, c.page, delta, now),
        ]);
      } catch (err) {
        if (err instanceof ConditionFailed && err.has(0))
          throw new StatusConflictError('comment status changed meanwhile');
        throw err;
      }
      return apply(c);
    },
  };
}

export type CommentWriter = ReturnType<typeof createCommentWriter>;
