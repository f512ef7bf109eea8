/** Vite build of the admin page: `dist/admin/index.html` + hashed assets, served at `/admin/` on the API origin. */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve(import.meta.dirname, 'admin'),
  base: '/admin/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact', legalComments: 'none' },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/admin'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
});
