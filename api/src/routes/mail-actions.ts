/** Moderation from a mail: GET shows the comment and a button, POST approves or deletes it, once. */
import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import { sanitize } from '../domain/markdown.js';
import { keyedHash } from '../domain/tokens.js';
import { readLink } from '../notify/links.js';
import { badLink, htmlPage, linkToken } from '../notify/page.js';
import { mailActionDocs } from '../openapi/operations.js';
import { StatusConflictError } from '../store/comments.js';
import { mailReviewRoutes } from './mail-review.js';

export function mailActionRoutes(deps: Deps) {
  const { store, config } = deps;

  async function load(token: string) {
    const r = readLink(config.secret, token, Math.floor(deps.now().getTime() / 1000));
    if (!r.ok) return { error: r.reason } as const;
    const p = r.payload;
    if ((p.a !== 'approve' && p.a !== 'delete') || !p.c || !p.m || p.x === undefined)
      return { error: 'invalid' } as const;
    const comment = await store.comments.read(p.c);
    if (!comment || comment.site !== p.s) return { error: 'invalid' } as const;
    return { payload: { ...p, a: p.a, c: p.c, m: p.m, x: p.x }, comment } as const;
  }

  const verb = (a: 'approve' | 'delete') => (a === 'approve' ? 'Approve' : 'Delete');

  const gone = (c: Parameters<typeof htmlPage>[0]) =>
    htmlPage(c, {
      title: 'Already moderated',
      lines: ['This comment no longer waits for moderation; nothing was changed.'],
      status: 409,
    });

  return new Hono()
    .route('/', mailReviewRoutes(deps))
    .get('/moderate', mailActionDocs.page, async (c) => {
      const token = await linkToken(c);
      const found = await load(token);
      if ('error' in found) return badLink(c, found.error ?? 'invalid');
      const { payload, comment } = found;
      if (comment.status !== 'pending') return gone(c);
      return htmlPage(c, {
        title: `${verb(payload.a)} this comment?`,
        lines: [`By ${comment.authorName || 'Anonymous'} on ${comment.page}`],
        extraHtml: sanitize(comment.html),
        form: { token, button: verb(payload.a) },
      });
    })
    .post('/moderate', mailActionDocs.moderate, async (c) => {
      const token = await linkToken(c);
      const found = await load(token);
      if ('error' in found) return badLink(c, found.error ?? 'invalid');
      const { payload, comment } = found;
      // The moderator the link was sent to must still moderate the site.
      const mods = await store.moderators.forSite(payload.s);
      const moderator = mods.find(
        (m) => keyedHash(config.secret, 'moderator', m.moderator.email) === payload.m,
      );
      if (!moderator)
        return htmlPage(c, {
          title: 'Not allowed',
          lines: ['The moderator this link was sent to no longer moderates this site.'],
          status: 403,
        });
      if (comment.status !== 'pending') return gone(c);
      const linkId = keyedHash(config.secret, 'link-use', token);
      if (!(await store.marks.useLink(linkId, payload.x, deps.now().toISOString())))
        return htmlPage(c, {
          title: 'Link already used',
          lines: ['Each link in a mail works once.'],
          status: 409,
        });
      const at = deps.now().toISOString();
      try {
        if (payload.a === 'approve') await store.comments.setStatus(comment, 'approved', at);
        else
          await store.comments.setStatus(comment, 'deleted', at, {
            placeholder: await store.threads.hasReplies(comment),
          });
      } catch (err) {
        if (err instanceof StatusConflictError) return gone(c);
        throw err;
      }
      await store.audit.add({
        site: comment.site,
        actor: moderator.moderator.email,
        action: `status:${payload.a === 'approve' ? 'approved' : 'deleted'}`,
        target: comment.id,
        detail: 'from pending, by a link in moderator mail',
        at,
      });
      return htmlPage(c, {
        title: payload.a === 'approve' ? 'Comment approved' : 'Comment deleted',
        lines: [payload.a === 'approve' ? 'It is now visible on the page.' : 'It will not be shown.'],
      });
    });
}
