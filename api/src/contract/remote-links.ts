/** Request and response schemas of a page's links to its posts on Mastodon and Bluesky (the admin API). */
import { type } from 'arktype';

export const RemoteLinkBody = type({
  '+': 'reject',
  /** The page: a path or an http(s) URL on the site. */
  page: type.string.atMostLength(2000),
  /** A Mastodon status URL or a Bluesky post URL. */
  url: type.string.atMostLength(500),
});

const RemotePostView = type({
  '+': 'reject',
  source: "'mastodon' | 'bluesky'",
  url: 'string',
  by: "'moderator' | 'page'",
  'error?': 'string',
});

export const RemoteLinkedPage = type({
  '+': 'reject',
  page: 'string',
  posts: RemotePostView.array(),
  nextAt: 'string',
  'fetchedAt?': 'string',
});

export const RemoteLinks = type({ '+': 'reject', pages: RemoteLinkedPage.array() }).describe(
  "a site's pages linked to their posts on Mastodon and Bluesky, with each post's last fetch error",
);
export type RemoteLinks = typeof RemoteLinks.infer;
