import { describe, expect, it } from 'vitest';
import { cleanWebsite, htmlToText, isSafeUrl, renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders CommonMark with raw HTML escaped', () => {
    expect(renderMarkdown('hi <script>alert(1)</script> **b**')).toBe(
      '<p>hi &lt;script&gt;alert(1)&lt;/script&gt; <strong>b</strong></p>',
    );
    expect(renderMarkdown('<div onclick="x()">d</div>')).toBe(
      '<p>&lt;div onclick="x()"&gt;d&lt;/div&gt;</p>',
    );
  });

  it('marks links nofollow ugc noopener and keeps only http, https and mailto', () => {
    expect(renderMarkdown('[a](https://x.example/p)')).toBe(
      '<p><a href="https://x.example/p" rel="nofollow ugc noopener" target="_blank">a</a></p>',
    );
    expect(renderMarkdown('<mailto:a@b.example>')).toContain('href="mailto:a@b.example"');
    for (const bad of [
      '[a](javascript:alert(1))',
      '[a](JaVaScRiPt:alert(1))',
      '[a](&#106;avascript:alert(1))',
      '[a](data:text/html;base64,PHNjcmlwdD4=)',
      '[a](vbscript:x)',
      '[a](//evil.example/x)',
      '<javascript:alert(1)>',
    ]) {
      const html = renderMarkdown(bad);
      expect(html).not.toMatch(/href="(?!https?:|mailto:)/i);
    }
  });

  it('shows images as links, never loads them', () => {
    const html = renderMarkdown('![pic](https://x.example/p.png)');
    expect(html).not.toContain('<img');
    expect(html).toContain('href="https://x.example/p.png"');
  });

  it('keeps code and lists, and demotes headings below the blog’s own', () => {
    expect(renderMarkdown('# T\n\n- a\n\n`x<y`')).toBe(
      '<h4>T</h4>\n<ul>\n<li>a</li>\n</ul>\n<p><code>x&lt;y</code></p>',
    );
  });
});

describe('urls and text', () => {
  it('accepts only absolute http(s)/mailto URLs', () => {
    expect(isSafeUrl('https://a.example')).toBe(true);
    expect(isSafeUrl('mailto:a@b.example')).toBe(true);
    expect(isSafeUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeUrl('java\tscript:alert(1)')).toBe(false);
    expect(isSafeUrl('/relative')).toBe(false);
  });

  it('cleans an author website', () => {
    expect(cleanWebsite('example.com')).toBe('https://example.com/');
    expect(cleanWebsite('http://a.example/x')).toBe('http://a.example/x');
    expect(cleanWebsite('javascript:alert(1)')).toBeUndefined();
    expect(cleanWebsite('data:text/html,x')).toBeUndefined();
    expect(cleanWebsite('mailto:a@b.example')).toBeUndefined();
  });

  it('turns rendered html into text', () => {
    expect(htmlToText(renderMarkdown('a & b\n\n> q <x>'))).toBe('a & b\n\nq <x>');
  });
});
