/** The recent box's options, excerpts and links (its list in Chromium: test/e2e/site-files.test.ts). */
import { describe, expect, it } from 'vitest';
import type { RecentComment } from '../../api/src/contract/files.js';
import { commentLink, DEFAULT_COUNT, DEFAULT_LENGTH, excerpt, option } from './recent.js';

function entry(extra: Partial<RecentComment> = {}): RecentComment {
  return {
    page: '/posts/a/',
    comment: {
      id: 'c1',
      parentId: null,
      depth: 0,
      author: { name: 'Ada', avatar: 'abcdef012345' },
      html: '<p>Hi</p>',
      createdAt: '2026-11-30T10:00:00.000Z',
      score: 0,
      status: 'approved',
    },
    ...extra,
  };
}

describe('option', () => {
  it('takes a positive whole number, else the default', () => {
    expect(option('3', DEFAULT_COUNT)).toBe(3);
    expect(option('40', DEFAULT_LENGTH)).toBe(40);
    for (const bad of [undefined, '', '0', '-2', 'five', 'NaN']) expect(option(bad, 5), String(bad)).toBe(5);
  });
});

describe('excerpt', () => {
  it('keeps a short text whole, its white space collapsed', () => {
    expect(excerpt('  one\n\n two\tthree ', 120)).toBe('one two three');
    expect(excerpt('x'.repeat(120), 120)).toBe('x'.repeat(120));
  });

  it('cuts a long text at a word end, ellipsis included in the length', () => {
    const text = 'The quick brown fox jumps over the lazy dog again and again';
    const cut = excerpt(text, 20);
    expect(cut).toBe('The quick brown fox…');
    expect([...cut].length).toBeLessThanOrEqual(20);
  });

  it('cuts inside a word when no word end is near', () => {
    expect(excerpt('Supercalifragilisticexpialidocious', 10)).toBe('Supercali…');
  });

  it('counts characters, never splitting one written with two UTF-16 units', () => {
    const cut = excerpt('😀'.repeat(30), 10);
    expect([...cut]).toHaveLength(10);
    expect(cut).toBe(`${'😀'.repeat(9)}…`);
  });
});

describe('commentLink', () => {
  it("is the page's URL with the comment's anchor", () => {
    expect(commentLink(entry({ url: 'https://blog.example/posts/a/' }))).toBe(
      'https://blog.example/posts/a/#comment-c1',
    );
  });

  it('is the page key (a path on this site) when the file has no URL, and drops a fragment the URL had', () => {
    expect(commentLink(entry())).toBe('/posts/a/#comment-c1');
    expect(commentLink(entry({ url: 'https://blog.example/posts/a/#top' }))).toBe(
      'https://blog.example/posts/a/#comment-c1',
    );
  });
});
