/** Reading a Webmention source: its links to the target, and what its h-entry says (reply, like, repost, mention). */
import { describe, expect, it } from 'vitest';
import { linksTo, readEntry } from './source.js';

const TARGET = new URL('https://blog.example/posts/hello/');
const BASE = 'https://alice.example/notes/1';

const reply = (inner: string) => `<!doctype html><html><body>
<article class="h-entry">
  <span class="p-author h-card"><a class="p-name u-url" href="https://alice.example/">Alice Doe</a></span>
  <p>Replying to <a class="u-in-reply-to" href="https://blog.example/posts/hello">the post</a></p>
  <div class="e-content">${inner}</div>
  <a class="u-url" href="/notes/1">permalink</a>
  <time class="dt-published" datetime="2026-11-30T10:00:00Z">Nov 30</time>
</article></body></html>`;

describe('linksTo', () => {
  it('finds an href or src naming the same page (relative, without its slash, with a fragment)', () => {
    expect(linksTo('<a href="https://blog.example/posts/hello/">x</a>', BASE, TARGET)).toBe(true);
    expect(linksTo('<p><img src="https://blog.example/posts/hello#c1"></p>', BASE, TARGET)).toBe(true);
    expect(linksTo('<a href="/posts/hello/">x</a>', 'https://blog.example/other/', TARGET)).toBe(true);
    expect(
      linksTo('<template><a href="https://blog.example/posts/hello/">x</a></template>', BASE, TARGET),
    ).toBe(true);
  });

  it('does not count text, another page, another origin or a non-link attribute', () => {
    expect(linksTo('<p>https://blog.example/posts/hello/</p>', BASE, TARGET)).toBe(false);
    expect(linksTo('<a href="https://blog.example/posts/other/">x</a>', BASE, TARGET)).toBe(false);
    expect(linksTo('<a href="https://evil.example/posts/hello/">x</a>', BASE, TARGET)).toBe(false);
    expect(linksTo('<a data-x="https://blog.example/posts/hello/">x</a>', BASE, TARGET)).toBe(false);
    expect(linksTo('<a href="/posts/hello/">x</a>', BASE, TARGET)).toBe(false);
  });
});

describe('readEntry', () => {
  it('reads a reply: content HTML and text, the h-card author, permalink and dates', () => {
    const e = readEntry(reply('<p>Nice <b>post</b>!</p>'), BASE, TARGET);
    expect(e).toMatchObject({
      kind: 'reply',
      html: '<p>Nice <strong>post</strong>!</p>',
      text: 'Nice post!',
      author: { name: 'Alice Doe', url: 'https://alice.example/' },
      url: 'https://alice.example/notes/1',
      published: '2026-11-30T10:00:00Z',
    });
  });

  it('drops markup the comments do not allow (its text kept), scripts with their content', () => {
    const e = readEntry(
      reply('<div><span class="x">Hi</span> <i>there</i><script>alert(1)</script></div>'),
      BASE,
      TARGET,
    );
    expect(e.html).toBe('Hi <em>there</em>');
  });

  it('reads a like and a repost (also as an h-cite), and a mere mention', () => {
    const like = `<div class="h-entry"><a class="u-like-of" href="https://blog.example/posts/hello/">liked</a></div>`;
    expect(readEntry(like, BASE, TARGET).kind).toBe('like');
    const repost = `<div class="h-entry"><div class="u-repost-of h-cite"><a class="u-url" href="https://blog.example/posts/hello/">post</a></div></div>`;
    expect(readEntry(repost, BASE, TARGET).kind).toBe('repost');
    const mention = `<div class="h-entry"><div class="e-content"><a href="https://blog.example/posts/hello/">this</a></div></div>`;
    expect(readEntry(mention, BASE, TARGET).kind).toBe('mention');
    const otherReply = `<div class="h-entry"><a class="u-in-reply-to" href="https://blog.example/posts/other/">x</a></div>`;
    expect(readEntry(otherReply, BASE, TARGET).kind).toBe('mention');
  });
});
