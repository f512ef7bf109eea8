/** `afterword page link|unlink|links`: a moderator links a page to its Mastodon status and Bluesky post from the CLI. */
import { afterAll, expect, it } from 'vitest';
import { captureCli, cliStore } from '../testing/cli.js';
import { main } from './main.js';

const io = captureCli({ sharedTable: true });
let store: ReturnType<typeof cliStore> | undefined;
afterAll(() => store?.close());

it('links a page to posts, lists them, refuses what is not a post, and unlinks', async () => {
  expect(await main(['site', 'add', 'blog', '--origin', 'https://blog.example'])).toBe(0);
  const status = 'https://social.example/@ann/112233';
  const post = 'https://bsky.app/profile/ann.example/post/3kxyz';
  expect(await main(['page', 'link', 'blog', 'https://blog.example/posts/hi', status])).toBe(0);
  expect(io.out).toContain(`linked /posts/hi/ to mastodon ${status}`);
  expect(await main(['page', 'link', 'blog', '/posts/hi/', post])).toBe(0);
  store = cliStore(io);
  expect((await store.remoteLinks.get('blog', '/posts/hi/'))?.posts).toEqual([
    { source: 'mastodon', url: status, by: 'moderator' },
    { source: 'bluesky', url: post, by: 'moderator' },
  ]);
  io.out = '';
  expect(await main(['page', 'links', 'blog'])).toBe(0);
  expect(io.out).toContain(`/posts/hi/\tmastodon\t${status}`);
  expect(io.out).toContain(`/posts/hi/\tbluesky\t${post}`);

  expect(await main(['page', 'link', 'blog', '/posts/hi/', 'https://social.example/about'])).not.toBe(0);
  expect(io.err).toMatch(/Mastodon status URL or Bluesky post URL/);
  expect(await main(['page', 'link', 'nosuch', '/posts/hi/', status])).not.toBe(0);
  expect(await main(['page', 'unlink', 'blog', '/posts/hi/', status])).toBe(0);
  expect((await store.remoteLinks.get('blog', '/posts/hi/'))?.posts.map((p) => p.source)).toEqual([
    'bluesky',
  ]);
  expect(await main(['page', 'unlink', 'blog', '/posts/hi/', status])).not.toBe(0);
});
