/** Writing comments: create (idempotent), edit, status changes and votes, each one transaction. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { type CommentItem, type CommentStatus, isComment, isCommentRef, isVote } from './items.js';
import { keys } from './keys.js';
import { pageGrowth } from './page-meta.js';
import { ConditionFailed, transact } from './tx.js';

export type NewComment = Omit<CommentItem, 'type' | 'pk' | 'sk' | 'score' | 'up' | 'down'>;

export interface PageInfo {
  /** The title as the poster's browser claims it (never shown as the page's title). */
  claimedTitle?: string | undefined;
  /** The page's URL, already checked to be on one of the site's origins. */
  url?: string | undefined;
}

export class ThreadLockedError extends Error {}
export class StatusConflictError extends Error {}
export class CommentGoneError extends Error {}

/** The page-meta update that goes with every visible change: bump the version, adjust the count. */
function pageUpdate(db: Db, site: string, page: string, countDelta: number, now: string) {
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

/** The stored item of a new comment, with its keys and index keys (votes counted apart). */
export function commentItem(input: NewComment, votes = { up: 0, down: 0 }): CommentItem {
  return {
    ...input,
    type: 'comment',
    ...keys.comment(input.site, input.page, input.createdAt, input.id),
    score: votes.up - votes.down,
    up: votes.up,
    down: votes.down,
    ...keys.queue(input.site, input.status, input.createdAt, input.id),
    ...(input.emailHash ? keys.author(input.site, input.emailHash, input.createdAt, input.id) : {}),
  };
}

/** The locator of a comment: id → page (also the guard that makes every create happen once). */
export function commentRefItem(c: CommentItem) {
  return {
    type: 'commentRef',
    ...keys.commentRef(c.id),
    id: c.id,
    site: c.site,
    page: c.page,
    commentSk: c.sk,
  };
}

export function createCommentWriter(db: Db) {
  return {
    /**
     * Creates a comment, its locator and the page's counters in one transaction.
     * Returns `created: false` with the stored comment when the id already exists (a retry).
     */
    async create(input: NewComment, info: PageInfo): Promise<{ comment: CommentItem; created: boolean }> {
      const comment = commentItem(input);
      try {
        await transact(db, [
          {
            Put: {
              TableName: db.table,
              Item: commentRefItem(comment),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: db.table, Item: comment, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Update: pageGrowth(db.table, {
              site: input.site,
              page: input.page,
              approved: input.status === 'approved' ? 1 : 0,
              total: 1,
              now: input.createdAt,
              claimedTitle: info.claimedTitle,
              url: info.url,
              unlockedOnly: true,
            }),
          },
        ]);
        return { comment, created: true };
      } catch (err) {
        if (!(err instanceof ConditionFailed)) throw err;
        if (err.has(0)) {
          const existing = await this.read(input.id);
          if (existing) return { comment: existing, created: false };
        }
        if (err.has(2)) throw new ThreadLockedError('thread is locked');
        throw err;
      }
    },

    /** Reads a comment by id, strongly consistent. */
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
      return isComment(Item) ? Item : undefined;
    },

    /**
     * Replaces the body of a comment still in its status; bumps the thread version. `next` may hold
     * it again (an edit runs the post rules): the status and queue move and the count follows.
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
      const sets = ['#body = :body', 'html = :html', 'editedAt = :now'];
      const values: Record<string, unknown> = {
        ':body': body,
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
      const delta = (to === 'approved' ? 1 : 0) - (c.status === 'approved' ? 1 : 0);
      try {
        await transact(db, [
          {
            Update: {
              TableName: db.table,
              Key: { pk: c.pk, sk: c.sk },
              UpdateExpression: `SET ${sets.join(', ')}`,
              ConditionExpression: '#status = :status',
              ExpressionAttributeNames: { '#status': 'status', '#body': 'body' },
              ExpressionAttributeValues: values,
            },
          },
          pageUpdate(db, c.site, c.page, delta, now),
        ]);
      } catch (err) {
        if (err instanceof ConditionFailed && err.has(0))
          throw new StatusConflictError('comment changed meanwhile');
        throw err;
      }
      return {
        ...c,
        body,
        html,
        editedAt: now,
        ...(to !== c.status ? { status: to, gsi1pk: queue.gsi1pk, statusAt: now } : {}),
        ...(next.spamReasons?.length ? { spamReasons: next.spamReasons } : {}),
      };
    },

    /**
     * Moves a comment from its current status to `to` (conditional on the status read), keeping the
     * page count right. `wipe` removes the author's data and text (an author's own delete).
     */
    async setStatus(
      c: CommentItem,
      to: CommentStatus,
      now: string,
      opts: { placeholder?: boolean; wipe?: boolean; extra?: Record<string, unknown> } = {},
    ): Promise<CommentItem> {
      const delta = (to === 'approved' ? 1 : 0) - (c.status === 'approved' ? 1 : 0);
      const queue = keys.queue(c.site, to, c.createdAt, c.id);
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
      const removes = opts.wipe
        ? ['authorEmail', 'authorWebsite', 'emailHash', 'gsi2pk', 'gsi2sk', 'notify']
        : [];
      if (opts.wipe) {
        sets.push('#body = :empty', 'html = :empty', 'authorName = :empty');
        names['#body'] = 'body';
        values[':empty'] = '';
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
          pageUpdate(db, c.site, c.page, delta, now),
        ]);
      } catch (err) {
        if (err instanceof ConditionFailed && err.has(0))
          throw new StatusConflictError('comment status changed meanwhile');
        throw err;
      }
      const next: CommentItem = {
        ...c,
        ...(opts.extra ?? {}),
        status: to,
        gsi1pk: queue.gsi1pk,
        statusAt: now,
      };
      if (opts.placeholder !== undefined) next.placeholder = opts.placeholder;
      if (opts.wipe) {
        Object.assign(next, { body: '', html: '', authorName: '' });
        for (const k of removes) delete (next as unknown as Record<string, unknown>)[k];
      }
      return next;
    },

    /** Sets one voter's vote (1, -1 or 0 to withdraw) on an approved comment; returns its score. */
    async vote(c: CommentItem, voterHash: string, value: 1 | -1 | 0, now: string) {
      const key = keys.vote(c.id, voterHash);
      for (let attempt = 0; attempt < 5; attempt++) {
        const { Item } = await db.doc.send(
          new GetCommand({ TableName: db.table, Key: key, ConsistentRead: true }),
        );
        const old = isVote(Item) ? Item.value : 0;
        if (old !== value) {
          const up = (value === 1 ? 1 : 0) - (old === 1 ? 1 : 0);
          const down = (value === -1 ? 1 : 0) - (old === -1 ? 1 : 0);
          const voteWrite =
            value === 0
              ? {
                  Delete: {
                    TableName: db.table,
                    Key: key,
                    ConditionExpression: '#v = :old',
                    ExpressionAttributeNames: { '#v': 'value' },
                    ExpressionAttributeValues: { ':old': old },
                  },
                }
              : {
                  Put: {
                    TableName: db.table,
                    Item: { type: 'vote', ...key, commentId: c.id, value, createdAt: now },
                    ConditionExpression: old === 0 ? 'attribute_not_exists(pk)' : '#v = :old',
                    ...(old === 0
                      ? {}
                      : {
                          ExpressionAttributeNames: { '#v': 'value' },
                          ExpressionAttributeValues: { ':old': old },
                        }),
                  },
                };
          try {
            await transact(db, [
              voteWrite,
              {
                Update: {
                  TableName: db.table,
                  Key: { pk: c.pk, sk: c.sk },
                  UpdateExpression: 'SET score = score + :d, #up = #up + :u, #down = #down + :n',
                  ConditionExpression: '#status = :approved',
                  ExpressionAttributeNames: { '#status': 'status', '#up': 'up', '#down': 'down' },
                  ExpressionAttributeValues: {
                    ':d': value - old,
                    ':u': up,
                    ':n': down,
                    ':approved': 'approved',
                  },
                },
              },
              pageUpdate(db, c.site, c.page, 0, now),
            ]);
          } catch (err) {
            if (err instanceof ConditionFailed && err.has(0)) continue;
            if (err instanceof ConditionFailed && err.has(1))
              throw new CommentGoneError('comment is not approved');
            throw err;
          }
        }
        const fresh = await this.read(c.id);
        return { score: fresh?.score ?? c.score, up: fresh?.up ?? c.up, down: fresh?.down ?? c.down, value };
      }
      throw new StatusConflictError('vote kept changing meanwhile');
    },
  };
}

export type CommentWriter = ReturnType<typeof createCommentWriter>;
