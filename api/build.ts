/**
 * Bundles the Lambda entries into minified ESM (api/dist/<entry>.mjs, each exporting `handler`), with what
 * they load later in shared chunks (api/dist/chunks/); the esbuild metafile is written to api/dist/meta.json.
 */
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const entries = ['lambda', 'notify', 'publisher', 'refresher'].filter((name) => existsSync(`src/${name}.ts`));

const result = await build({
  entryPoints: Object.fromEntries(entries.map((name) => [name, `src/${name}.ts`])),
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // Route groups, the markdown renderer and the SSM client load on first use, each in a chunk of its own.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // ESM builds of the AWS SDK shake: only what the code calls is bundled.
  mainFields: ['module', 'main'],
  metafile: true,
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
writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
// Isso SQLite imports on Lambda read sql.js's WASM from beside the bundle.
copyFileSync(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm'), 'dist/sql-wasm.wasm');
console.log(`built ${entries.map((e) => `api/dist/${e}.mjs`).join(', ')}`);
