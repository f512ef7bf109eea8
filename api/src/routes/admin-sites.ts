/** Admin site routes: thread locks, bans, settings (owners), the moderation log, comments per day. */

import { Hono } from 'hono';
import { pageSize } from '../contract/limits.js';
import { mergedReactions } from '../contract/reactions.js';
import {
  AdminBan,
  AdminLock,
  AdminLogQuery,
  AdminSettings,
  AdminSiteParam,
  AdminStatsQuery,
  AdminUnban,
} from '../contract/requests.js';
import type { Deps } from '../deps.js';
import { hideComments, pastComments, restoreHidden } from '../domain/ban-hide.js';
import { settingsDiff } from '../domain/settings-diff.js';
import { excerpt, maskEmail } from '../domain/who.js';
import { ApiError } from '../errors.js';
import { assertRole, type SessionEnv } from '../middleware/session.js';
import { validate } from '../middleware/validate.js';
import { adminSiteDocs } from '../openapi/operations.js';
import type { BanContext, BanKind, SiteItem } from '../store/items.js';
import { normalizeOrigin, type SiteSettings } from '../store/sites.js';
import { logAction } from './admin-log.js';
import { commentRefs } from './admin-refs.js';
import { adminAudit, adminBan, adminSite, auditCommentIds } from './admin-view.js';
import { requirePage } from './helpers.js';

async function siteOf(deps: Deps, id: string): Promise<SiteItem> {
  const site = await deps.store.sites.get(id);
  if (!site) throw new ApiError(404, 'site_not_found', `no site "${id}"`);
  return site;
}

export function adminSiteRoutes(deps: Deps) {
  const { store } = deps;
  return new Hono<SessionEnv>()
    .post('/threads/lock', adminSiteDocs.lock, validate('json', AdminLock), async (c) => {
      const { site, page: raw, locked } = c.req.valid('json');
      const session = c.get('session');
      assertRole(session, site);
      const page = requirePage(raw);
      await store.moderation.setLocked(site, page, locked, deps.now().toISOString());
      await logAction(deps, session, site, locked ? 'lock' : 'unlock', page);
      return c.json({ site, page, locked });
    })

    .get('/sites/:site/bans', adminSiteDocs.bans, validate('param', AdminSiteParam), async (c) => {
      const { site } = c.req.valid('param');
      assertRole(c.get('session'), site);
      const bans = await store.bans.list(site, deps.now());
      // The ban's comment as it is now: an erased one takes its author's name and text out of the list.
      const now = await commentRefs(
        store,
        site,
        bans.flatMap((b) => (b.about ? [b.about.commentId] : [])),
      );
      return c.json({ bans: bans.map((b) => adminBan(b, b.about && now.get(b.about.commentId))) });
    })

    .post(
      '/sites/:site/bans',
      adminSiteDocs.ban,
      validate('param', AdminSiteParam),
      validate('json', AdminBan),
      async (c) => {
        const { site } = c.req.valid('param');
        const session = c.get('session');
        assertRole(session, site);
        const input = c.req.valid('json');
        const comment = await store.comments.read(input.commentId);
        if (!comment || comment.site !== site)
          throw new ApiError(404, 'comment_not_found', `no comment "${input.commentId}" on this site`);
        const now = deps.now();
        const until = input.days ? new Date(now.getTime() + input.days * 86400_000).toISOString() : undefined;
        const wanted: Array<[BanKind, string | undefined]> = [
          ['email', input.email === false ? undefined : comment.emailHash],
          ['client', input.client === false ? undefined : comment.ipHash],
        ];
        const made: Array<{ kind: BanKind; hash: string; until?: string }> = [];
        const url = (await store.pages.many(site, [comment.page])).get(comment.page)?.url;
        const about: BanContext = {
          commentId: comment.id,
          page: comment.page,
          ...(url ? { url } : {}),
          name: comment.authorName,
          ...(comment.authorEmail ? { email: maskEmail(comment.authorEmail) } : {}),
          ...(comment.remote
            ? {
                account:
                  `${comment.remote.source} ${comment.remote.handle ?? comment.remote.profile ?? ''}`.trim(),
              }
            : {}),
          excerpt: excerpt(comment.html),
        };
        // "Hide past comments": the ones to hide are recorded on the email ban before any is hidden.
        const past =
          input.hidePast && comment.emailHash && wanted[0]![1]
            ? await pastComments(store, site, comment.emailHash)
            : [];
        for (const [kind, hash] of wanted) {
          if (!hash) continue;
          await store.bans.put({
            ...(kind === 'email' && past.length > 0
              ? { hidden: past.map((p) => ({ id: p.id, from: p.status })) }
              : {}),
            site,
            kind,
            hash,
            reason: input.reason ?? '',
            by: session.email,
            createdAt: now.toISOString(),
            ...(until ? { until } : {}),
            about,
          });
          made.push({ kind, hash, ...(until ? { until } : {}) });
        }
        if (made.length === 0)
          throw new ApiError(400, 'invalid_input', 'this comment has no email or client to ban', {
            fields: ['email', 'client'],
          });
        const hidden = past.length > 0 ? await hideComments(store, past, now.toISOString()) : [];
        await logAction(
          deps,
          session,
          site,
          'ban',
          comment.id,
          `${made.map((m) => m.kind).join('+')}${until ? ` until ${until}` : ''}${hidden.length > 0 ? `, hid ${hidden.length} past comments` : ''}${input.reason ? `: ${input.reason}` : ''}`,
        );
        return c.json({ bans: made, ...(input.hidePast ? { hidden: hidden.length } : {}) }, 201);
      },
    )

    .delete(
      '/sites/:site/bans',
      adminSiteDocs.unban,
      validate('param', AdminSiteParam),
      validate('json', AdminUnban),
      async (c) => {
        const { site } = c.req.valid('param');
        const session = c.get('session');
        assertRole(session, site);
        const { kind, hash, restore } = c.req.valid('json');
        // The log names the lifted ban by the comment it was made from, when it kept one.
        const ban = await store.bans.find(site, [{ kind, hash }], deps.now());
        // Undo of "hide past comments": what the ban hid comes back before the ban (and its record) goes.
        const restored =
          restore && ban?.hidden?.length
            ? await restoreHidden(store, site, ban.hidden, deps.now().toISOString())
            : undefined;
        await store.bans.remove(site, kind, hash);
        const key = `${kind}:${hash.slice(0, 8)}`;
        const about = ban?.about?.commentId;
        const detail = [about ? key : '', restored ? `restored ${restored} comments` : ''].filter(Boolean);
        await logAction(deps, session, site, 'unban', about ?? key, detail.join(', ') || undefined);
        return c.json({ ok: true as const, ...(restore ? { restored: restored ?? 0 } : {}) });
      },
    )

    .get('/sites/:site/settings', adminSiteDocs.settings, validate('param', AdminSiteParam), async (c) => {
      const { site } = c.req.valid('param');
      assertRole(c.get('session'), site);
      return c.json({ site: adminSite(await siteOf(deps, site)) });
    })

    .put(
      '/sites/:site/settings',
      adminSiteDocs.saveSettings,
      validate('param', AdminSiteParam),
      validate('json', AdminSettings),
      async (c) => {
        const { site: id } = c.req.valid('param');
        const session = c.get('session');
        assertRole(session, id, 'owner');
        const before = await siteOf(deps, id);
        const input = c.req.valid('json');
        const next: Partial<SiteSettings> = {};
        if (input.name !== undefined) next.name = input.name.trim() || id;
        if (input.origins !== undefined) {
          const bad = input.origins.filter((o) => !normalizeOrigin(o));
          if (bad.length > 0)
            throw new ApiError(400, 'invalid_input', `not an origin: ${bad.join(', ')}`, {
              fields: ['origins'],
            });
          next.origins = input.origins;
        }
        if (input.moderation !== undefined) next.moderation = input.moderation;
        if (input.editWindowSec !== undefined) next.editWindowSec = input.editWindowSec;
        if (input.maxDepth !== undefined) next.maxDepth = input.maxDepth;
        if (input.maxBodyLength !== undefined) next.maxBodyLength = input.maxBodyLength;
        if (input.reportThreshold !== undefined) next.reportThreshold = input.reportThreshold;
        if (input.readers !== undefined) next.readers = { ...before.readers, ...input.readers };
        if (input.remote !== undefined) next.remote = { ...before.remote, ...input.remote };
        if (input.reactions !== undefined)
          next.reactions = mergedReactions(before.reactions, input.reactions);
        if (input.spam !== undefined) {
          const { akismetKey, ...rest } = input.spam;
          const key = akismetKey === undefined ? before.spam?.akismetKey : akismetKey.trim() || undefined;
          const blockedWords = rest.blockedWords?.map((w) => w.trim()).filter(Boolean);
          next.spam = {
            ...rest,
            ...(blockedWords ? { blockedWords } : {}),
            ...(key ? { akismetKey: key } : {}),
          };
        }
        const saved = await store.sites.put(id, next, 'update').catch((err: Error) => {
          // Another owner saved in between (the write is conditional on the version read).
          if (err.name === 'TransactionCanceledException')
            throw new ApiError(409, 'conflict', 'the settings changed meanwhile; reload and retry');
          throw err;
        });
        const changes = settingsDiff(before, saved);
        await logAction(
          deps,
          session,
          id,
          'settings',
          undefined,
          changes.length > 0 ? changes.map((x) => x.field).join(', ') : 'no change',
          changes,
        );
        return c.json({ site: adminSite(saved) });
      },
    )

    .get(
      '/sites/:site/log',
      adminSiteDocs.log,
      validate('param', AdminSiteParam),
      validate('query', AdminLogQuery),
      async (c) => {
        const { site } = c.req.valid('param');
        assertRole(c.get('session'), site);
        const q = c.req.valid('query');
        const after = q.cursor ? Buffer.from(q.cursor, 'base64url').toString('utf8') : undefined;
        if (after !== undefined && !/^\d{4}-\d\d-\d\dT[\d:.]+Z#[0-9a-f]{8}$/.test(after))
          throw new ApiError(400, 'invalid_cursor', 'the cursor is not one of this log');
        const limit = pageSize('log', q.limit);
        const { entries, next } = await store.audit.list(site, limit, after);
        const refs = await commentRefs(store, site, entries.flatMap(auditCommentIds));
        return c.json({
          entries: entries.map((e) => adminAudit(e, refs)),
          nextCursor: next ? Buffer.from(next).toString('base64url') : null,
        });
      },
    )

    .get(
      '/sites/:site/stats',
      adminSiteDocs.stats,
      validate('param', AdminSiteParam),
      validate('query', AdminStatsQuery),
      async (c) => {
        const { site } = c.req.valid('param');
        assertRole(c.get('session'), site);
        const days = pageSize('statsDays', c.req.valid('query').days);
        const today = Date.UTC(
          deps.now().getUTCFullYear(),
          deps.now().getUTCMonth(),
          deps.now().getUTCDate(),
        );
        const first = new Date(today - (days - 1) * 86400_000).toISOString();
        const counts = await store.moderation.perDay(site, first);
        const out = Array.from({ length: days }, (_, i) => {
          const day = new Date(today - (days - 1 - i) * 86400_000).toISOString().slice(0, 10);
          return { day, count: counts.get(day) ?? 0 };
        });
        return c.json({ days: out });
      },
    );
}
