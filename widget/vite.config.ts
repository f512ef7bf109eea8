/** Vite build of the embed: `dist/embed.js` (a classic script, no static imports, no Preact: its first view), the lazy `dist/app.js` (Preact and the thread), `dist/errors.js`, `dist/counts.js`, `dist/recent.js` and the rest, and `dist/locales/<lang>.js`. */
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { LANGS } from './src/i18n.js';

/** Entries beside embed.js (the rest are languages, under locales/). */
const LAZY = [
  'embed',
  'app',
  'errors',
  'counts',
  'recent',
  'write',
  'permalink',
  'report',
  'signin',
  'help',
  'remote',
  'reactions',
  'live',
];
const others = LANGS.filter((l) => l !== 'en');
// Each language's strings, and apart from them its sign-in panel's (`signin-<lang>`, loaded by signin.js) and its
// replies-from-elsewhere texts (`remote-<lang>`, loaded by remote.js).
const locales: Record<string, string> = Object.fromEntries(
  others.flatMap((l) => [
    [l, `src/locales/${l}.ts`],
    [`signin-${l}`, `src/locales/signin/${l}.ts`],
    [`remote-${l}`, `src/locales/remote/${l}.ts`],
  ]),
);

const input = {
  embed: 'src/embed.tsx',
  // Preact and the thread's components, hydrating the first view: loaded on the reader's first interaction.
  app: 'src/enhance.tsx',
  errors: 'src/errors.ts',
  counts: 'src/counts.ts',
  recent: 'src/recent.ts',
  // Writing and acting on comments, and permalinks: loaded when a reader starts writing or follows one.
  write: 'src/write.ts',
  permalink: 'src/permalink.ts',
  // The report dialog: loaded on the first click of a comment's Report action (offered by permalink.js).
  report: 'src/report.ts',
  // Readers' sign-in and "my comments": loaded on "Sign in", for a stored session, or an email link's fragment.
  signin: 'src/signin.ts',
  // The markdown help's list: loaded as a composer's help first opens.
  help: 'src/help.ts',
  // Replies from Mastodon, Bluesky and Webmentions: their badges and links, loaded for a thread holding one.
  remote: 'src/remote.ts',
  // Reactions: a chip's click and the add button's picker, loaded on the first of them.
  reactions: 'src/reactions.ts',
  // Reading the thread file again while in view: loaded once the first wait after a view is over.
  live: 'src/live.ts',
  ...locales,
};

/**
 * The lazy entries get their own copy (an id ending `?own`) of each module of ours they import, even one the embed
 * uses too (the contract's file paths, page keys): a chunk shared with embed.js, a classic script, could not be
 * imported by it. So a module a lazy entry imports keeps no state of its own; a lazy entry they import stays
 * shared (recent.js imports counts.js: one site file read). Each lazy entry's copies are its own (`?own=<entry>`):
 * copies shared by two lazy entries would become a chunk of their own, one more request for each.
 */
function ownCopies(): Plugin {
  const lazy = new Map(
    Object.entries(input).flatMap(([k, f]) => (k === 'embed' ? [] : [[resolve(import.meta.dirname, f), k]])),
  );
  return {
    name: 'afterword-own-copies',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const entry = importer && (lazy.get(importer) ?? /\?own=(\w+)$/.exec(importer)?.[1]);
      if (!entry) return null;
      const r = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!r || r.external || /[\0?]|\/node_modules\//.test(r.id) || lazy.has(r.id)) return r;
      return { ...r, id: `${r.id}?own=${entry}` };
    },
  };
}

/**
 * embed.js's graph gets static.ts for `preact` (the first view rendered to HTML); the lazy entries, app.js among
 * them, get Preact itself.
 */
function staticFirstView(): Plugin {
  const lazy = new Set(
    Object.keys(input).flatMap((k) =>
      k === 'embed' ? [] : [resolve(import.meta.dirname, input[k as keyof typeof input])],
    ),
  );
  return {
    name: 'afterword-static-first-view',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== 'preact' || !importer || lazy.has(importer) || /\?own=|\/node_modules\//.test(importer))
        return null;
      return resolve(import.meta.dirname, 'src/static.ts');
    },
  };
}

/**
 * The minifier keeps custom properties' values as written (`--a: var(--x, #fff)`); the stylesheet's own have no
 * space that means anything, so they go (bytes of the first view).
 */
function tightProperties(): Plugin {
  return {
    name: 'afterword-tight-properties',
    enforce: 'post',
    transform(code, id) {
      if (!/widget\.css\?inline$/.test(id)) return null;
      return code.replace(/(--[\w-]+): /g, '$1:').replace(/, (?=[#\w-])/g, ',');
    },
  };
}

/**
 * embed.js runs as a classic script: wrapped in a strict function so its names stay out of the page's global
 * scope. Wrapped after minifying (the minifier would drop the directive, taking the module for strict already).
 */
function classicEmbed(): Plugin {
  return {
    name: 'afterword-classic-embed',
    enforce: 'post',
    generateBundle(_, bundle) {
      const embed = bundle['embed.js'];
      if (embed?.type === 'chunk') embed.code = `(()=>{"use strict";${embed.code.trimEnd()}})();`;
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [staticFirstView(), ownCopies(), tightProperties(), classicEmbed()],
  // Classic h() calls are smaller than the automatic runtime's; tsconfig's react-jsx still types them.
  esbuild: {
    jsx: 'transform',
    jsxFactory: 'h',
    jsxFragment: 'Fragment',
    jsxInject: "import { h, Fragment } from 'preact';",
    legalComments: 'none',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Terser, three passes: about 340 bytes gzip less than the default minifier on embed.js (the first view).
    minify: 'terser',
    terserOptions: { ecma: 2020, module: false, compress: { passes: 3 }, format: { comments: false } },
    modulePreload: false,
    cssCodeSplit: false,
    reportCompressedSize: false,
    rollupOptions: {
      // The error texts and the index pages' counts are lazy entries of their own: a thread's first view needs neither.
      input,
      // Locale and error entries keep their exports; the embed exports nothing.
      preserveEntrySignatures: 'strict',
      output: {
        format: 'es',
        entryFileNames: (chunk) => (LAZY.includes(chunk.name) ? '[name].js' : 'locales/[name].js'),
      },
    },
  },
});
