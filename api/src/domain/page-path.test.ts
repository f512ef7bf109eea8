import { describe, expect, it } from 'vitest';
import { normalizePage } from './page-path.js';

describe('normalizePage', () => {
  it.each([
    ['/posts/hello', '/posts/hello/'],
    ['/posts/hello/', '/posts/hello/'],
    ['/posts/hello/index.html', '/posts/hello/'],
    ['/posts/hello/INDEX.HTM', '/posts/hello/'],
    ['https://blog.example.com/posts/hello?utm=x#c1', '/posts/hello/'],
    ['//blog.example.com/posts/hello', '/posts/hello/'],
    ['/posts//hello', '/posts/hello/'],
    ['/about.html', '/about.html'],
    ['/', '/'],
    ['/index.html', '/'],
    ['/café', '/caf%C3%A9/'],
    ['/caf%C3%A9', '/caf%C3%A9/'],
    ['/a/./b', '/a/b/'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePage(input)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    'javascript:alert(1)',
    'data:text/html,x',
    'ftp://x/y',
    `/${'a'.repeat(600)}`,
    '/a\u0000b',
  ])('refuses %j', (input) => {
    expect(normalizePage(input)).toBeUndefined();
  });

  it('keeps one thread for every spelling of one post', () => {
    const spellings = ['/p/x', '/p/x/', '/p/x/index.html', 'http://h/p/x?a=1', 'https://h/p/x#frag'];
    expect(new Set(spellings.map(normalizePage)).size).toBe(1);
  });

  it('is one thread whatever the Unicode normalisation of its path (NFC)', () => {
    expect(normalizePage('/caf\u0065\u0301/')).toBe(normalizePage('/caf\u00e9/'));
    expect(normalizePage('/caf%65%CC%81/')).toBe('/caf%C3%A9/');
  });

  it('keeps an encoded slash inside its segment: /a%2Fb/ is not /a/b/', () => {
    expect(normalizePage('/a%2Fb/')).toBe('/a%2Fb/');
    expect(normalizePage('/a%2fb/')).toBe('/a%2Fb/');
    expect(normalizePage('/a%2Fb/')).not.toBe(normalizePage('/a/b/'));
    expect(normalizePage('https://h.example/a%2F..%2Fb')).toBe('/a%2F..%2Fb/');
  });

  it('resolves dot segments as a browser does, however they are spelled', () => {
    for (const spelling of ['/a/../b/', '/a/%2e%2e/b/', '/a/.%2E/b/', '/a/./x/../../b/'])
      expect(normalizePage(spelling), spelling).toBe('/b/');
    expect(normalizePage('/%2e%2e/%2e%2e/')).toBe('/');
  });
});
