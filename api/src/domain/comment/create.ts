/**
 * The one service that creates a comment, whatever its source: one body check, one author cleaning,
 * one avatar recipe, one status decision, one render, one conditional write. Knows no HTTP.
 */
import type { RemoteOrigin } from '../../contract/remote.js';
import type { Store } from '../../store/index.js';
import type { CommentItem, SiteItem } from '../../store/items.js';
import { clientKey } from '../client.js';
import type { ContentCheckConfig } from '../content-check.js';
import { Refusal } from '../failure.js';
import { cleanPageUrl } from '../page-path.js';
import { cleanLine } from '../text.js';
import { idempotentId, keyedHash, newId } from '../tokens.js';
import {
  type AuthorInput,
  avatarSeed,
  type BodyInput,
  type CleanAuthor,
  type CommentSource,
  cleanAuthor,
  prepareBody,
} from './prepare.js';
import { cleanRemote, remoteCommentId, remoteCreatedAt, remoteIdentity } from './remote.js';
import { decideStatus } from './status.js';

export interface CommentEnv {
  store: Store;
  secret: string;
  akismetUrl: string;
  /** The external content check, when configured (config.ts); a site turns it on in its settings. */
  contentCheck?: ContentCheckConfig | undefined;
  now: () => Date;
}

/** The client as the platform saw it (never from a header anyone can send). */
export interface ClientFacts {
  ip: string;
  userAgent: string;
}

export interface CreateInput {
  source: Exclude<CommentSource, 'import'>;
  site: SiteItem;
  /** Normalised page path. */
  page: string;
  /**
   * The client's Idempotency-Key: the id is derived from it, the client and the site, so a retry
   * finds the first comment and nobody else's key reaches it; the same key with another request
   * is refused (idempotency_conflict).
   */
  idempotencyKey?: string | undefined;
  parentId?: string | null | undefined;
  body: BodyInput;
  author: AuthorInput;
  /** The poster's client; absent only for a remote reply (it has none). */
  client?: ClientFacts | undefined;
  /** The page's title and URL as the poster claims them (kept only for the first comment). */
  title?: string | undefined;
  url?: string | undefined;
  notify?: boolean | undefined;
  /** The signed-in reader posting (domain/reader.ts): their name and address, a verified badge. */
  reader?: SignedInAuthor | undefined;
  /** Spam signals of a public post: the signed compose token and the honeypot. */
  composeToken?: string | undefined;
  hp?: string | undefined;
  /**
   * A reply fetched from elsewhere (source 'mastodon' | 'bluesky' | 'webmention'): its id is derived
   * from its remote id (a refetch answers `created: false`), the author is the remote account (name,
   * website = profile), no compose token, honeypot or client; the site's rules and mode still apply.
   */
  remote?: RemoteOrigin | undefined;
  /** When a remote reply was written at the source (ignored for every other source). */
  createdAt?: string | undefined;
}

/** What a signed-in reader's comment takes from their account. */
export interface SignedInAuthor {
  id: string;
  name: string;
  email?: string | undefined;
  authorHash: string;
}

/** The author as the post names them; a signed-in reader is who their account says (the website stays theirs to give). */
function authorOf(secret: string, input: CreateInput): CleanAuthor {
  if (input.remote) {
    const own = cleanAuthor(secret, { name: input.author.name, website: input.remote.profile });
    return { ...own, emailHash: remoteIdentity(secret, input.remote).emailHash };
  }
  const r = input.reader;
  if (!r) return cleanAuthor(secret, input.author);
  const own = cleanAuthor(secret, { name: r.name, website: input.author.website });
  return { ...own, ...(r.email ? { email: r.email } : {}), emailHash: r.authorHash };
}

export interface Created {
  comment: CommentItem;
  /** False when the id already existed: a retry, answered with the first result. */
  created: boolean;
}

/** The parent a reply may hang under: approved (a remote reply: any status, as at its source), on the same site and page. */
async function findParent(
  store: Store,
  site: string,
  page: string,
  id: string,
  remote: boolean,
): Promise<CommentItem> {
  const parent = await store.comments.read(id);
  if (!parent || parent.site !== site || parent.page !== page || (!remote && parent.status !== 'approved'))
    throw new Refusal('parent_not_found', 'the comment replied to does not exist here', {
      fields: ['parentId'],
    });
  return parent;
}

/**
 * The page's URL: the poster's, when it is on one of the site's origins (it keeps the blog's own
 * spelling); else the site's first origin and the page path; never a host a poster chose.
 */
function pageUrlOf(site: SiteItem, page: string, claimed: string | undefined): string | undefined {
  const url = cleanPageUrl(cleanLine(claimed));
  if (url && site.origins.includes(new URL(url).origin)) return url;
  return site.origins[0] ? `${site.origins[0]}${page}` : undefined;
}

/** A keyed hash of what the request asks for, so a replay can be told from a different request. */
function requestHash(secret: string, input: CreateInput): string {
  const { site, client, composeToken, hp, ...asked } = input;
  return keyedHash(secret, 'request', JSON.stringify([site.id, asked]));
}

/** A retry gets the first result; the same key with another request is refused. */
function replayOf(found: CommentItem, hash: string | undefined): Created {
  if (found.requestHash !== hash)
    throw new Refusal('idempotency_conflict', 'this Idempotency-Key was used for another request');
  return { comment: found, created: false };
}

/** A remote reply: its cleaned origin (refused without an https original); its id comes from it. */
function remoteOf(input: CreateInput): RemoteOrigin | undefined {
  if (!input.remote) return undefined;
  const remote = cleanRemote(input.remote);
  if (!remote || remote.source !== input.source)
    throw new Refusal('invalid_input', 'a remote reply needs its source, its id and an https link to it');
  return remote;
}

export async function createComment(env: CommentEnv, input: CreateInput): Promise<Created> {
  const { secret, store } = env;
  const { site, page } = input;
  const remote = remoteOf(input);
  if (!remote && !input.client) throw new Error('a comment needs its client (only a remote reply has none)');
  const client = clientKey(input.client?.ip ?? '');
  const key = remote ? undefined : input.idempotencyKey;
  const id = remote
    ? remoteCommentId(secret, site.id, remote)
    : key
      ? idempotentId(secret, site.id, `${client}\u0000${key}`)
      : newId();
  const hash = key ? requestHash(secret, input) : undefined;
  // A retry (a refetch of a remote reply) is answered before any other check (rate limits, a parent deleted since).
  const first = key || remote ? await store.comments.read(id) : undefined;
  if (first) return remote ? { comment: first, created: false } : replayOf(first, hash);
  const prepared = prepareBody(input.body, site.maxBodyLength);
  const parent = input.parentId
    ? await findParent(store, site.id, page, input.parentId, remote !== undefined)
    : undefined;
  const author = authorOf(secret, { ...input, ...(remote ? { remote } : {}) });
  const ipHash = remote ? remoteIdentity(secret, remote).ipHash : keyedHash(secret, 'ip', client);
  const { status, reasons } = await decideStatus(env, site, input.source, {
    id,
    page,
    body: prepared.body,
    name: author.name,
    email: author.email,
    emailHash: author.emailHash,
    ipHash,
    website: author.website,
    url: input.url,
    hp: input.hp,
    composeToken: input.composeToken,
    client: input.client ?? { ip: '', userAgent: '' },
    ...(remote ? { remote: true } : {}),
  });
  const made = await store.comments.create(
    {
      id,
      site: site.id,
      page,
      parentId: parent?.id ?? null,
      depth: parent ? parent.depth + 1 : 0,
      ...prepared,
      authorName: author.name,
      ...(author.email ? { authorEmail: author.email } : {}),
      ...(author.emailHash ? { emailHash: author.emailHash } : {}),
      ...(input.reader ? { readerId: input.reader.id, verified: true } : {}),
      ...(author.website ? { authorWebsite: author.website } : {}),
      ipHash,
      avatar: avatarSeed(secret, site.id, author, ipHash),
      status,
      createdAt: remote ? remoteCreatedAt(input.createdAt, env.now()) : env.now().toISOString(),
      ...(remote ? { remote } : {}),
      ...(input.source === 'moderator' ? { byModerator: true } : {}),
      ...(input.notify && author.email ? { notify: true } : {}),
      ...(reasons.length > 0 ? { spamReasons: reasons } : {}),
      ...(hash ? { requestHash: hash } : {}),
    },
    {
      claimedTitle: input.title ? cleanLine(input.title).slice(0, 300) || undefined : undefined,
      url: pageUrlOf(site, page, input.url),
    },
  );
  // Two identical requests at once (two refreshes of one reply): the second finds the first's comment.
  return made.created || remote ? made : replayOf(made.comment, hash);
}
