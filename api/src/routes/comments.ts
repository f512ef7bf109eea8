/** Public comment writes and the author's own comment: post, read one's own, edit, delete, vote (loaded on the first of them). */
import { Hono } from 'hono';
import {
  EditComment,
  EditTokenHeader,
  IdempotencyHeader,
  IdParam,
  PostComment,
  Vote,
} from '../contract/requests.js';
import type { Deps } from '../deps.js';
import { clientKey } from '../domain/client.js';
import { createComment } from '../domain/comment/create.js';
import { editComment } from '../domain/comment/edit.js';
import { publicComment } from '../domain/present.js';
import { editToken, keyedHash } from '../domain/tokens.js';
import { ApiError } from '../errors.js';
import { grantOrigin } from '../middleware/cors.js';
import { validate } from '../middleware/validate.js';
import { commentDocs } from '../openapi/operations.js';
import type { CommentItem } from '../store/items.js';
import { clientFacts, commentEnv, commentForOrigin, requirePage, requireSite } from './helpers.js';
import { checkOwner, optionalReader } from './reader-helpers.js';

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
    .get(
      '/:id',
      commentDocs.own,
      validate('param', IdParam),
      validate('header', EditTokenHeader),
      async (c) => {
        const { comment, site } = await commentForOrigin(deps, c, c.req.valid('param').id);
        await checkOwner(deps, c, site, comment, c.req.valid('header')['x-afterword-edit-token'], {
          windowed: false,
        });
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
        const reader = await optionalReader(deps, c, site);
        if (!reader && site.readers?.required)
          throw new ApiError(401, 'signin_required', 'this site asks readers to sign in before commenting');
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
          reader: reader && {
            id: reader.id,
            name: reader.name,
            email: reader.email,
            authorHash: reader.authorHash,
          },
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
        await checkOwner(deps, c, site, comment, c.req.valid('header')['x-afterword-edit-token']);
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
        await checkOwner(deps, c, site, comment, c.req.valid('header')['x-afterword-edit-token']);
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
