/** Admin author routes: the history of a comment's author on its site, and the moderators' note on them. */
import { Hono } from 'hono';
import { AdminAuthorNote, AdminIdParam } from '../contract/requests.js';
import type { Deps } from '../deps.js';
import { authorHistory, saveAuthorNote } from '../domain/author-history.js';
import type { ModeratorSession, SessionEnv } from '../middleware/session.js';
import { validate } from '../middleware/validate.js';
import { adminAuthorDocs } from '../openapi/operations.js';
import type { AuthorNoteItem } from '../store/author-notes.js';
import { moderatedComment } from './admin-comments.js';
import { logAction } from './admin-log.js';
import { rowContexts } from './admin-refs.js';
import { adminComment } from './admin-view.js';

const presentNote = (n: AuthorNoteItem | undefined) =>
  n ? { text: n.text, by: n.by, updatedAt: n.updatedAt } : null;

export function adminAuthorRoutes(deps: Deps) {
  const { store } = deps;
  const load = (session: ModeratorSession, id: string) => moderatedComment(store, session, id);

  return new Hono<SessionEnv>()
    .get('/comments/:id/author', adminAuthorDocs.history, validate('param', AdminIdParam), async (c) => {
      const comment = await load(c.get('session'), c.req.valid('param').id);
      const h = await authorHistory(store, comment);
      const context = await rowContexts(store, comment.site, h.comments);
      return c.json({
        author: {
          key: h.key,
          name: comment.authorName,
          ...(comment.authorEmail ? { email: comment.authorEmail } : {}),
          confirmed: h.confirmed,
        },
        counts: h.counts,
        total: h.total,
        firstSeen: h.firstSeen,
        lastSeen: h.lastSeen,
        comments: h.comments.map((x) => adminComment(x, context.get(x.id))),
        more: h.more,
        note: presentNote(h.note),
      });
    })

    .put(
      '/comments/:id/author/note',
      adminAuthorDocs.note,
      validate('param', AdminIdParam),
      validate('json', AdminAuthorNote),
      async (c) => {
        const session = c.get('session');
        const comment = await load(session, c.req.valid('param').id);
        const note = await saveAuthorNote(store, comment, {
          text: c.req.valid('json').text,
          by: session.email,
          at: deps.now().toISOString(),
        });
        await logAction(
          deps,
          session,
          comment.site,
          note ? 'author-note' : 'author-note:removed',
          comment.id,
        );
        return c.json({ note: presentNote(note) });
      },
    );
}
