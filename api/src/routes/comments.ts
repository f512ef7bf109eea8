/** Public comment routes: list a thread, post, edit, delete, vote; and a compose token for a reader who starts writing. */
import { Hono } from 'hono';
import { pageSize } from '../contract/limits.js';
import {
  ComposeQuery,
  EditComment,
  EditTokenHeader,
  IdempotencyHeader,
  IdParam,
  PostComment,
  ThreadQuery,
  Vote,
} from '../contract/requests.js';
import type { Deps } from '../deps.js';
import { clientKey } from '../domain/client.js';
import { createComment } from '../domain/comment/create.js';
import { editComment } from '../domain/comment/edit.js';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import { publicComment, publicPage, publicSettings } from '../domain/present.js';
import { composeToken } from '../domain/spam.js';
import { editToken, keyedHash } from '../domain/tokens.js';
import { ApiError } from '../errors.js';
import { grantOrigin } from '../middleware/cors.js';
import { validate } from '../middleware/validate.js';
import { commentDocs, composeDocs } from '../openapi/operations.js';
import type { CommentItem } from '../store/items.js';
import { isCommentSk } from '../store/keys.js';
import type { Sort } from '../store/threads.js';
import {
  checkAuthor,
  checkEditToken,
  clientFacts,
  commentEnv,
  commentForOrigin,
  requirePage,
  requireSite,
} from './helpers.js';

/**
 * A CDN may keep a thread for 5 s; browsers always revalidate with the ETag (a cheap 304), so a reader
 * never sees a thread without the comment they just posted. No stale-while-revalidate: browsers honour it too.
 */
export const THREAD_CACHE_CONTROL = 'public, max-age=0, s-maxage=5, must-revalidate';

function etagOf(version: number, sort: string, limit: number, cursor: string): string {
  return `"v${version}-${sort}-${limit}-${cursor.length > 0 ? cursor.slice(-16) : '0'}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/** `GET /compose`: a fresh token, asked for when a reader starts writing (a thread file carries none). */
export function composeRoutes(deps: Deps) {
  return new Hono().get('/', composeDocs, validate('query', ComposeQuery), async (c) => {
    const q = c.req.valid('query');
    const site = await requireSite(deps, q.site);
    grantOrigin(c, site);
    const page = requirePage(q.page);
    // Each token carries its own issue time: no cache may hand one reader's token to another.
    c.header('Cache-Control', 'private, no-store');
    return c.json({ composeToken: composeToken(deps.config.secret, site.id, page, deps.now().getTime()) });
  });
}

export function commentRoutes(deps: Deps) {
  const { store, config } = deps;
  const hash = (purpose: string, value: string) => keyedHash(config.secret, purpose, value);

  /** What the author gets back: the comment (pending ones too), its edit token and until when it works. */
  const authored = (c: CommentItem, editWindowSec: number) => ({
    // Spam is answered like a pending comment: the sender learns nothing from the reply.
    comment: publicComment(c.status === 'spam' ? { ...c, status: 'pending' } : c),
    editToken: editToken(config.secret, c.id, c.createdAt),
    editableUntil: new Date(Date.parse(c.createdAt) + editWindowSec * 1000).toISOString(),
  });

  return new Hono()
    .get('/', commentDocs.list, validate('query', ThreadQuery), async (c) => {
      const q = c.req.valid('query');
      const site = await requireSite(deps, q.site);
      grantOrigin(c, site);
      const page = requirePage(q.page);
      const sort: Sort = q.sort ?? 'oldest';
      const limit = pageSize('thread', q.limit);
      const rawCursor = q.cursor ?? '';
      let cursor: string | number | undefined;
      if (rawCursor) {
        const decoded = decodeCursor(rawCursor);
        const value = decoded?.k;
        // A cursor is a position we handed out: an offset into the top list, or a comment's sort key.
        const ok =
          decoded?.s === sort &&
          (sort === 'top' ? Number.isSafeInteger(value) && (value as number) >= 0 : isCommentSk(value));
        if (!ok) {
          throw new ApiError(400, 'invalid_cursor', 'the cursor is not valid for this thread and sort');
        }
        cursor = value;
      }
      c.header('Cache-Control', THREAD_CACHE_CONTROL);
      if (c.req.header('if-none-match')) {
        const version = (await store.threads.version(site.id, page)) ?? 0;
        const etag = etagOf(version, sort, limit, rawCursor);
        if (matches(c.req.header('if-none-match'), etag)) {
          c.header('ETag', etag);
          return c.body(null, 304);
        }
      }
      const result = await store.threads.list(site.id, page, sort, limit, cursor);
      c.header('ETag', etagOf(result.page?.version ?? 0, sort, limit, rawCursor));
      return c.json({
        page: publicPage(site, page, result.page),
        settings: publicSettings(site),
        comments: result.comments.map(publicComment),
        nextCursor: result.next === undefined ? null : encodeCursor({ s: sort, k: result.next }),
        composeToken: composeToken(config.secret, site.id, page, deps.now().getTime()),
      });
    })

    .get(
      '/:id',
      commentDocs.own,
      validate('param', IdParam),
      validate('header', EditTokenHeader),
      async (c) => {
        const { comment, site } = await commentForOrigin(deps, c, c.req.valid('param').id);
        checkAuthor(deps, comment, c.req.valid('header')['x-afterword-edit-token']);
        if (comment.status === 'deleted')
          throw new ApiError(410, 'comment_deleted', 'this comment has been deleted');
        c.header('Cache-Control', 'private, no-store');
        return c.json({ comment: authored(comment, site.editWindowSec).comment });
      },
    )

    .post(
      '/',
      commentDocs.post,
      validate('json', PostComment),
      validate('header', IdempotencyHeader),
      async (c) => {
        const input = c.req.valid('json');
        const site = await requireSite(deps, input.site);
        grantOrigin(c, site);
        const page = requirePage(input.page);
        const { comment, created } = await createComment(commentEnv(deps), {
          source: 'web',
          site,
          page,
          idempotencyKey: c.req.valid('header')['idempotency-key'],
          parentId: input.parentId,
          body: { markdown: input.body },
          author: input.author ?? {},
          client: clientFacts(deps, c),
          title: input.title,
          url: input.url,
          notify: input.notify,
          composeToken: input.composeToken,
          hp: input.hp,
        });
        c.header('Location', `/api/v1/comments/${comment.id}`);
        if (!created) c.header('Idempotent-Replayed', 'true');
        return c.json(authored(comment, site.editWindowSec), comment.status === 'approved' ? 201 : 202);
      },
    )

    .patch(
      '/:id',
      commentDocs.edit,
      validate('param', IdParam),
      validate('header', EditTokenHeader),
      validate('json', EditComment),
      async (c) => {
        const { comment, site } = await commentForOrigin(deps, c, c.req.valid('param').id);
        checkEditToken(deps, site, comment, c.req.valid('header')['x-afterword-edit-token']);
        const edited = await editComment(commentEnv(deps), {
          site,
          comment,
          body: c.req.valid('json').body,
          client: clientFacts(deps, c),
        });
        // Held again (the site's rules): answered like a held post, and shown to its author only.
        const shown = edited.status === 'spam' ? { ...edited, status: 'pending' as const } : edited;
        return c.json({ comment: publicComment(shown) }, edited.status === 'approved' ? 200 : 202);
      },
    )

    .delete(
      '/:id',
      commentDocs.delete,
      validate('param', IdParam),
      validate('header', EditTokenHeader),
      async (c) => {
        const { comment, site } = await commentForOrigin(deps, c, c.req.valid('param').id);
        checkEditToken(deps, site, comment, c.req.valid('header')['x-afterword-edit-token']);
        const placeholder = await store.threads.hasReplies(comment);
        await store.comments.setStatus(comment, 'deleted', deps.now().toISOString(), {
          placeholder,
          wipe: true,
        });
        return c.json({ deleted: true, placeholder });
      },
    )

    .post('/:id/vote', commentDocs.vote, validate('param', IdParam), validate('json', Vote), async (c) => {
      // The voter is keyed per site: the comment's reference names it before the comment is read.
      const client = clientKey(deps.clientIp(c));
      const target = await store.votes.target(c.req.valid('param').id, (site) =>
        hash('voter', `${site}\u0000${client}`),
      );
      if (!target) throw new ApiError(404, 'comment_not_found', 'no such comment to vote on');
      grantOrigin(c, await requireSite(deps, target.comment.site));
      if (target.comment.status !== 'approved')
        throw new ApiError(404, 'comment_not_found', 'no such comment to vote on');
      return c.json(await store.votes.cast(target, c.req.valid('json').value, deps.now().toISOString()));
    });
}
