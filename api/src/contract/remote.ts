/** Where a remote reply comes from (Mastodon, Bluesky, a Webmention): plain types the widget imports too. */

export const REMOTE_SOURCES = ['mastodon', 'bluesky', 'webmention'] as const;
export type RemoteSource = (typeof REMOTE_SOURCES)[number];

/** A comment's origin elsewhere: what the thread shows as its badge and link, and how a refetch finds it. */
export interface RemoteOrigin {
  source: RemoteSource;
  /** The id at the source: the Mastodon status id, the Bluesky at:// URI, the Webmention source URL. */
  remoteId: string;
  /** The original, https. */
  url: string;
  /** `@user@instance`, `@user.bsky.social`, or the h-card's url host. */
  handle?: string;
  /** The author's https profile link. */
  profile?: string;
  /** The remote id of the reply's parent at the source (absent: a reply to the linked post). */
  parentRemoteId?: string;
}
