/** Initial status of a new comment from the site's moderation mode. */
import type { AuthorIndex } from '../store/authors.js';
import type { CommentStatus, SiteItem } from '../store/items.js';

/**
 * `approved` or `pending` for a new comment; `first-time` asks the store's author index whether this
 * author (by keyed email hash) already has an approved comment on the site. Pass the store.
 */
export async function initialStatus(
  store: { authors: Pick<AuthorIndex, 'hasApproved'> },
  site: SiteItem,
  author: { emailHash?: string },
): Promise<Extract<CommentStatus, 'approved' | 'pending'>> {
  switch (site.moderation) {
    case 'none':
      return 'approved';
    case 'all':
      return 'pending';
    case 'first-time':
      return author.emailHash && (await store.authors.hasApproved(site.id, author.emailHash))
        ? 'approved'
        : 'pending';
  }
}
