/** Bundles the Lambda entries into single minified ESM files (api/dist/*.mjs), each exporting `handler`. */
import { copyFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const entries = ['lambda', 'notify', 'publisher'].filter((name) => existsSync(`src/${name}.ts`));

await build({
  entryPoints: Object.fromEntries(entries.map((name) => [name, `src/${name}.ts`])),
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  sourcemap: false,
  legalComments: 'none',
  // CommonJS dependencies inside an ESM bundle still call require() and read __dirname (sql.js does).
  banner: {
    js:
      "import{createRequire as __cr}from'module';import{fileURLToPath as __fu}from'url';" +
      'const require=__cr(import.meta.url);const __filename=__fu(import.meta.url);' +
      "const __dirname=__filename.slice(0,__filename.lastIndexOf('/'));",
  },
  logLevel: 'warning',
});
// Isso SQLite imports on Lambda read sql.js's WASM from beside the bundle.
copyFileSync(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm'), 'dist/sql-wasm.wasm');
console.log(`built ${entries.map((e) => `api/dist/${e}.mjs`).join(', ')}`);
