/** WXR export → WordPress import into an empty site: the same pages, even where a page's URL is not its path. */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PageItem } from '../store/items.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { nativeHead } from './fixtures.testkit.js';
import type { NativeChunk, NativeComment, NativePage } from './native.js';
import { runImport, single } from './run.js';
import { writeSiteExport } from './site-export.js';
import { wxrLink } from './wxr.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.site('before');
  await h.site('after');
});
afterAll(async () => {
  await h?.drop();
});

/** Pages whose stored URL leads elsewhere than their key, and two whose URL leads back to it. */
const PAGES: NativePage[] = [
  { page: '/spa/first/', title: 'Hash route', url: 'https://blog.example/spa/#/first' },
  { page: '/app/second/', title: 'Query route', url: 'https://blog.example/app?view=second' },
  { page: '/notes/tidy/', url: 'https://blog.example/notes/tidy' },
  { page: '/moved/', title: 'Elsewhere', url: 'https://mirror.example.net/old/path.html', locked: true },
  { page: '/kept/', title: 'Own URL', url: 'https://blog.example/kept/index.html?utm=feed' },
  { page: '/bare/', title: 'No URL' },
];

/** A native file of the pages above: two comments each, the second a reply. */
function nativeFile(): string {
  const comments: NativeComment[] = PAGES.flatMap((p, i) =>
    [0, 1].map((j) => ({
      id: `c${i}x${j}`,
      page: p.page,
      parentId: j === 1 ? `c${i}x0` : null,
      depth: j,
      body: `Comment ${j} on ${p.page}`,
      html: `<p>Comment ${j} on ${p.page}</p>`,
      status: 'approved' as const,
      author: { name: `Reader ${j}` },
      createdAt: new Date(Date.UTC(2022, 0, 1 + i, 10, j)).toISOString(),
      score: 0,
      up: 0,
      down: 0,
    })),
  );
  const file: NativeChunk = {
    ...nativeHead('2022-02-01T00:00:00.000Z', '2021-01-01T00:00:00.000Z'),
    pages: PAGES,
    comments,
    nextCursor: null,
  };
  return JSON.stringify(file);
}

const shape = (pages: PageItem[]) =>
  pages
    .map((p) => `${p.page} total=${p.total} title=${p.title ?? '-'} url=${p.url ?? '-'} locked=${!!p.locked}`)
    .sort();

it('links each page at a URL that leads back to its key, keeping the stored URL beside it', () => {
  expect(wxrLink(PAGES[0]!, 'https://blog.example')).toEqual({
    link: 'https://blog.example/spa/first/',
    url: 'https://blog.example/spa/#/first',
  });
  // With no origin, the stored URL's own host carries the key.
  expect(wxrLink(PAGES[3]!, undefined).link).toBe('https://mirror.example.net/moved/');
  expect(wxrLink(PAGES[4]!, 'https://blog.example')).toEqual({ link: PAGES[4]!.url });
  expect(wxrLink(PAGES[5]!, 'https://blog.example/')).toEqual({ link: 'https://blog.example/bare/' });
});

it('exports a site as WXR that imports into an empty site as the same pages', async () => {
  const seeded = await runImport({
    store: h.store,
    secret: h.config.secret,
    site: 'before',
    format: 'native',
    chunks: single(nativeFile()),
  });
  expect(seeded.problemList).toEqual([]);
  const before = await h.store.pages.all('before');
  expect(before.map((p) => p.page).sort()).toEqual(PAGES.map((p) => p.page).sort());

  let xml = '';
  const out = new Writable({
    write(chunk, _enc, done) {
      xml += String(chunk);
      done();
    },
  });
  const site = (await h.store.sites.get('before'))!;
  expect(await writeSiteExport(h.store, site, 'wxr', out)).toEqual({ pages: 6, comments: 12 });
  expect(xml).toContain('<link>https://blog.example/spa/first/</link>');
  expect(xml).toContain('<link>https://blog.example/kept/index.html?utm=feed</link>');

  const back = await runImport({
    store: h.store,
    secret: h.config.secret,
    site: 'after',
    format: 'wordpress',
    chunks: single(xml),
  });
  expect(back.problemList).toEqual([]);
  expect(back.imported).toBe(12);
  const after = await h.store.pages.all('after');
  // A page without a stored URL comes back with the one its <link> gave: the key on the site's origin.
  const bare = before.find((p) => p.page === '/bare/')!;
  bare.url = 'https://blog.example/bare/';
  expect(shape(after)).toEqual(shape(before));
  for (const p of after) {
    const replies = (await h.store.threads.all('after', p.page, true)).filter((c) => c.parentId);
    expect(replies, p.page).toHaveLength(1);
  }
});
