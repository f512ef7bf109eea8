/** `afterword import --map/--map-file/--dry-run`: a WordPress blog moving to Hugo, dry run first, then the import. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { MAPPER_CSV, MOVED, PREFIX_RULE, wordpressBlog } from '../portability/map.testkit.js';
import { captureCli, cliStore } from '../testing/cli.js';
import { main } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'aw-map-'));
const wxr = join(dir, 'wordpress.xml');
const csv = join(dir, 'urls.csv');
writeFileSync(wxr, wordpressBlog());
writeFileSync(csv, MAPPER_CSV);
const io = captureCli({ sharedTable: true });
const args = [
  'import',
  wxr,
  '--site',
  'hugo',
  '--format',
  'wordpress',
  '--rewrite',
  'old.example=blog.example',
];
const maps = ['--map', PREFIX_RULE, '--map-file', csv];
let store: ReturnType<typeof cliStore> | undefined;
afterAll(() => store?.close());

it('a dry run prints old -> new for every page with its comments and writes nothing', async () => {
  expect(await main(['site', 'add', 'hugo', '--origin', 'https://blog.example'])).toBe(0);
  io.out = '';
  expect(await main([...args, ...maps, '--dry-run', '--quiet'])).toBe(0);
  const lines = io.out.split('\n').filter(Boolean);
  expect(lines).toEqual([
    '  /2013/11/old-news/ -> /posts/old-news/  (1 comment; /2013/11/old-news/=/posts/old-news/)',
    '  /2014/second/ -> /posts/second/  (1 comment; /2014/*=/posts/*)',
    '  /2014/test/ -> /posts/test/  (2 comments; /2014/*=/posts/*)',
    '  /about/  (unchanged, 1 comment)',
    'dry run: 4 pages, 3 mapped; nothing was written',
  ]);
  expect(io.err).toContain('rule /2012/gone/=/posts/gone/ matched no page');
  store = cliStore(io);
  expect(await store.pages.all('hugo')).toEqual([]);
});

it('the import then puts every thread at its new path, threading, lock and URL kept', async () => {
  store ??= cliStore(io);
  expect(await main([...args, ...maps, '--quiet'])).toBe(0);
  expect(io.out).toContain('imported 5 comments into hugo (0 already there, 0 problems, 4 pages)');
  const pages = await store.pages.all('hugo');
  expect(Object.fromEntries(pages.map((p) => [p.page, p.count]))).toEqual(MOVED);
  const test = pages.find((p) => p.page === '/posts/test/')!;
  expect(test.url).toBe('https://blog.example/posts/test/');
  expect(pages.find((p) => p.page === '/posts/second/')?.locked).toBe(true);
  const thread = await store.threads.all('hugo', '/posts/test/', false);
  const [top, reply] = [...thread].sort((a, b) => a.depth - b.depth);
  expect(reply?.parentId).toBe(top?.id);
  expect(reply?.depth).toBe(1);
});

it('refuses a malformed map, a --rewrite with a path and a bad map file, saying what is wrong', async () => {
  const refused = async (extra: string[], why: RegExp) => {
    io.err = '';
    expect(await main([...args, ...extra, '--dry-run']), extra.join(' ')).toBe(2);
    expect(io.err).toMatch(why);
  };
  await refused(
    ['--map', '/2014/*=/posts/'],
    /--map "\/2014\/\*=\/posts\/": a prefix rule ends both sides with \*/,
  );
  await refused(['--map', '/2014/test/'], /expected exactly one =/);
  await refused(
    ['--rewrite', 'old.example/2014/=blog.example/posts/'],
    /maps hosts only; map paths with --map/,
  );
  await refused(['--map-file', join(dir, 'missing.csv')], /cannot read the map file/);
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, '/a/, /b/\n/c/\n');
  await refused(['--map-file', bad], /bad\.csv line 2: expected "old URL, new URL"/);
  writeFileSync(bad, '/2014/test/, /elsewhere/\n');
  await refused(['--map', '/2014/test/=/posts/x/', '--map-file', bad], /"\/2014\/test\/" is already mapped/);
});
