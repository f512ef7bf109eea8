/**
 * Fake Mastodon and Bluesky at their HTTP boundary, answering the documented shapes: Mastodon's
 * `GET /api/v1/statuses/:id/context` (Status entities), Bluesky's `app.bsky.feed.getPostThread`
 * (threadViewPost / notFoundPost) and `com.atproto.identity.resolveHandle`. Tests change the state between refreshes.
 */
import { startWebServer, type WebServer } from '../../testing/web-server.js';

export interface FakeStatus {
  id: string;
  inReplyTo: string;
  acct: string;
  name: string;
  content: string;
  editedAt?: string;
  visibility?: 'public' | 'unlisted' | 'private' | 'direct';
}

/** A Mastodon status entity as the API documents it (the fields the fetcher reads, and a few more). */
function statusEntity(s: FakeStatus) {
  const [user, host = 'social.example'] = s.acct.split('@');
  return {
    id: s.id,
    created_at: `2026-11-0${(Number(s.id) % 9) + 1}T10:00:00.000Z`,
    in_reply_to_id: s.inReplyTo,
    in_reply_to_account_id: '1',
    sensitive: false,
    spoiler_text: '',
    visibility: s.visibility ?? 'public',
    language: 'en',
    uri: `https://${host}/users/${user}/statuses/${s.id}`,
    url: `https://${host}/@${user}/${s.id}`,
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    edited_at: s.editedAt ?? null,
    content: s.content,
    reblog: null,
    account: {
      id: `acct-${user}`,
      username: user,
      acct: s.acct,
      display_name: s.name,
      url: `https://${host}/@${user}`,
      avatar: `https://${host}/avatars/${user}.png`,
    },
    media_attachments: [],
    mentions: [],
    tags: [],
    emojis: [],
  };
}

export interface FakeMastodon {
  server: WebServer;
  /** The linked status's URL on this instance. */
  statusUrl: string;
  /** The descendants the context answers, in the instance's order. */
  statuses: FakeStatus[];
  /** Answer 404 for the linked status (deleted). */
  gone: boolean;
  close(): Promise<void>;
}

export async function startFakeMastodon(rootId = '1000'): Promise<FakeMastodon> {
  const server = await startWebServer();
  const fake: FakeMastodon = {
    server,
    statusUrl: `${server.origin}/@author/${rootId}`,
    statuses: [],
    gone: false,
    close: () => server.close(),
  };
  server.set(`/api/v1/statuses/${rootId}/context`, (_req, res) => {
    res.writeHead(fake.gone ? 404 : 200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(
      JSON.stringify(
        fake.gone
          ? { error: 'Record not found' }
          : { ancestors: [], descendants: fake.statuses.map(statusEntity) },
      ),
    );
  });
  return fake;
}

export interface FakePost {
  rkey: string;
  /** The parent's rkey; absent: a reply to the linked post. */
  parent?: string;
  handle: string;
  name: string;
  text: string;
  facets?: unknown[];
  /** Deleted: answered as a notFoundPost in its parent's replies. */
  deleted?: boolean;
}

const DID = 'did:plc:authorexample';

export interface FakeBluesky {
  server: WebServer;
  /** The linked post's bsky.app URL (its handle resolved by the fake). */
  postUrl: string;
  posts: FakePost[];
  close(): Promise<void>;
}

export async function startFakeBluesky(handle = 'author.example', rootKey = '3kroot'): Promise<FakeBluesky> {
  const server = await startWebServer();
  const rootUri = `at://${DID}/app.bsky.feed.post/${rootKey}`;
  const fake: FakeBluesky = {
    server,
    postUrl: `https://bsky.app/profile/${handle}/post/${rootKey}`,
    posts: [],
    close: () => server.close(),
  };
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const uriOf = (p: FakePost) => `at://did:plc:${p.handle.split('.')[0]}/app.bsky.feed.post/${p.rkey}`;
  const node = (p: FakePost): unknown =>
    p.deleted
      ? { $type: 'app.bsky.feed.defs#notFoundPost', uri: uriOf(p), notFound: true }
      : {
          $type: 'app.bsky.feed.defs#threadViewPost',
          post: {
            uri: uriOf(p),
            cid: `bafy${p.rkey}${p.text.length}`,
            author: { did: `did:plc:${p.handle.split('.')[0]}`, handle: p.handle, displayName: p.name },
            record: {
              $type: 'app.bsky.feed.post',
              text: p.text,
              ...(p.facets ? { facets: p.facets } : {}),
              createdAt: '2026-11-02T12:00:00.000Z',
              reply: { root: { uri: rootUri, cid: 'bafyroot' }, parent: { uri: rootUri, cid: 'bafyparent' } },
            },
            replyCount: 0,
            repostCount: 0,
            likeCount: 0,
            indexedAt: `2026-11-02T12:00:0${p.text.length % 10}.000Z`,
            labels: [],
          },
          replies: fake.posts.filter((c) => c.parent === p.rkey).map(node),
        };
  server.set('/xrpc/com.atproto.identity.resolveHandle', (req, res) => {
    const asked = new URL(req.url ?? '', server.origin).searchParams.get('handle');
    if (asked === handle) json(res, 200, { did: DID });
    else json(res, 400, { error: 'InvalidRequest', message: 'Unable to resolve handle' });
  });
  server.set('/xrpc/app.bsky.feed.getPostThread', (req, res) => {
    const asked = new URL(req.url ?? '', server.origin).searchParams.get('uri');
    if (asked !== rootUri) return json(res, 400, { error: 'NotFound', message: `Post not found: ${asked}` });
    json(res, 200, {
      thread: {
        $type: 'app.bsky.feed.defs#threadViewPost',
        post: {
          uri: rootUri,
          cid: 'bafyroot',
          author: { did: DID, handle, displayName: 'The Author' },
          record: {
            $type: 'app.bsky.feed.post',
            text: 'New post on the blog',
            createdAt: '2026-11-01T00:00:00.000Z',
          },
          indexedAt: '2026-11-01T00:00:00.000Z',
        },
        replies: fake.posts.filter((p) => !p.parent).map(node),
      },
    });
  });
  return fake;
}
