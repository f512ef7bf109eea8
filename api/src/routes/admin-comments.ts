/** Admin comment routes: the filtered queue, status changes (single and bulk), edit, reply, pin. */
import { Hono } from 'hono';
import { LIMITS, pageSize } from '../contract/limits.js';
import {
  AdminBulk,
  AdminEdit,
  AdminIdParam,
  AdminPin,
  AdminQueueQuery,
  AdminReply,
  AdminSetStatus,
} from '../contract/requests.js';
import type { Deps } from '../deps.js';
import { createComment } from '../domain/comment/create.js';
import { decisionExtra, type Reason } from '../domain/comment/decision.js';
import { prepareBody } from '../domain/comment/prepare.js';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import { keyedHash, normalizeEmail } from '../domain/tokens.js';
import { ApiError } from '../errors.js';
import { toApiError } from '../failures.js';
import { assertRole, type ModeratorSession, type SessionEnv } from '../middleware/session.js';
import { validate } from '../middleware/validate.js';
import { adminCommentDocs } from '../openapi/operations.js';
import type { Store } from '../store/index.js';
import type { CommentItem, CommentStatus } from '../store/items.js';
import { isCommentSk, isIndexSk, keys } from '../store/keys.js';
import { pageQueueRange, type QueueFilter } from '../store/moderation.js';
import { logAction } from './admin-log.js';
import { rowContexts } from './admin-refs.js';
import { adminComment, isWiped } from './admin-view.js';
import { clientFacts, commentEnv, requirePage, requireSite } from './helpers.js';

const ACTION_STATUS = { approve: 'approved', spam: 'spam', delete: 'deleted', pending: 'pending' } as const;

/** Decodes a queue cursor and checks it belongs to the partition this filter reads. */
function startKey(f: QueueFilter, raw: string | undefined): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  const k = decodeCursor(raw);
  const index = f.emailHash
    ? { gsi2pk: keys.authorPk(f.site, f.emailHash) }
    : f.page
      ? {}
      : { gsi1pk: keys.queuePk(f.site, f.status ?? 'pending') };
  // Exactly the key a listing hands out: the partition read, a comment's keys, the index's sort key.
  const names = Object.keys(k ?? {}).sort();
  const expected = ['pk', 'sk', ...Object.keys(index).flatMap((n) => [n, n.replace('pk', 'sk')])].sort();
  const ok =
    k !== undefined &&
    names.join() === expected.join() &&
    Object.entries(index).every(([n, v]) => k[n] === v) &&
    (f.page ? k.pk === keys.pagePk(f.site, f.page) : String(k.pk).startsWith(keys.pagePk(f.site, ''))) &&
    isCommentSk(k.sk, f.page ? pageQueueRange(f.status) : 'any') &&
    Object.keys(index).every((n) => isIndexSk(k[n.replace('pk', 'sk')]));
  if (!ok) throw new ApiError(400, 'invalid_cursor', 'the cursor does not belong to this listing');
  return k;
}

/** A comment the session may moderate: 404 when there is none, 403 when it is another site's. */
export async function moderatedComment(
  store: Store,
  session: ModeratorSession,
  id: string,
): Promise<CommentItem> {
  const comment = await store.comments.read(id);
  if (!comment) throw new ApiError(404, 'comment_not_found', `no comment "${id}"`);
  assertRole(session, comment.site);
  return comment;
}

/** Why a move was made: a removal's reason, and whether to tell the author. */
interface Why {
  reason?: Reason | undefined;
  tellAuthor?: boolean | undefined;
}

export function adminCommentRoutes(deps: Deps) {
  const { store } = deps;

  const load = (session: ModeratorSession, id: string) => moderatedComment(store, session, id);

  /**
   * Moves one comment; a moderator's delete keeps the text for the log (no wipe). A comment its author
   * deleted has no text left: it stays deleted (409), so no approve, early or late, publishes it empty.
   * A removal's reason is logged and kept on the comment, where the stream finds it to tell the author.
   */
  async function move(
    session: ModeratorSession,
    c: CommentItem,
    to: CommentStatus,
    why: Why = {},
  ): Promise<CommentItem> {
    if (c.status === to) return c;
    if (isWiped(c))
      throw new ApiError(409, 'conflict', 'its author deleted this comment; it cannot be shown again');
    const now = deps.now().toISOString();
    const placeholder = to === 'deleted' ? await store.threads.hasReplies(c) : undefined;
    const extra = decisionExtra(to, why.reason, why.tellAuthor === true, now);
    const next = await store.comments.setStatus(c, to, now, {
      ...(placeholder === undefined ? {} : { placeholder }),
      ...(extra ? { extra } : {}),
    });
    const d = extra?.decision;
    const reason: Reason | undefined = d ? { code: d.code, ...(d.text ? { text: d.text } : {}) } : undefined;
    await logAction(deps, session, c.site, `status:${to}`, c.id, `from ${c.status}`, undefined, reason);
    return next;
  }

  return new Hono<SessionEnv>()
    .get('/queue', adminCommentDocs.queue, validate('query', AdminQueueQuery), async (c) => {
      const q = c.req.valid('query');
      const session = c.get('session');
      assertRole(session, q.site);
      const author = q.author?.trim();
      const f: QueueFilter = {
        site: q.site,
        status: q.status,
        limit: pageSize('queue', q.limit),
        ...(q.page ? { page: requirePage(q.page) } : {}),
        ...(author?.includes('@')
          ? { emailHash: keyedHash(deps.config.secret, 'email', normalizeEmail(author)) }
          : author
            ? { authorName: author }
            : {}),
        ...(q.q?.trim() ? { q: q.q.trim() } : {}),
      };
      // Without a page or an author the queue index is read, which is per status: default pending.
      if (!f.page && !f.emailHash && !f.status) f.status = 'pending';
      f.after = startKey(f, q.cursor);
      const [result, counts] = await Promise.all([
        store.moderation.queue(f),
        store.moderation.counts(q.site),
      ]);
      const context = await rowContexts(store, q.site, result.comments);
      return c.json({
        comments: result.comments.map((x) => adminComment(x, context.get(x.id))),
        counts,
        nextCursor: result.next ? encodeCursor(result.next as Record<string, string>) : null,
      });
    })

    .post('/comments/bulk', adminCommentDocs.bulk, validate('json', AdminBulk), async (c) => {
      const { ids, action, reason } = c.req.valid('json');
      const session = c.get('session');
      const comments = await Promise.all([...new Set(ids)].map((id) => load(session, id)));
      const results: Array<{ id: string; ok: boolean; status?: CommentStatus; error?: string }> = [];
      for (const comment of comments) {
        try {
          const next = await move(session, comment, ACTION_STATUS[action], { reason });
          results.push({ id: comment.id, ok: true, status: next.status });
        } catch (err) {
          const known = toApiError(err);
          if (!known) throw err;
          results.push({ id: comment.id, ok: false, error: known.code });
        }
      }
      return c.json({ results });
    })

    .post(
      '/comments/:id/status',
      adminCommentDocs.status,
      validate('param', AdminIdParam),
      validate('json', AdminSetStatus),
      async (c) => {
        const session = c.get('session');
        const comment = await load(session, c.req.valid('param').id);
        const { status, reason, tellAuthor } = c.req.valid('json');
        const next = await move(session, comment, status, { reason, tellAuthor });
        return c.json({ comment: adminComment(next) });
      },
    )

    .patch(
      '/comments/:id',
      adminCommentDocs.edit,
      validate('param', AdminIdParam),
      validate('json', AdminEdit),
      async (c) => {
        const session = c.get('session');
        const comment = await load(session, c.req.valid('param').id);
        const site = await store.sites.get(comment.site);
        const { body, html } = prepareBody(
          { markdown: c.req.valid('json').body },
          site?.maxBodyLength ?? LIMITS.body,
        );
        const edited = await store.comments.edit(comment, body, html, deps.now().toISOString());
        await logAction(deps, session, comment.site, 'edit', comment.id);
        return c.json({ comment: adminComment(edited) });
      },
    )

    .post(
      '/comments/:id/reply',
      adminCommentDocs.reply,
      validate('param', AdminIdParam),
      validate('json', AdminReply),
      async (c) => {
        const session = c.get('session');
        let parent = await load(session, c.req.valid('param').id);
        const site = await requireSite(deps, parent.site);
        const body = { markdown: c.req.valid('json').body };
        prepareBody(body, site.maxBodyLength);
        // Replying to a waiting comment approves it: a reply under a hidden comment would dangle.
        if (parent.status === 'pending') parent = await move(session, parent, 'approved');
        if (parent.status !== 'approved')
          throw new ApiError(409, 'conflict', 'only approved comments can be replied to');
        const { comment } = await createComment(commentEnv(deps), {
          source: 'moderator',
          site,
          page: parent.page,
          parentId: parent.id,
          body,
          author: { name: session.name, email: session.email },
          client: clientFacts(deps, c),
        });
        await logAction(deps, session, parent.site, 'reply', comment.id, `to ${parent.id}`);
        return c.json({ comment: adminComment(comment) }, 201);
      },
    )

    .post(
      '/comments/:id/pin',
      adminCommentDocs.pin,
      validate('param', AdminIdParam),
      validate('json', AdminPin),
      async (c) => {
        const session = c.get('session');
        const comment = await load(session, c.req.valid('param').id);
        const { pinned } = c.req.valid('json');
        const next = await store.comments.setStatus(comment, comment.status, deps.now().toISOString(), {
          extra: { pinned },
        });
        await logAction(deps, session, comment.site, pinned ? 'pin' : 'unpin', comment.id);
        return c.json({ comment: adminComment(next) });
      },
    );
}
