/**
 * What a reaction is on, read in at most two calls: a comment (its reference, then the comment) or a page (its
 * meta), each with the signed-in reader of a session header read in the same calls (the session beside the first
 * read, the account beside the second), so a reaction stays within three DynamoDB calls with its write.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { getAll } from './batch.js';
import type { Db } from './client.js';
import { type CommentItem, isComment, isCommentRef, isPage, type PageItem } from './items.js';
import { keys } from './keys.js';
import { liveSession, type ReaderItem, type ReaderSessionItem, sessionAccount } from './readers.js';

/** A session header to read with the target: its token's SHA-256 and the time it must still be valid at. */
export interface SessionAsk {
  tokenHash: string;
  nowSec: number;
}

/** The reader a session signs in on the target's site; `invalid`: a session was sent but signs no one in there. */
export type SessionReader = ReaderItem | 'invalid' | undefined;

type Key = { pk: string; sk: string };

const hasKey = (item: unknown, key: Key) =>
  (item as Key | undefined)?.pk === key.pk && (item as Key | undefined)?.sk === key.sk;

/**
 * readers.session()'s rule (liveSession, sessionAccount) on the items read with the target, and both of the
 * target's site. Only the type is trusted of either item; anything else reads as no reader.
 */
function signedIn(session: unknown, account: unknown, site: string, nowSec: number): ReaderItem | 'invalid' {
  const s = liveSession(session, nowSec);
  const a = s?.site === site ? sessionAccount(s, account) : undefined;
  return a?.site === site ? a : 'invalid';
}

export function createReactionTargets(db: Db) {
  async function read(list: Key[]): Promise<unknown[]> {
    if (list.length > 1) return getAll(db, list, true);
    const { Item } = await db.doc.send(
      new GetCommand({ TableName: db.table, Key: list[0], ConsistentRead: true }),
    );
    return Item ? [Item] : [];
  }

  /** The session item among `items`, and the key of its account (when it names one). */
  function sessionOf(items: unknown[], ask: SessionAsk | undefined) {
    if (!ask) return { session: undefined, account: undefined };
    const session = items.find((i) => hasKey(i, keys.readerSession(ask.tokenHash))) as
      | Partial<ReaderSessionItem>
      | undefined;
    const ok = typeof session?.site === 'string' && typeof session.readerId === 'string';
    return { session, account: ok ? keys.reader(session.site!, session.readerId!) : undefined };
  }

  return {
    /** A comment by id, strongly consistent (reference, then the comment), and the session's reader. */
    async comment(
      id: string,
      ask?: SessionAsk,
    ): Promise<{ comment: CommentItem | undefined; reader: SessionReader }> {
      const first = await read([keys.commentRef(id), ...(ask ? [keys.readerSession(ask.tokenHash)] : [])]);
      const ref = first.find(isCommentRef);
      const { session, account } = sessionOf(first, ask);
      if (!ref) return { comment: undefined, reader: undefined };
      const commentKey = { pk: keys.pagePk(ref.site, ref.page), sk: ref.commentSk };
      const second = await read([commentKey, ...(account ? [account] : [])]);
      const comment = second.find((i) => hasKey(i, commentKey));
      const acct = account && second.find((i) => hasKey(i, account));
      return {
        comment: isComment(comment) ? comment : undefined,
        reader: ask ? signedIn(session, acct, ref.site, ask.nowSec) : undefined,
      };
    },

    /** A page's meta (undefined before anything was written to the page), strongly consistent, and the session's reader. */
    async page(
      site: string,
      page: string,
      ask?: SessionAsk,
    ): Promise<{ item: PageItem | undefined; reader: SessionReader }> {
      const metaKey = keys.page(site, page);
      const first = await read([metaKey, ...(ask ? [keys.readerSession(ask.tokenHash)] : [])]);
      const meta = first.find((i) => hasKey(i, metaKey));
      const { session, account } = sessionOf(first, ask);
      const acct = account && (await read([account]))[0];
      return {
        item: isPage(meta) ? meta : undefined,
        reader: ask ? signedIn(session, acct, site, ask.nowSec) : undefined,
      };
    },

    /** The comment again, as stored now (a write found it changed). */
    async fresh(c: CommentItem): Promise<CommentItem | undefined> {
      const [item] = await read([{ pk: c.pk, sk: c.sk }]);
      return isComment(item) ? item : undefined;
    },

    /** The page's meta again, as stored now. */
    async freshPage(site: string, page: string): Promise<PageItem | undefined> {
      const [item] = await read([keys.page(site, page)]);
      return isPage(item) ? item : undefined;
    },
  };
}

export type ReactionTargets = ReturnType<typeof createReactionTargets>;
