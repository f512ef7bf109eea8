/**
 * Readers' own routes (`/api/v1/reader`): the email link, who is signed in, their comments on the site
 * (list, JSON export, erase) and signing out, here or everywhere. Called from the blog's pages (CORS per
 * site); the session travels in the `x-afterword-session` header, never a cookie.
 */
import { Hono } from 'hono';
import {
  READER_HEADER,
  ReaderLinkRequest,
  ReaderLinkUse,
  ReaderNameBody,
  ReaderSiteQuery,
} from '../contract/reader.js';
import type { Deps } from '../deps.js';
import { authorComments, eraseAuthor } from '../domain/author-erase.js';
import { clientKey } from '../domain/client.js';
import { presentReader, signOutEverywhere, tokenHash } from '../domain/reader.js';
import { requestReaderLink, useReaderLink } from '../domain/reader-link.js';
import { keyedHash } from '../domain/tokens.js';
import { grantOrigin } from '../middleware/cors.js';
import { validate } from '../middleware/validate.js';
import { readerDocs } from '../openapi/operations.js';
import { nativeComment } from '../portability/native.js';
import type { CommentItem, SiteItem } from '../store/items.js';
import { requireSite } from './helpers.js';
import { assertSignIn, readerEnv, requireReader } from './reader-helpers.js';

/** The page a comment sits on, as a link (the site's first origin and the page's path). */
const pageUrl = (site: SiteItem, page: string) =>
  page.startsWith('/') && site.origins[0] ? `${site.origins[0]}${page}` : undefined;

function myComment(site: SiteItem, c: CommentItem) {
  const url = pageUrl(site, c.page);
  return {
    id: c.id,
    page: c.page,
    ...(url ? { url } : {}),
    html: c.status === 'deleted' ? '' : c.html,
    status: c.status === 'spam' ? 'pending' : c.status,
    createdAt: c.createdAt,
    ...(c.editedAt ? { editedAt: c.editedAt } : {}),
  };
}

export function readerRoutes(deps: Deps) {
  const { store, config } = deps;
  const env = readerEnv(deps);

  /** The site of the request, with CORS granted to its origin (any other origin: 403). */
  async function siteOf(c: Parameters<typeof grantOrigin>[0], id: string) {
    const site = await requireSite(deps, id);
    grantOrigin(c, site);
    c.header('Cache-Control', 'private, no-store');
    return site;
  }

  return new Hono()
    .post('/link', readerDocs.linkRequest, validate('json', ReaderLinkRequest), async (c) => {
      const asked = c.req.valid('json');
      const site = await siteOf(c, asked.site);
      assertSignIn(site, 'email');
      const client = keyedHash(config.secret, 'ip', clientKey(deps.clientIp(c)));
      await requestReaderLink(env, site, asked, client);
      return c.json({ ok: true as const }, 202);
    })
    .post('/link/use', readerDocs.linkUse, validate('json', ReaderLinkUse), async (c) => {
      const { site: id, token } = c.req.valid('json');
      const site = await siteOf(c, id);
      assertSignIn(site, 'email');
      return c.json(await useReaderLink(env, site, token));
    })
    .get('/me', readerDocs.me, validate('query', ReaderSiteQuery), async (c) => {
      const site = await siteOf(c, c.req.valid('query').site);
      return c.json({ reader: presentReader(await requireReader(deps, c, site)) });
    })
    .patch(
      '/me',
      readerDocs.rename,
      validate('query', ReaderSiteQuery),
      validate('json', ReaderNameBody),
      async (c) => {
        const site = await siteOf(c, c.req.valid('query').site);
        const reader = await requireReader(deps, c, site);
        const name = c.req.valid('json').name.trim() || reader.name;
        await store.readers.rename(site.id, reader.id, name);
        return c.json({ reader: presentReader({ ...reader, name }) });
      },
    )
    .get('/me/comments', readerDocs.comments, validate('query', ReaderSiteQuery), async (c) => {
      const site = await siteOf(c, c.req.valid('query').site);
      const reader = await requireReader(deps, c, site);
      const { comments, next } = await store.authors.comments(site.id, reader.authorHash);
      return c.json({ comments: comments.map((x) => myComment(site, x)), more: next !== undefined });
    })
    .get('/me/export', readerDocs.export, validate('query', ReaderSiteQuery), async (c) => {
      const site = await siteOf(c, c.req.valid('query').site);
      const reader = await requireReader(deps, c, site);
      const comments = await authorComments(store, site.id, reader.authorHash);
      c.header('Content-Disposition', `attachment; filename="afterword-${site.id}-my-comments.json"`);
      return c.json({
        site: site.id,
        exportedAt: deps.now().toISOString(),
        reader: presentReader(reader),
        comments: comments.map((x) => nativeComment(x, [])),
      });
    })
    .delete('/me/comments', readerDocs.erase, validate('query', ReaderSiteQuery), async (c) => {
      const site = await siteOf(c, c.req.valid('query').site);
      const reader = await requireReader(deps, c, site);
      const { erased } = await eraseAuthor(store, site.id, reader.authorHash, deps.now);
      return c.json({ erased });
    })
    .post('/signout', readerDocs.signOut, validate('query', ReaderSiteQuery), async (c) => {
      const site = await siteOf(c, c.req.valid('query').site);
      await requireReader(deps, c, site);
      await store.readers.endSession(tokenHash(c.req.header(READER_HEADER)!));
      return c.json({ ok: true as const });
    })
    .post('/signout/all', readerDocs.signOutAll, validate('query', ReaderSiteQuery), async (c) => {
      const site = await siteOf(c, c.req.valid('query').site);
      await signOutEverywhere(env, await requireReader(deps, c, site));
      return c.json({ ok: true as const });
    });
}
