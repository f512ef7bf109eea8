/**
 * The first view in Chromium: App rendered to HTML by static.ts (embed.js's `preact`) gives the DOM Preact renders
 * for the same thread file and reader (elements, attributes, SVG, form state, texts), and Preact hydrates it.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadFile } from '../../api/src/contract/files.js';
import type { Comment } from './api.js';

const SRC = import.meta.dirname;

/** The widget's JSX as vite.config.ts compiles it: classic h() calls, `h` and `Fragment` from `preact`. */
const jsx: Plugin = {
  name: 'jsx-inject',
  setup(b) {
    b.onLoad({ filter: /\.tsx$/ }, async (a) => ({
      contents: `import { h, Fragment } from 'preact';\n${await readFile(a.path, 'utf8')}`,
      loader: 'tsx',
    }));
  },
};

/** An IIFE of App and the English strings, with `preact` either Preact or static.ts (as in embed.js). */
async function bundle(name: string, first: boolean): Promise<string> {
  const out = await build({
    stdin: {
      contents: `export { App } from './app.tsx'; export { en } from './i18n.ts';
        export { ${first ? 'html' : 'h, render, hydrate'} } from '${first ? './static.ts' : 'preact'}';`,
      resolveDir: SRC,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: name,
    write: false,
    target: 'es2022',
    // Not the repo's tsconfig (its automatic runtime is for type-checking): vite.config.ts's classic calls.
    tsconfigRaw: {},
    jsx: 'transform',
    jsxFactory: 'h',
    jsxFragment: 'Fragment',
    plugins: [jsx],
    ...(first ? { alias: { preact: resolve(SRC, 'static.ts') } } : {}),
  });
  return out.outputFiles[0]?.text ?? '';
}

let browser: Browser;
let page: Page;
let server: Server;

beforeAll(async () => {
  const [first, preact] = await Promise.all([bundle('S', true), bundle('P', false)]);
  // A page of its own origin (the reader's localStorage), nothing else served: a chunk asked for is a 404.
  server = createServer((req, res) => {
    if (req.url !== '/') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>t</title>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.addScriptTag({ content: first });
  await page.addScriptTag({ content: preact });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  if (server) await new Promise((r) => server.close(r));
});

const at = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
const later = new Date(Date.now() + 3_600_000).toISOString();

function comment(id: string, extra: Partial<Comment> = {}): Comment {
  return {
    id,
    parentId: null,
    depth: 0,
    author: { name: `Author ${id}`, avatar: `${id}0f3a9c1b2d`.slice(0, 12) },
    html: `<p>Comment ${id}</p>`,
    createdAt: at(100 - Number.parseInt(id.slice(1), 10)),
    score: 0,
    status: 'approved',
    ...extra,
  };
}

/** A thread with every mark a first view shows, more comments than a page, and the reader's own things. */
const full: ThreadFile = {
  format: 1,
  version: 7,
  page: { site: 'blog', page: '/post/', count: 9, locked: false, reactions: { '❤️': 3 } },
  settings: {
    moderation: 'none',
    editWindowSec: 900,
    maxDepth: 2,
    maxBodyLength: 5000,
    readers: { email: true },
    reactions: { comments: ['👍', '🎉', '❤️'], page: ['❤️', '👍'] },
  },
  comments: [
    comment('c01', {
      author: {
        name: '<Bob & "Co">',
        website: 'https://bob.example/?a=1&b="2"',
        avatar: 'abc123def456',
        moderator: true,
      },
      html: '<p>Hi <strong>there</strong> &amp; <a href="https://x.example" rel="nofollow ugc noopener">a link</a></p><pre><code>a &lt; b</code></pre>',
      score: 3,
      pinned: true,
      reactions: { '👍': 2, '🎉': 1 },
    }),
    comment('c02', {
      parentId: 'c01',
      depth: 1,
      author: { name: 'Vera', avatar: 'fff000fff000', verified: true, website: 'javascript:alert(1)' },
      editedAt: at(10),
      score: -1,
    }),
    comment('c03', { parentId: 'c02', depth: 2 }),
    comment('c04', { parentId: 'c03', depth: 3 }),
    comment('c05', { status: 'deleted', html: '', author: { name: '', avatar: '' } }),
    comment('c06', { parentId: 'c05', depth: 1 }),
    comment('c07', { html: '<p>Mine, with an edit window open</p>' }),
    comment('c08'),
    comment('c09'),
  ],
  complete: true,
  publishedAt: at(1),
};

const held = comment('c10', { status: 'pending', html: '<p>Held for moderation</p>' });

/** The reader: a remembered identity (with an email: the notify box shows), own comments, votes, reactions. */
const reader = {
  'afterword:me': {
    name: 'Ada "A" <L>',
    email: 'ada@example.com',
    website: 'https://ada.example',
    notify: true,
  },
  'afterword:mine': {
    c07: { t: 'tok', u: later, b: 'Mine', p: 'blog /post/' },
    c10: { t: 'tok', u: later, b: 'Held', p: 'blog /post/', c: held },
  },
  'afterword:votes': { c01: 1, c02: -1 },
  'afterword:rx': { blog: { c01: ['👍'], '/post/': ['❤️'] } },
};

type Case = { file?: ThreadFile; sort?: string; limit?: number; stored?: boolean };

/**
 * The case's App rendered both ways, each normalized: elements with their namespace and sorted attributes (an
 * option's `selected` aside: the string's way of saying the select's value), form fields' values and checks,
 * adjacent texts as one (HTML parses them so), empty ones (Preact's `{''}`) none. Then, with `hydrate`, Preact hydrates the string's nodes.
 */
function both(c: Case, hydrate = false) {
  return page.evaluate(
    ([c, reader, hydrate]) => {
      localStorage.clear();
      if (c.stored) for (const [k, v] of Object.entries(reader)) localStorage.setItem(k, JSON.stringify(v));
      const norm = (n: Node): string => {
        if (!(n instanceof Element)) return JSON.stringify((n as Text).data);
        const attrs = [...n.attributes]
          .filter((a) => !(n.localName === 'option' && a.name === 'selected'))
          .map((a) => `${a.name}=${JSON.stringify(a.value)}`)
          .sort();
        if (n instanceof HTMLSelectElement || n instanceof HTMLTextAreaElement)
          attrs.push(`.value=${n.value}`);
        if (n instanceof HTMLInputElement) attrs.push(`.value=${n.value}`, `.checked=${n.checked}`);
        let kids = '';
        let text: string | null = null;
        for (const k of n instanceof HTMLTextAreaElement ? [] : n.childNodes) {
          if (k.nodeType === Node.TEXT_NODE) text = (text ?? '') + (k as Text).data;
          else {
            if (text) kids += JSON.stringify(text);
            text = null;
            kids += norm(k);
          }
        }
        if (text) kids += JSON.stringify(text);
        const ns = n.namespaceURI === 'http://www.w3.org/2000/svg' ? 'svg:' : '';
        return `<${ns}${n.localName} ${attrs.join(' ')}>${kids}</${n.localName}>`;
      };
      const props = {
        o: { api: location.origin, site: 'blog', page: '/post/', sort: c.sort, limit: c.limit },
        t: S.en,
        lang: 'en',
        f: c.file,
      };
      const a = document.createElement('div');
      const b = document.createElement('div');
      document.body.append(a, b);
      const app = new S.App(props as never);
      a.innerHTML = S.html(app.render(app.props, app.state));
      P.render(P.h(P.App, props as never), b);
      const out = { html: norm(a), preact: norm(b), hydrated: '', replyForm: false };
      P.render(null, b);
      if (hydrate) {
        P.hydrate(P.h(P.App, props as never), a);
        out.hydrated = norm(a);
        a.querySelector<HTMLElement>('#comment-c01 > article > .acts > button[aria-expanded]')?.click();
      }
      return new Promise<typeof out>((r) =>
        setTimeout(() => {
          out.replyForm = !!a.querySelector('#comment-c01 > article > form textarea');
          P.render(null, a);
          a.remove();
          b.remove();
          r(out);
        }, 50),
      );
    },
    [c, reader, hydrate] as const,
  );
}

declare const S: typeof import('./static.js') & {
  App: typeof import('./app.js').App;
  en: typeof import('./i18n.js').en;
};
declare const P: typeof import('preact') & {
  App: typeof import('./app.js').App;
  en: typeof import('./i18n.js').en;
};

describe('the first view rendered to HTML (static.ts)', () => {
  it('is the DOM Preact renders for a thread with every mark, the reader’s own things, and more to load', async () => {
    const r = await both({ file: full, limit: 8, stored: true });
    // What the case shows, so a blank or broken render on both sides cannot pass.
    for (const inside of [
      '"9 comments"',
      '"Pinned"',
      '"Moderator"',
      '"Verified"',
      '"in reply to Author c03"',
      '"This comment was deleted."',
      '"Your comment is awaiting moderation."',
      '"Edit"',
      '"Load more comments"',
      '"Sign in"',
      '" Email me replies"',
      'aria-pressed="true"',
      '"👍 2"',
      '"❤️ 3"',
      '<svg:rect',
      '"<Bob & \\"Co\\">"',
      'href="https://bob.example/?a=1&b=\\"2\\""',
      '<strong >"there"</strong>',
      'value="Ada \\"A\\" <L>"',
      '.checked=true',
      '<select .value=oldest>',
    ])
      expect(r.html).toContain(inside);
    expect(r.html).not.toContain('javascript:');
    expect(r.html).toBe(r.preact);
  });

  it('is the DOM Preact renders for a locked empty thread, a newest-first one and the loading state', async () => {
    const locked: ThreadFile = { ...full, page: { ...full.page, locked: true, count: 0 }, comments: [] };
    const cases: [Case, string][] = [
      [{ file: locked }, '"Comments are closed for this page."'],
      [
        { file: { ...full, settings: { ...full.settings, readers: undefined } }, sort: 'newest' },
        '.value=newest',
      ],
      [{}, '"Loading comments…"'],
    ];
    for (const [c, inside] of cases) {
      const r = await both(c);
      expect(r.html).toContain(inside);
      expect(r.html).toBe(r.preact);
    }
  });

  it('is hydrated by Preact as it is, its buttons then working (Reply opens a form in place)', async () => {
    const r = await both({ file: full, limit: 8, stored: true }, true);
    expect(r.hydrated).toBe(r.preact);
    expect(r.replyForm).toBe(true);
  });
});
