/** Initial status of a new comment from the site's moderation mode and the author's standing (trust). */
import type { Flag } from '../contract/flags.js';
import type { AuthorIndex } from '../store/authors.js';
import type { CommentStatus, SiteItem } from '../store/items.js';

export interface Initial {
  status: Extract<CommentStatus, 'approved' | 'pending'>;
  /** Why it is held (a held comment always says why). */
  flags: Flag[];
}

/** Approved comments after which `first-time` trusts an author, unless the site says otherwise. */
export const DEFAULT_TRUST_AFTER = 1;

/**
 * `approved` or `pending` for a new comment. `first-time` asks the author index (by keyed email hash)
 * how many of the author's comments on the site are approved: `trustAfter` of them (default 1, the
 * classic first-time rule) earn trust; an author with a comment marked spam among their newest 250 here
 * is held all the same.
 * An author without an address cannot earn trust. Pass the store.
 */
export async function initialStatus(
  store: { authors: Pick<AuthorIndex, 'standing'> },
  site: SiteItem,
  author: { emailHash?: string | undefined },
): Promise<Initial> {
  switch (site.moderation) {
    case 'none':
      return { status: 'approved', flags: [] };
    case 'all':
      return { status: 'pending', flags: ['premoderation'] };
    case 'first-time': {
      if (!author.emailHash) return { status: 'pending', flags: ['new_author'] };
      const need = site.spam?.trustAfter ?? DEFAULT_TRUST_AFTER;
      const standing = await store.authors.standing(site.id, author.emailHash, need);
      if (standing.spam > 0) return { status: 'pending', flags: ['author_history'] };
      return standing.approved >= need
        ? { status: 'approved', flags: [] }
        : { status: 'pending', flags: ['new_author'] };
    }
  }
}
