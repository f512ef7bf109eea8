/** The thread file's body: page meta, the widget's settings and the listed comments, from stored items. */
import { FILES_FORMAT, THREAD_FILE_CAP, type ThreadFile } from '../contract/files.js';
import type { PublicComment } from '../contract/responses.js';
import { publicComment, publicPage, publicSettings } from '../domain/present.js';
import type { CommentItem, PageItem, SiteItem } from '../store/items.js';
import type { StoredComment } from '../store/private.js';

/** A comment as the files show it: the API's public view (whose `moderator` is only ever `true`). */
export function fileComment(c: StoredComment): PublicComment {
  return publicComment(c) as PublicComment;
}

/**
 * `comments` are the page's listed comments oldest first, as read (one more than the cap tells the
 * file it is not the whole thread).
 */
export function threadFile(
  site: SiteItem,
  page: string,
  item: PageItem | undefined,
  comments: StoredComment[],
  now: Date,
): ThreadFile {
  return {
    format: FILES_FORMAT,
    version: item?.version ?? 0,
    page: publicPage(site, page, item),
    settings: publicSettings(site),
    comments: comments.slice(0, THREAD_FILE_CAP).map(fileComment),
    complete: comments.length <= THREAD_FILE_CAP,
    publishedAt: now.toISOString(),
  };
}
