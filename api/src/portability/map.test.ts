/** Path maps: exact and prefix rules on page keys, the mapper CSV, and every malformed rule refused by name. */
import { describe, expect, it } from 'vitest';
import { applyPathMap, buildPathMap, mapArgRules, mapFileRules, type PathMap, parseMapArgs } from './map.js';
import { mapPage, parseRewrites } from './pages.js';

function map(...pairs: string[]): PathMap {
  const m = parseMapArgs(pairs);
  if (typeof m === 'string') throw new Error(m);
  return m;
}

describe('rules', () => {
  it('maps exact keys however the path is written, and prefixes by the longest match', () => {
    const m = map('/2014/test=/posts/test/', '/2014/*=/posts/*', '/2014/05/*=/archive/may/*');
    expect(applyPathMap(m, '/2014/test/')).toEqual({
      page: '/posts/test/',
      rule: '/2014/test/=/posts/test/',
    });
    expect(applyPathMap(m, '/2014/other/')).toEqual({ page: '/posts/other/', rule: '/2014/*=/posts/*' });
    expect(applyPathMap(m, '/2014/05/first/')?.page).toBe('/archive/may/first/');
    expect(applyPathMap(m, '/2015/x/')).toEqual({ page: '/2015/x/' });
    // Through the importer's page rules: a full URL, index.html, a host rewrite, the URL's path follows.
    expect(
      mapPage('https://old.example/2014/test/index.html?x=1', { 'old.example': 'blog.example' }, m),
    ).toEqual({
      page: '/posts/test/',
      url: 'https://blog.example/posts/test/',
      from: '/2014/test/',
      rule: '/2014/test/=/posts/test/',
    });
    expect(mapPage('/about/', {}, m)).toEqual({ page: '/about/' });
  });

  it('rules do not chain, URLs on either side give their paths, encodings meet', () => {
    const m = map('/a/=/b/', '/b/=/c/', 'https://old.example/caf%C3%A9/=//new.example/cafe');
    expect(applyPathMap(m, '/a/')?.page).toBe('/b/');
    expect(applyPathMap(m, '/b/')?.page).toBe('/c/');
    expect(mapPage('/café/', {}, m)?.page).toBe('/cafe/');
  });

  it('a prefix rule whose result is no usable page drops the record instead of guessing', () => {
    const m = map(`/x/*=/${'y'.repeat(500)}/*`);
    expect(applyPathMap(m, '/x/some-long-enough-slug/')).toBeUndefined();
  });

  it('refuses malformed rules with what is wrong and where', () => {
    const bad: [string, RegExp][] = [
      ['/a/', /exactly one =/],
      ['/a/=/b/=/c/', /exactly one =/],
      ['=/b/', /empty/],
      ['/a/*=/b/', /both sides with \*/],
      ['/a/=/b/*', /both sides with \*/],
      ['/a*/b/=/c/*', /\* may only end a rule/],
      ['a/=/b/', /neither a path starting with \/ nor a URL/],
      ['/a/?p=1=/b/', /exactly one =/],
      ['/a/#top=/b/', /query or fragment/],
      [`/${'a'.repeat(600)}/=/b/`, /not a usable page path/],
    ];
    for (const [pair, why] of bad) {
      const m = parseMapArgs([pair]);
      expect(typeof m, pair).toBe('string');
      expect(m, pair).toMatch(why);
      expect(m, pair).toContain(`--map "${pair.slice(0, 200)}`);
    }
    expect(parseMapArgs(['/a/=/b/', '/a=/c/'])).toMatch(/"\/a\/" is already mapped to "\/b\/"/);
    expect(parseMapArgs(['/a/=/b/', '/a/index.html=/b/'])).not.toBeTypeOf('string');
  });
});

describe('mapper CSV', () => {
  it('reads "old URL, new URL" lines, quoted fields, CRLF, a BOM, blank and # lines', () => {
    const csv =
      '\uFEFF# exported from the old blog\r\n' +
      'https://old.example/2014/test/, https://blog.example/posts/test/\r\n' +
      '\r\n' +
      '"https://old.example/2014/a,b/" , "https://blog.example/posts/a-b/"\r\n' +
      '/2013/*,/posts/*\n';
    const rules = mapFileRules(csv, 'urls.csv');
    if (typeof rules === 'string') throw new Error(rules);
    expect(rules.map((r) => r.where)).toEqual(['urls.csv line 2', 'urls.csv line 4', 'urls.csv line 5']);
    const m = buildPathMap(rules);
    if (typeof m === 'string') throw new Error(m);
    expect(applyPathMap(m, '/2014/test/')?.page).toBe('/posts/test/');
    expect(applyPathMap(m, '/2014/a%2Cb/')?.page).toBe('/posts/a-b/');
    expect(applyPathMap(m, '/2013/old/')?.page).toBe('/posts/old/');
  });

  it('names the line of a bad row; an empty file is refused', () => {
    expect(mapFileRules('/a/,/b/\nhttps://only-one.example/\n', 'm.csv')).toMatch(
      /^m\.csv line 2: expected "old URL, new URL", found 1 value/,
    );
    expect(mapFileRules('/a/,/b/,/c/\n', 'm.csv')).toMatch(/line 1: .* found 3 value/);
    expect(mapFileRules('"/a/,/b/\n', 'm.csv')).toMatch(/line 1: a quote is not closed/);
    expect(mapFileRules('\n# nothing\n', 'm.csv')).toMatch(/no mapping lines/);
    const rules = mapFileRules('/a/,nonsense\n', 'm.csv');
    expect(typeof rules === 'string' ? rules : buildPathMap(rules)).toMatch(/^m\.csv line 1: "nonsense"/);
  });

  it('--map rules and file rules meet in one map, conflicts refused', () => {
    const args = mapArgRules(['/a/=/b/']);
    const file = mapFileRules('/a/,/c/\n', 'm.csv');
    if (typeof args === 'string' || typeof file === 'string') throw new Error('parse');
    expect(buildPathMap([...args, ...file])).toMatch(/^m\.csv line 1: "\/a\/" is already mapped/);
  });
});

describe('--rewrite', () => {
  it('maps hosts; a value with a path is refused with a pointer to --map', () => {
    expect(parseRewrites(['old.example=https://blog.example/'])).toEqual({ 'old.example': 'blog.example' });
    expect(parseRewrites(['old.example/2014/=blog.example/posts/'])).toMatch(/maps hosts only; .*--map/);
    expect(parseRewrites(['https://old.example=https://blog.example/posts'])).toMatch(/--map old=new/);
    expect(parseRewrites(['x'])).toMatch(/not a rewrite/);
  });
});
