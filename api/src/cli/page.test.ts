/** `afterword page move`: an imported thread moves with its counts and opt-outs; again is harmless; refusals say why. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { wordpressBlog } from '../portability/map.testkit.js';
import { captureCli, cliStore } from '../testing/cli.js';
import { main } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'aw-page-'));
const wxr = join(dir, 'wordpress.xml');
writeFileSync(wxr, wordpressBlog());
const io = captureCli({ sharedTable: true });
let store: ReturnType<typeof cliStore> | undefined;
afterAll(() => store?.close());

it('moves a page with its thread, counts, lock and opt-outs; running it again is harmless', async () => {
  expect(await main(['site', 'add', 'blog', '--origin', 'https://blog.example'])).toBe(0);
  expect(await main(['import', wxr, '--site', 'blog', '--format', 'wordpress', '--quiet'])).toBe(0);
  store = cliStore(io);
  const ana = (await store.threads.all('blog', '/2014/test/', false)).find((c) => c.authorName === 'Ana');
  expect(ana?.emailHash).toBeTruthy();
  await store.subscriptions.mute('blog', ana!.emailHash!, '/2014/test/', new Date().toISOString());
  // A reader's reaction on the page itself goes along with it.
  const { item } = await store.reactions.page('blog', '/2014/test/');
  await store.reactions.set(
    { kind: 'page', site: 'blog', page: '/2014/test/', item },
    '👍',
    'reader-1',
    true,
    new Date().toISOString(),
  );

  io.out = '';
  const move = [
    'page',
    'move',
    '--site',
    'blog',
    '--from',
    'https://old.example/2014/test',
    '--to',
    '/posts/test/',
  ];
  expect(await main(move)).toBe(0);
  expect(io.out).toContain(
    'moved /2014/test/ to /posts/test/: 2 comments shown, 2 in all (this run: 2 comments, 1 thread opt-outs, 1 reactions on the page, 0 other items)',
  );
  const pages = new Map((await store.pages.all('blog')).map((p) => [p.page, p]));
  expect(pages.has('/2014/test/')).toBe(false);
  expect(pages.get('/posts/test/')).toMatchObject({
    count: 2,
    total: 2,
    title: 'A test post',
    reactions: { '👍': 1 },
  });
  expect(await store.subscriptions.isMuted('blog', ana!.emailHash!, '/posts/test/')).toBe(true);
  expect(await store.subscriptions.isMuted('blog', ana!.emailHash!, '/2014/test/')).toBe(false);

  io.out = '';
  expect(await main(move)).toBe(0);
  expect(io.out).toContain('nothing at /2014/test/: already moved; /posts/test/ has 2 comments shown');
  expect((await store.pages.all('blog')).find((p) => p.page === '/posts/test/')?.total).toBe(2);

  // A closed thread stays closed where it goes.
  expect(
    await main(['page', 'move', '--site', 'blog', '--from', '/2014/second/', '--to', '/posts/second/']),
  ).toBe(0);
  expect(io.out).toContain('/posts/second/: 1 comments shown, 1 in all, locked');
});

it('refuses a target with comments, an unknown page and bad flags, saying why', async () => {
  io.err = '';
  expect(await main(['page', 'move', '--site', 'blog', '--from', '/about/', '--to', '/posts/test/'])).toBe(1);
  expect(io.err).toContain(
    'refused: /posts/test/ already has comments (2); page move does not merge threads',
  );
  io.err = '';
  expect(await main(['page', 'move', '--site', 'blog', '--from', '/nope/', '--to', '/nowhere/'])).toBe(1);
  expect(io.err).toContain('no page /nope/ on blog');
  expect(await main(['page', 'move', '--site', 'blog', '--from', '/about/'])).toBe(2);
  expect(io.err).toContain('--to <path> is needed');
  expect(await main(['page', 'rename', '--site', 'blog', '--from', '/a/', '--to', '/b/'])).toBe(2);
  expect(await main(['page', 'move', '--site', 'ghost', '--from', '/a/', '--to', '/b/'])).toBe(2);
});
