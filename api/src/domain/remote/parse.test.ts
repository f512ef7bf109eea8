/** The fetchers' pure parts: which URLs are posts, Bluesky facets as links (byte offsets), Mastodon and Bluesky answers read. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../testing/web-server.js';
import { fetchBluesky, parsePostUrl, textToHtml } from './bluesky.js';
import { discoverPosts } from './discover.js';
import { postSource } from './links.js';
import { fetchMastodon, parseStatusUrl } from './mastodon.js';
import type { OutboundEnv } from './thread.js';

describe('post URLs', () => {
  it('reads Mastodon status URLs and Bluesky post URLs (and at:// URIs), and nothing else', () => {
    expect(parseStatusUrl('https://mastodon.social/@ann/109876543210')).toEqual({
      origin: 'https://mastodon.social',
      id: '109876543210',
    });
    expect(parseStatusUrl('https://social.example/users/ann/statuses/42')?.id).toBe('42');
    expect(parseStatusUrl('https://social.example/@ann')).toBeUndefined();
    expect(parseStatusUrl('https://social.example/about/more')).toBeUndefined();
    expect(parsePostUrl('https://bsky.app/profile/ann.bsky.social/post/3kabc')).toEqual({
      actor: 'ann.bsky.social',
      rkey: '3kabc',
    });
    expect(parsePostUrl('at://did:plc:abc/app.bsky.feed.post/3kabc')).toEqual({
      actor: 'did:plc:abc',
      rkey: '3kabc',
    });
    expect(parsePostUrl('http://bsky.app/profile/ann/post/3k')).toBeUndefined();
    expect(parsePostUrl('https://bsky.app/profile/ann.bsky.social')).toBeUndefined();
    expect(postSource('https://bsky.app/profile/ann.bsky.social/post/3kabc')).toBe('bluesky');
    expect(postSource('https://social.example/@ann/1')).toBe('mastodon');
    expect(postSource('https://blog.example/posts/hello/')).toBeUndefined();
  });
});

describe('Bluesky text and facets', () => {
  it('turns link, mention and tag facets into links at their UTF-8 byte offsets, escaping the rest', () => {
    const text = 'héllo 👋 <b> example.com @ann #tag\nnext';
    const at = (s: string) => Buffer.byteLength(text.slice(0, text.indexOf(s)));
    const span = (s: string) => ({ byteStart: at(s), byteEnd: at(s) + Buffer.byteLength(s) });
    const html = textToHtml(text, [
      { index: span('#tag'), features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'tag' }] },
      {
        index: span('example.com'),
        features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/' }],
      },
      { index: span('@ann'), features: [{ $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:ann' }] },
      {
        index: span('<b>'),
        features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'javascript:alert(1)' }],
      },
    ]);
    expect(html).toBe(
      '<p>héllo 👋 &lt;b&gt; <a href="https://example.com/">example.com</a> ' +
        '<a href="https://bsky.app/profile/did%3Aplc%3Aann">@ann</a> ' +
        '<a href="https://bsky.app/hashtag/tag">#tag</a><br>next</p>',
    );
  });

  it('ignores facets that overlap or run past the text', () => {
    expect(
      textToHtml('abc', [
        {
          index: { byteStart: 1, byteEnd: 99 },
          features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://x.example/' }],
        },
      ]),
    ).toBe('<p>abc</p>');
  });
});

describe('the page’s own links', () => {
  it('takes rel=syndication, u-syndication and the script tag’s attributes, each once', () => {
    const html = `<html><head><link rel="syndication" href="https://social.example/@ann/7"></head><body>
      <div class="h-entry"><a class="u-syndication" href="https://bsky.app/profile/ann.example/post/3k1">b</a>
      <a class="u-syndication" href="https://social.example/@ann/7">again</a>
      <a class="u-syndication" href="https://twitter.example/ann/status/1">not ours</a></div>
      <script src="/embed.js" data-afterword-mastodon="https://social.example/@ann/8 https://nope.example/"></script>
      </body></html>`;
    expect(discoverPosts(html, 'https://blog.example/p/')).toEqual([
      { source: 'mastodon', url: 'https://social.example/@ann/7' },
      { source: 'bluesky', url: 'https://bsky.app/profile/ann.example/post/3k1' },
      { source: 'mastodon', url: 'https://social.example/@ann/8' },
    ]);
  });
});

describe('answers', () => {
  let web: WebServer;
  let out: OutboundEnv;
  beforeAll(async () => {
    web = await startWebServer();
    out = { allow: [web.host], timeoutMs: 2000, maxBytes: 4096 };
  });
  afterAll(() => web.close());

  it('keeps a Mastodon reply whose parent is not shown under the post, with its content warning', async () => {
    const account = { acct: 'ann', display_name: '', username: 'ann', url: 'https://social.example/@ann' };
    const s = (id: string, parent: string, extra = {}) => ({
      id,
      in_reply_to_id: parent,
      created_at: '2026-11-01T00:00:00.000Z',
      url: `https://social.example/@ann/${id}`,
      visibility: 'public',
      content: `<p>${id}</p>`,
      spoiler_text: '',
      account,
      ...extra,
    });
    web.set('/api/v1/statuses/1/context', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ancestors: [],
        descendants: [
          s('3', '2'),
          s('2', '9', { visibility: 'direct' }),
          s('4', '1', { spoiler_text: 'CW <x>' }),
        ],
      }),
    });
    const thread = await fetchMastodon({ origin: web.origin, id: '1' }, out);
    if (thread.gone) throw new Error('gone');
    expect(thread.replies.map((r) => [r.remote.remoteId, r.remote.parentRemoteId, r.name])).toEqual([
      ['3', undefined, 'ann'],
      ['4', undefined, 'ann'],
    ]);
    expect(thread.replies[1]!.html).toBe('<p><strong>CW &lt;x&gt;</strong></p><p>4</p>');
  });

  it('says an answer of 60 descendants (the cap of an anonymous context) may be partial', async () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: String(100 + i),
        in_reply_to_id: '6',
        created_at: '2026-11-01T00:00:00.000Z',
        url: `https://social.example/@ann/${100 + i}`,
        visibility: 'public',
        content: '<p>x</p>',
        account: { acct: 'ann', url: 'https://social.example/@ann' },
      }));
    const big = { ...out, maxBytes: 1024 * 1024 };
    web.set('/api/v1/statuses/6/context', { body: JSON.stringify({ ancestors: [], descendants: many(60) }) });
    expect(await fetchMastodon({ origin: web.origin, id: '6' }, big)).toMatchObject({ partial: true });
    web.set('/api/v1/statuses/6/context', { body: JSON.stringify({ ancestors: [], descendants: many(59) }) });
    expect(await fetchMastodon({ origin: web.origin, id: '6' }, big)).not.toHaveProperty('partial');
  });

  it('refuses an answer over the size limit, and reads a NotFound thread as gone', async () => {
    web.set('/api/v1/statuses/5/context', { body: JSON.stringify({ descendants: ['x'.repeat(9000)] }) });
    await expect(fetchMastodon({ origin: web.origin, id: '5' }, out)).rejects.toThrow(/size limit/);
    web.set('/xrpc/app.bsky.feed.getPostThread', {
      status: 400,
      body: '{"error":"NotFound","message":"Post not found"}',
    });
    expect(await fetchBluesky('at://did:plc:x/app.bsky.feed.post/1', web.origin, out)).toEqual({
      gone: true,
    });
  });
});
