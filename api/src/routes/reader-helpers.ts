/** What reader routes share: the session header read into a reader of the request's site, and the site's offers. */
import type { Context } from 'hono';
import { READER_HEADER, type ReaderMethod } from '../contract/reader-names.js';
import type { Deps } from '../deps.js';
import { type ReaderEnv, readerOf } from '../domain/reader.js';
import { ApiError } from '../errors.js';
import type { CommentItem, SiteItem } from '../store/items.js';
import type { ReaderItem } from '../store/readers.js';
import { checkAuthor } from './helpers.js';

export const readerEnv = (deps: Deps): ReaderEnv => ({
  store: deps.store,
  secret: deps.config.secret,
  now: deps.now,
});

const TOKEN = /^[A-Za-z0-9_-]{1,100}$/;

/** The reader the request's session header signs in on `site`: undefined without a header; 401 for a bad one. */
export async function optionalReader(
  deps: Deps,
  c: Context,
  site: SiteItem,
): Promise<ReaderItem | undefined> {
  const token = c.req.header(READER_HEADER);
  if (token === undefined) return undefined;
  const reader = TOKEN.test(token) ? await readerOf(readerEnv(deps), site.id, token) : undefined;
  if (!reader)
    throw new ApiError(401, 'reader_session_invalid', 'this session is over or belongs to another site');
  return reader;
}

/** The signed-in reader of the request on `site`, else 401 `reader_session_invalid`. */
export async function requireReader(deps: Deps, c: Context, site: SiteItem): Promise<ReaderItem> {
  const reader = await optionalReader(deps, c, site);
  if (!reader) throw new ApiError(401, 'reader_session_invalid', `sign in first: send ${READER_HEADER}`);
  return reader;
}

/** 403 `signin_method_off` unless the site offers readers this way to sign in. */
export function assertSignIn(site: SiteItem, kind: ReaderMethod, provider?: string): void {
  const r = site.readers;
  const on =
    kind === 'email' || kind === 'passkey'
      ? r?.[kind] === true
      : (r?.providers ?? []).some((p) => p.kind === kind && (provider === undefined || p.id === provider));
  if (!on) throw new ApiError(403, 'signin_method_off', `site ${site.id} does not offer this way to sign in`);
}

/**
 * Who may change `comment`: the signed-in reader who wrote it (at any time when the site lets signed-in
 * readers, else within the edit window), or the browser holding its edit token, within the window.
 */
export async function checkOwner(
  deps: Deps,
  c: Context,
  site: SiteItem,
  comment: CommentItem,
  token: string | undefined,
  opts: { windowed: boolean } = { windowed: true },
): Promise<void> {
  const reader = comment.readerId ? await optionalReader(deps, c, site) : undefined;
  const byReader = reader !== undefined && reader.id === comment.readerId;
  if (!byReader) checkAuthor(deps, comment, token);
  const anytime = byReader && site.readers?.editsAnytime === true;
  if (
    opts.windowed &&
    !anytime &&
    Date.parse(comment.createdAt) + site.editWindowSec * 1000 < deps.now().getTime()
  ) {
    throw new ApiError(403, 'edit_window_closed', 'the time to edit or delete this comment has passed');
  }
  if (opts.windowed && (comment.status === 'deleted' || comment.status === 'spam')) {
    throw new ApiError(410, 'comment_deleted', 'this comment has been deleted');
  }
}
