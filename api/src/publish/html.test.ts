/** The HTML fragment with hostile author fields: names are text, only web addresses become links, no script. */
import { toJson } from 'microdata-node';
import { expect, it } from 'vitest';
import type { ThreadFile } from '../contract/files.js';
import type { PublicComment } from '../contract/responses.js';
import { threadHtml } from './html.js';

const comment = (id: string, over: Partial<PublicComment> = {}): PublicComment => ({
  id,
  parentId: null,
  depth: 0,
  author: { name: 'A', avatar: 'seed' },
  html: '<p>text</p>',
  createdAt: '2026-01-02T03:04:05.000Z',
  score: 0,
  status: 'approved',
  ...over,
});

const thread = (comments: PublicComment[]): ThreadFile => ({
  format: 1,
  version: 3,
  page: { site: 'blog', page: '/p/"><script>', count: comments.length, locked: false },
  settings: { moderation: 'none', editWindowSec: 900, maxDepth: 5, maxBodyLength: 5000 },
  comments,
  complete: false,
  publishedAt: '2026-01-02T03:04:05.000Z',
});

it('escapes names and attributes, links only web addresses, and leaves deleted comments without microdata', () => {
  const html = threadHtml(
    thread([
      comment('aaaaaaaa', {
        author: { name: '<script>alert(1)</script>', website: 'javascript:alert(1)', avatar: 's' },
      }),
      comment('bbbbbbbb', { author: { name: 'B', website: 'https://b.example/"x', avatar: 's' } }),
      comment('cccccccc', { status: 'deleted', html: '', author: { name: '', avatar: '' } }),
      comment('dddddddd', { parentId: 'cccccccc', depth: 1 }),
      comment('eeeeeeee', { parentId: 'not-in-file', depth: 3 }),
    ]),
  );
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toContain('javascript:');
  expect(html).toContain('href="https://b.example/&quot;x"');
  expect(html).toContain('data-page="/p/&quot;&gt;&lt;script&gt;"');
  expect(html).toContain('data-partial=""');
  const { items } = toJson(html, { base: 'https://blog.example/p/' });
  // Two top-level comments with microdata, the deleted one none; its reply and the orphan are Comments.
  const names = items.map(
    (i) => (i.properties.author![0] as { properties: { name: string[] } }).properties.name[0],
  );
  expect(names).toEqual(['<script>alert(1)</script>', 'B', 'A', 'A']);
  expect(html.indexOf('data-id="dddddddd"')).toBeGreaterThan(html.indexOf('data-id="cccccccc"'));
});
