/** The cursor the widget writes where an incomplete thread file ends is the API's own: the API goes on from there. */
import { expect, it } from 'vitest';
import { postComment } from '../../api/src/testing/comments.js';
import { createHarness } from '../../api/src/testing/harness.js';
import type { Comment } from './api.js';
import { cursorAfter } from './thread-file.js';

it('gives the next page of the oldest-first thread, as the API’s nextCursor does', async () => {
  const h = await createHarness();
  try {
    await h.site('blog');
    for (let i = 0; i < 4; i++) {
      await postComment(
        h.call,
        { site: 'blog', page: '/p/', body: `c${i}` },
        { origin: 'https://blog.example' },
      );
      h.advance(1000);
    }
    const list = async (q: string) =>
      (await (await h.app.request(`/api/v1/comments?site=blog&page=/p/&${q}`)).json()) as {
        comments: Comment[];
        nextCursor: string | null;
      };
    const first = await list('limit=2');
    expect(cursorAfter(first.comments[1]!)).toBe(first.nextCursor);
    const rest = await list(`limit=5&cursor=${cursorAfter(first.comments[1]!)}`);
    expect(rest.comments.map((c) => c.html)).toEqual(['<p>c2</p>', '<p>c3</p>']);
  } finally {
    await h.drop();
  }
});
