/**
 * The review link in a decision mail: GET shows the comment, the reason and a button; POST puts the comment
 * back in the queue (pending), once, while the decision it was sent for still stands, and logs it.
 */
import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import { currentDecision, reasonLine } from '../domain/comment/decision.js';
import { sanitize } from '../domain/markdown.js';
import { keyedHash } from '../domain/tokens.js';
import { readLink } from '../notify/links.js';
import { badLink, htmlPage, linkToken } from '../notify/page.js';
import { mailReviewDocs } from '../openapi/operations.js';
import { StatusConflictError } from '../store/comments.js';

export function mailReviewRoutes(deps: Deps) {
  const { store, config } = deps;

  async function load(token: string) {
    const r = readLink(config.secret, token, Math.floor(deps.now().getTime() / 1000));
    if (!r.ok) return { error: r.reason } as const;
    const p = r.payload;
    if (p.a !== 'review' || !p.c || !p.d || p.x === undefined) return { error: 'invalid' } as const;
    const comment = await store.comments.read(p.c);
    if (!comment || comment.site !== p.s) return { error: 'invalid' } as const;
    const decision = currentDecision(comment);
    return { expires: p.x, comment, decision: decision?.at === p.d ? decision : undefined } as const;
  }

  const settled = (c: Parameters<typeof htmlPage>[0]) =>
    htmlPage(c, {
      title: 'Nothing to review',
      lines: [
        'This decision has changed since the mail was sent (the comment was looked at again). Nothing was changed.',
      ],
      status: 409,
    });

  return new Hono()
    .get('/review', mailReviewDocs.page, async (c) => {
      const token = await linkToken(c);
      const found = await load(token);
      if ('error' in found) return badLink(c, found.error ?? 'invalid');
      const { comment, decision } = found;
      if (!decision) return settled(c);
      return htmlPage(c, {
        title: 'Ask for a review of your comment?',
        lines: [
          `On ${comment.page}. Reason given: ${reasonLine(decision)}`,
          'Your comment goes back to the moderators, who look at it again.',
        ],
        extraHtml: sanitize(comment.html),
        form: { token, button: 'Ask for a review' },
      });
    })
    .post('/review', mailReviewDocs.review, async (c) => {
      const token = await linkToken(c);
      const found = await load(token);
      if ('error' in found) return badLink(c, found.error ?? 'invalid');
      const { comment, decision, expires } = found;
      if (!decision) return settled(c);
      const at = deps.now().toISOString();
      if (!(await store.marks.useLink(keyedHash(config.secret, 'link-use', token), expires, at)))
        return htmlPage(c, {
          title: 'Link already used',
          lines: ['Each link in a mail works once.'],
          status: 409,
        });
      try {
        await store.comments.setStatus(comment, 'pending', at, { extra: { review: { at, decision } } });
      } catch (err) {
        if (err instanceof StatusConflictError) return settled(c);
        throw err;
      }
      const entry: Parameters<typeof store.audit.add>[0] & { reason?: unknown } = {
        site: comment.site,
        actor: 'the author (review link)',
        action: 'review-requested',
        target: comment.id,
        detail: `from ${comment.status}, by the link in the decision mail`,
        at,
        reason: { code: decision.code, ...(decision.text ? { text: decision.text } : {}) },
      };
      await store.audit.add(entry);
      return htmlPage(c, {
        title: 'Review asked for',
        lines: ['Your comment waits for the moderators again. Thank you.'],
      });
    });
}
