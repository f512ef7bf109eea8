/** `npm start`'s first run seeds the post built with its thread: once per data directory, then served in its page. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NO_SCRIPT_POST, seedNoScriptPost } from '../../demo-site/seed.js';
import type { Stack } from '../../scripts/stack.js';
import { startTestStack } from '../support/browser.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

it('posts three comments once per data directory, and the demo serves the post with them in its page', async () => {
  const api = `http://localhost:${new URL(stack.api.url).port}`;
  expect(await seedNoScriptPost(api, 'demo', stack.config.dataDir)).toBe(true);
  expect(await seedNoScriptPost(api, 'demo', stack.config.dataDir)).toBe(false);
  const res = await fetch(`${api}/api/v1/comments?site=demo&page=${encodeURIComponent(NO_SCRIPT_POST)}`);
  const thread = (await res.json()) as { comments: { parentId: string | null }[] };
  expect(thread.comments.map((c) => c.parentId === null)).toEqual([true, false, true]);
  // Once published, the page as the demo serves it holds the fragment with all three.
  let html = '';
  for (let i = 0; i < 100 && (html.match(/schema\.org\/Comment"/g)?.length ?? 0) < 3; i++) {
    await new Promise((r) => setTimeout(r, 100));
    html = await (await fetch(`${stack.demo.url}${NO_SCRIPT_POST}`)).text();
  }
  expect(html.match(/schema\.org\/Comment"/g)).toHaveLength(3);
  expect(html).toContain('<div id="afterword" data-count="3"><section class="afterword-thread"');
  expect(html).toContain('The <em>reply</em> even sits under the comment it answers.');
});
