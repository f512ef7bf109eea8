/** Reply-mail subscriptions from mail links: verify (double opt-in) and unsubscribe (RFC 8058 one-click POST). */
import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import { keyedHash } from '../domain/tokens.js';
import { issuedSec, type LinkPayload, readLink } from '../notify/links.js';
import { badLink, htmlPage, linkToken } from '../notify/page.js';
import { subscriptionDocs } from '../openapi/operations.js';

export function subscriptionRoutes(deps: Deps) {
  const { store, config } = deps;
  const nowSec = () => Math.floor(deps.now().getTime() / 1000);

  function check(token: string, actions: LinkPayload['a'][]) {
    const r = readLink(config.secret, token, nowSec());
    if (r.ok && !actions.includes(r.payload.a)) return { ok: false as const, reason: 'invalid' as const };
    return r;
  }

  async function siteName(id: string): Promise<string> {
    const site = await store.sites.get(id);
    return site?.name || id;
  }

  return new Hono()
    .get('/verify', subscriptionDocs.verifyPage, async (c) => {
      const token = await linkToken(c);
      const r = check(token, ['verify']);
      if (!r.ok) return badLink(c, r.reason);
      return htmlPage(c, {
        title: 'Confirm reply notifications',
        lines: [
          `Press the button to get a mail when someone replies to your comments on ${await siteName(r.payload.s)}.`,
        ],
        form: { token, button: 'Yes, mail me replies' },
      });
    })
    .post('/verify', subscriptionDocs.verify, async (c) => {
      const r = check(await linkToken(c), ['verify']);
      if (!r.ok || !r.payload.e) return badLink(c, r.ok ? 'invalid' : r.reason);
      const issuedAt = new Date(issuedSec(r.payload) * 1000).toISOString();
      const done = await store.subscriptions.verify(
        r.payload.s,
        r.payload.e,
        deps.now().toISOString(),
        issuedAt,
      );
      if (done === 'unknown') return badLink(c, 'invalid');
      if (done === 'stale')
        return htmlPage(c, {
          title: 'This link is older than your unsubscribe',
          lines: [
            'You stopped these mails after this link was sent, so it cannot turn them back on. Nothing was changed.',
          ],
          status: 410,
        });
      return htmlPage(c, {
        title: 'Reply notifications are on',
        lines: [
          `Replies to your comments on ${await siteName(r.payload.s)} will reach you by mail. Every mail has a link to stop them.`,
        ],
      });
    })
    .get('/unsubscribe', subscriptionDocs.unsubscribePage, async (c) => {
      const token = await linkToken(c);
      const r = check(token, ['unsub', 'unsub-mod']);
      if (!r.ok) return badLink(c, r.reason);
      const name = await siteName(r.payload.s);
      const what =
        r.payload.a === 'unsub-mod'
          ? `moderation mail about ${name}`
          : r.payload.p
            ? `reply mail about this thread on ${name}`
            : `all reply mail from ${name}`;
      return htmlPage(c, {
        title: 'Unsubscribe',
        lines: [`Stop ${what}?`],
        form: { token, button: 'Unsubscribe' },
      });
    })
    .post('/unsubscribe', subscriptionDocs.unsubscribe, async (c) => {
      const r = check(await linkToken(c), ['unsub', 'unsub-mod']);
      if (!r.ok) return badLink(c, r.reason);
      const p = r.payload;
      const at = deps.now().toISOString();
      if (p.a === 'unsub-mod') {
        // The link names the moderator by keyed hash, so no address travels in URLs (and access logs).
        if (!p.m) return badLink(c, 'invalid');
        const mods = await store.moderators.forSite(p.s);
        const found = mods.find((m) => keyedHash(config.secret, 'moderator', m.moderator.email) === p.m);
        if (found) await store.moderators.setDigest(found.moderator.email, 'off');
      } else if (!p.e) {
        return badLink(c, 'invalid');
      } else if (p.p) {
        await store.subscriptions.mute(p.s, p.e, p.p, at);
      } else {
        await store.subscriptions.unsubscribeAll(p.s, p.e, at);
      }
      return htmlPage(c, { title: 'Unsubscribed', lines: ['Done: no more of these mails will be sent.'] });
    });
}
