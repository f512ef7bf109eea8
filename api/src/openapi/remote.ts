/** OpenAPI descriptions of the admin routes linking pages to their posts on Mastodon and Bluesky. */
import { op } from './describe.js';

const ERRORS = [400, 401, 403, 404] as const;

export const adminRemoteDocs = {
  list: op({
    tag: 'admin',
    summary: 'A site’s pages linked to posts on Mastodon and Bluesky, with when each is fetched next',
    auth: 'session',
    ok: { 200: 'RemoteLinks' },
    errors: [...ERRORS],
  }),
  link: op({
    tag: 'admin',
    summary: 'Link a page to a Mastodon status or a Bluesky post: its replies join the page’s thread',
    description:
      'The refresher fetches the post’s replies server-side (soon after linking, then less often as the ' +
      'page ages) and makes each a comment through the site’s rules. `url` must be an https status URL ' +
      '(`https://instance/@user/123`) or a Bluesky post URL (`https://bsky.app/profile/<handle>/post/<rkey>`).',
    auth: 'session',
    ok: { 200: 'RemoteLinks' },
    errors: [...ERRORS],
  }),
  unlink: op({
    tag: 'admin',
    summary: 'Unlink a page from a post (replies fetched already stay until gone at the source)',
    auth: 'session',
    ok: { 200: 'RemoteLinks' },
    errors: [...ERRORS],
  }),
};
