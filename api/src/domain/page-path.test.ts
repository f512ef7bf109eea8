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
});
