/** Atom feeds per site and per page: well-formed Atom with the required elements, approved comments only. */
import sax from 'sax';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport, single } from '../portability/run.js';
import { createHarness, type Harness } from '../testing/harness.js';

let h: Harness;

interface El {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: El[];
}

/** Parses strictly (throws on anything not well-formed) into a small tree. */
function parse(xml: string): El {
  const parser = sax.parser(true, { xmlns: false });
  const root: El = { name: '#root', attrs: {}, text: '', children: [] };
  const stack: El[] = [root];
  parser.onopentag = (t) => {
    const el: El = { name: t.name, attrs: t.attributes as Record<string, string>, text: '', children: [] };
    stack.at(-1)!.children.push(el);
    stack.push(el);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (t) => {
    stack.at(-1)!.text += t;
  };
  parser.onerror = (e) => {
    throw e;
  };
  parser.write(xml).close();
  return root.children[0]!;
}

const kids = (el: El, name: string) => el.children.filter((c) => c.name === name);
const one = (el: El, name: string) => {
  const found = kids(el, name);
  expect(found, `<${el.name}> has one <${name}>`).toHaveLength(1);
  return found[0]!;
};
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function checkAtom(feed: El) {
  expect(feed.name).toBe('feed');
  expect(feed.attrs.xmlns).toBe('http://www.w3.org/2005/Atom');
  expect(one(feed, 'id').text).toMatch(/^urn:afterword:feed:/);
  expect(one(feed, 'title').text.length).toBeGreaterThan(0);
  expect(one(feed, 'updated').text).toMatch(RFC3339);
  expect(kids(feed, 'link').some((l) => l.attrs.rel === 'self')).toBe(true);
  const entries = kids(feed, 'entry');
  for (const e of entries) {
    expect(one(e, 'id').text).toMatch(/^urn:afterword:comment:/);
    expect(one(e, 'title').text.length).toBeGreaterThan(0);
    expect(one(e, 'updated').text).toMatch(RFC3339);
    expect(one(one(e, 'author'), 'name').text.length).toBeGreaterThan(0);
    expect(one(e, 'content').attrs.type).toBe('html');
  }
  return entries;
}

const native = (comments: object[]) =>
  JSON.stringify({
    format: 'afterword-native',
    version: 1,
    pages: [{ page: '/a/', title: 'Post <A> & more' }, { page: '/b/' }],
    comments,
  });
const comment = (id: string, page: string, status: string, minute: number, html = `<p>${id}</p>`) => ({
  id,
  page,
  parentId: null,
  depth: 0,
  body: id,
  html,
  status,
  author: { name: `Author ${id}`, email: `${id}@example.com` },
  createdAt: new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString(),
  score: 0,
  up: 0,
  down: 0,
});

beforeAll(async () => {
  h = await createHarness();
  await h.site('feedsite', { origins: ['https://blog.example'] });
  await runImport({
    store: h.store,
    secret: h.config.secret,
    site: 'feedsite',
    format: 'native',
    chunks: single(
      native([
        comment(
          'aaaaaaa1',
          '/a/',
          'approved',
          1,
          '<p>hello <script>alert(1)</script><img src=x onerror=alert(2)></p>',
        ),
        comment('aaaaaaa2', '/a/', 'pending', 2),
        comment('aaaaaaa3', '/b/', 'approved', 3),
        comment('aaaaaaa4', '/b/', 'spam', 4),
        comment('aaaaaaa5', '/a/', 'approved', 5),
      ]),
    ),
  });
});
afterAll(async () => {
  await h?.drop();
});

describe('Atom feeds', () => {
  it('lists a site’s approved comments, newest first, as valid Atom', async () => {
    const res = await h.app.request('/api/v1/feed.atom?site=feedsite');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await res.text();
    const entries = checkAtom(parse(xml));
    expect(entries.map((e) => one(e, 'author').children[0]!.text)).toHaveLength(3);
    const titles = entries.map((e) => one(e, 'title').text);
    expect(titles[0]).toMatch(/^Author \S+ on Post <A> & more/);
    // Content is the sanitized html, escaped once: a reader unescapes it to safe markup.
    const content = entries.map((e) => one(e, 'content').text).join('\n');
    expect(content).not.toMatch(/<script|<img|onerror=/);
    expect(xml).not.toContain('@example.com');
    expect(entries.map((e) => one(e, 'link').attrs.href)[0]).toMatch(
      /^https:\/\/blog\.example\/a\/#comment-/,
    );
  });

  it('lists one page’s comments', async () => {
    const res = await h.app.request('/api/v1/feed.atom?site=feedsite&page=/b/');
    const entries = checkAtom(parse(await res.text()));
    expect(entries).toHaveLength(1);
    expect(one(entries[0]!, 'content').text).toBe('<p>aaaaaaa3</p>');
  });

  it('answers 404 for an unknown site and 400 for a bad page', async () => {
    expect((await h.app.request('/api/v1/feed.atom?site=nosuch')).status).toBe(404);
    expect((await h.app.request('/api/v1/feed.atom?site=feedsite&page=javascript:x')).status).toBe(400);
  });
});
