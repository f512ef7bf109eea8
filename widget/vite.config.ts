/** Vite build of the embed: `dist/embed.js` (a classic script, no static imports), the lazy `dist/errors.js` and `dist/counts.js`, and `dist/locales/<lang>.js`. */
import { defineConfig } from 'vite';
import { LANGS } from './src/i18n.js';

/** Entries beside embed.js (the rest are languages, under locales/). */
const LAZY = ['embed', 'errors', 'counts'];
const locales = Object.fromEntries(LANGS.filter((l) => l !== 'en').map((l) => [l, `src/locales/${l}.ts`]));

export default defineConfig({
  root: import.meta.dirname,
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
    modulePreload: false,
    cssCodeSplit: false,
    reportCompressedSize: false,
    rollupOptions: {
      // The error texts and the index pages' counts are lazy entries of their own: a thread's first view needs neither.
      input: { embed: 'src/embed.tsx', errors: 'src/errors.ts', counts: 'src/counts.ts', ...locales },
      // Locale and error entries keep their exports; the embed exports nothing.
      preserveEntrySignatures: 'strict',
      output: {
        format: 'es',
        entryFileNames: (chunk) => (LAZY.includes(chunk.name) ? '[name].js' : 'locales/[name].js'),
        // embed.js runs as a classic script: keep its names out of the page's global scope.
        banner: (chunk) => (chunk.name === 'embed' ? '(()=>{"use strict";' : ''),
        footer: (chunk) => (chunk.name === 'embed' ? '})();' : ''),
      },
    },
  },
});
