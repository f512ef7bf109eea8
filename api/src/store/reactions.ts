/**
 * Reactions: one item per reader, emoji and target (a comment or a page), written together with the target's
 * count of that emoji and its page's version in one transaction. Reacting puts the item on condition it is not
 * there, un-reacting deletes it on condition it is: two clicks at once count once, and a count never goes below
 * zero. With the target's read (reaction-targets.ts) that is three DynamoDB calls, as for a vote.
 */
import type { Db } from './client.js';
import { CommentGoneError, StatusConflictError, ThreadLockedError } from './comments.js';
import type { CommentItem, PageItem, ReactionItem } from './items.js';
import { keys } from './keys.js';
import { pageGrowth } from './page-meta.js';
import { createReactionTargets } from './reaction-targets.js';
import { ConditionFailed, onPageQueue, pageBusy, transactNow } from './tx.js';

/** What a reaction is on, as read: a comment, or a page and its meta (undefined before anything was written to it). */
export type Counted =
  | { kind: 'comment'; comment: CommentItem }
  | { kind: 'page'; site: string; page: string; item: PageItem | undefined };

export interface ReactionChange {
  /** False when the reader already had it (react) or did not (un-react): nothing was written. */
  changed: boolean;
  /** The target's counts per emoji after the write, as read with it. */
  counts: Record<string, number>;
}

const NOT_LOCKED = '(attribute_not_exists(#locked) OR #locked = :false)';

export function createReactionStore(db: Db) {
  const targets = createReactionTargets(db);

  /** The counter's part of the target's update: `SET` clauses, the condition, names and values. */
  function counter(counts: Record<string, number> | undefined, emoji: string, on: boolean) {
    const names = { '#r': 'reactions', '#e': emoji };
    if (!on) {
      if ((counts?.[emoji] ?? 0) > 0)
        return { set: '#r.#e = #r.#e - :one', cond: '#r.#e >= :one', names, values: { ':one': 1 } };
      // Held by no count (one lost to a page move made before moves took reactions along): the item alone goes.
      return {
        set: '',
        cond: '(attribute_not_exists(#r.#e) OR #r.#e < :one)',
        names,
        values: { ':one': 1 },
      };
    }
    // A map must exist before a key of it can be set: the first reaction writes the map whole.
    return counts
      ? {
          set: '#r.#e = if_not_exists(#r.#e, :zero) + :one',
          cond: 'attribute_exists(#r)',
          names,
          values: { ':one': 1, ':zero': 0 },
        }
      : {
          set: '#r = :first',
          cond: 'attribute_not_exists(#r)',
          names: { '#r': 'reactions' },
          values: { ':first': { [emoji]: 1 } },
        };
  }

  /** The writes of one try: the reader's item, the target's count, and (a comment's) its page's version. */
  function writes(t: Counted, emoji: string, reactor: string, on: boolean, now: string) {
    const site = t.kind === 'comment' ? t.comment.site : t.site;
    const page = t.kind === 'comment' ? t.comment.page : t.page;
    const key = keys.reaction(
      t.kind === 'comment' ? { commentId: t.comment.id } : { site, page },
      emoji,
      reactor,
    );
    const item: ReactionItem = {
      type: 'reaction',
      ...key,
      site,
      ...(t.kind === 'comment' ? { commentId: t.comment.id } : {}),
      page,
      emoji,
      reactor,
      createdAt: now,
    };
    const mine = on
      ? { Put: { TableName: db.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }
      : { Delete: { TableName: db.table, Key: key, ConditionExpression: 'attribute_exists(pk)' } };
    const n = counter((t.kind === 'comment' ? t.comment : t.item)?.reactions, emoji, on);
    const version = {
      TableName: db.table,
      Key: keys.page(site, page),
      UpdateExpression: 'SET #version = if_not_exists(#version, :zero) + :one, #updatedAt = :now',
      ConditionExpression: `attribute_exists(pk) AND ${NOT_LOCKED}`,
      ExpressionAttributeNames: { '#version': 'version', '#updatedAt': 'updatedAt', '#locked': 'locked' },
      ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':now': now, ':false': false },
    };
    if (t.kind === 'comment') {
      const target = {
        TableName: db.table,
        Key: { pk: t.comment.pk, sk: t.comment.sk },
        UpdateExpression: `SET ${n.set || '#status = #status'}`,
        ConditionExpression: `#status = :approved AND ${n.cond}`,
        ExpressionAttributeNames: { '#status': 'status', ...n.names },
        ExpressionAttributeValues: { ':approved': 'approved', ...n.values },
      };
      return [mine, { Update: target }, { Update: version }];
    }
    // A page: its meta is made if no comment made it yet (listed on the site's pages like any thread).
    const g = pageGrowth(db.table, { site, page, approved: 0, total: 0, now, unlockedOnly: true });
    const target = {
      ...g,
      UpdateExpression: n.set ? `${g.UpdateExpression}, ${n.set}` : g.UpdateExpression,
      ConditionExpression: `${NOT_LOCKED} AND ${n.cond}`,
      ExpressionAttributeNames: { ...g.ExpressionAttributeNames, ...n.names },
      ExpressionAttributeValues: { ...g.ExpressionAttributeValues, ...n.values },
    };
    return [mine, { Update: target }];
  }

  /** The target as stored now: a comment gone from what readers see, or a locked page, refuses. */
  async function reread(t: Counted): Promise<Counted> {
    if (t.kind === 'comment') {
      const comment = await targets.fresh(t.comment);
      if (comment?.status !== 'approved') throw new CommentGoneError('comment is not shown any more');
      return { kind: 'comment', comment };
    }
    const item = await targets.freshPage(t.site, t.page);
    if (item?.locked) throw new ThreadLockedError('thread is locked');
    return { ...t, item };
  }

  const countsOf = (t: Counted) => ({ ...(t.kind === 'comment' ? t.comment : t.item)?.reactions });

  return {
    ...targets,

    /**
     * Gives the reader `reactor` the reaction `emoji` on the target as read (`on`), or takes it back. The write
     * takes its turn in this process's page queue (tx.ts); when other writes of the page were waiting or the
     * target changed meanwhile, the target is read again in that turn before writing, as votes do.
     */
    async set(t: Counted, emoji: string, reactor: string, on: boolean, now: string): Promise<ReactionChange> {
      const site = t.kind === 'comment' ? t.comment.site : t.site;
      const page = t.kind === 'comment' ? t.comment.page : t.page;
      const pk = keys.page(site, page).pk;
      let stale = pageBusy(pk);
      let current = t;
      for (let attempt = 0; attempt < 5; attempt++) {
        const done = await onPageQueue(pk, async (): Promise<ReactionChange | undefined> => {
          if (stale) current = await reread(current);
          const counts = countsOf(current);
          try {
            await transactNow(db, writes(current, emoji, reactor, on, now));
          } catch (err) {
            if (!(err instanceof ConditionFailed)) throw err;
            // The page's version (a comment's) is conditional on its thread being open.
            if (err.has(2)) throw new ThreadLockedError('thread is locked');
            if (err.has(1)) return undefined;
            // Only the reader's own item: they had it already (react) or had it not (un-react).
            return { changed: false, counts };
          }
          const was = counts[emoji] ?? 0;
          counts[emoji] = on ? was + 1 : Math.max(0, was - 1);
          return { changed: true, counts };
        });
        if (done) return done;
        stale = true;
      }
      throw new StatusConflictError('the reactions kept changing meanwhile');
    },
  };
}

export type ReactionStore = ReturnType<typeof createReactionStore>;
