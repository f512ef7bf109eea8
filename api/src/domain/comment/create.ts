/**
 * The one service that creates a comment, whatever its source: one body check, one author cleaning,
 * one avatar recipe, one status decision, one render, one conditional write. Knows no HTTP.
 */
import type { Store } from '../../store/index.js';
import type { CommentItem, CommentStatus, SiteItem } from '../../store/items.js';
import { Refusal } from '../failure.js';
import { initialStatus } from '../moderation.js';
import { cleanPageUrl } from '../page-path.js';
import { guardPost } from '../spam-guard.js';
import { cleanLine } from '../text.js';
import { keyedHash, newId } from '../tokens.js';
import {
  type AuthorInput,
  avatarSeed,
  type BodyInput,
  type CleanAuthor,
  type CommentSource,
  cleanAuthor,
  prepareBody,
} from './prepare.js';

export interface CommentEnv {
  store: Store;
  secret: string;
  akismetUrl: string;
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
  /** Chosen by the caller when a retry must find the first one (idempotency); else random. */
  id?: string;
  parentId?: string | null | undefined;
  body: BodyInput;
  author: AuthorInput;
  client: ClientFacts;
  /** The page's title and URL as the poster claims them (kept only for the first comment). */
  title?: string | undefined;
  url?: string | undefined;
  notify?: boolean | undefined;
  /** Spam signals of a public post: the signed compose token and the honeypot. */
  composeToken?: string | undefined;
  hp?: string | undefined;
}

export interface Created {
  comment: CommentItem;
  /** False when the id already existed: a retry, answered with the first result. */
  created: boolean;
}

/** The parent a reply may hang under: approved, on the same site and page. */
async function findParent(store: Store, site: string, page: string, id: string): Promise<CommentItem> {
  const parent = await store.comments.read(id);
  if (!parent || parent.site !== site || parent.page !== page || parent.status !== 'approved')
    throw new Refusal('parent_not_found', 'the comment replied to does not exist here', {
      fields: ['parentId'],
    });
  return parent;
}

/** One status decision per source: moderators publish; the web runs the guard and moderation mode. */
async function decideStatus(
  env: CommentEnv,
  input: CreateInput,
  id: string,
  author: CleanAuthor,
  body: string,
  ipHash: string,
): Promise<{ status: CommentStatus; reasons: string[] }> {
  if (input.source === 'moderator') return { status: 'approved', reasons: [] };
  const guard = await guardPost(env, input.site, {
    id,
    page: input.page,
    body,
    name: author.name,
    email: author.email,
    emailHash: author.emailHash,
    ipHash,
    website: author.website,
    url: input.url,
    hp: input.hp,
    composeToken: input.composeToken,
    client: input.client,
  });
  if (guard.action === 'refuse') throw guard.refusal;
  const base = await initialStatus(env.store, input.site, { emailHash: author.emailHash });
  return { status: guard.action === 'ok' ? base : guard.action, reasons: guard.reasons };
}

export async function createComment(env: CommentEnv, input: CreateInput): Promise<Created> {
  const { secret, store } = env;
  const { site, page } = input;
  const id = input.id ?? newId();
  const prepared = prepareBody(input.body, site.maxBodyLength);
  const parent = input.parentId ? await findParent(store, site.id, page, input.parentId) : undefined;
  const author = cleanAuthor(secret, input.author);
  const ipHash = keyedHash(secret, 'ip', input.client.ip);
  const { status, reasons } = await decideStatus(env, input, id, author, prepared.body, ipHash);
  return store.comments.create(
    {
      id,
      site: site.id,
      page,
      parentId: parent?.id ?? null,
      depth: parent ? parent.depth + 1 : 0,
      ...prepared,
      authorName: author.name,
      ...(author.email ? { authorEmail: author.email, emailHash: author.emailHash } : {}),
      ...(author.website ? { authorWebsite: author.website } : {}),
      ipHash,
      avatar: avatarSeed(secret, site.id, author, ipHash),
      status,
      createdAt: env.now().toISOString(),
      ...(input.source === 'moderator' ? { byModerator: true } : {}),
      ...(input.notify && author.email ? { notify: true } : {}),
      ...(reasons.length > 0 ? { spamReasons: reasons } : {}),
    },
    {
      title: input.title ? cleanLine(input.title).slice(0, 300) : undefined,
      url: cleanPageUrl(cleanLine(input.url)),
    },
  );
}
