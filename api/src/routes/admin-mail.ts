/** The logged-in moderator's choice of moderation mail: one per waiting comment, a daily digest, or none. */
import { Hono } from 'hono';
import { AdminMailChoice } from '../contract/requests.js';
import type { Deps } from '../deps.js';
import type { SessionEnv } from '../middleware/session.js';
import { validate } from '../middleware/validate.js';
import { adminMailDocs } from '../openapi/operations.js';

export function adminMailRoutes(deps: Deps) {
  const { store } = deps;
  return new Hono<SessionEnv>()
    .get('/me/mail', adminMailDocs.get, async (c) => {
      const m = await store.moderators.get(c.get('session').email);
      return c.json({ digest: m?.digest ?? 'each' });
    })
    .put('/me/mail', adminMailDocs.put, validate('json', AdminMailChoice), async (c) => {
      const { digest } = c.req.valid('json');
      await store.moderators.setDigest(c.get('session').email, digest);
      return c.json({ digest });
    });
}
