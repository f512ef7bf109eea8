/** Bundles the Lambda entries into single minified ESM files (api/dist/*.mjs), each exporting `handler`. */
import { existsSync } from 'node:fs';
import { build } from 'esbuild';

const entries = ['lambda', 'notify'].filter((name) => existsSync(`src/${name}.ts`));

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
  // CommonJS dependencies inside an ESM bundle still call require().
  banner: { js: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);" },
  logLevel: 'warning',
});
console.log(`built ${entries.map((e) => `api/dist/${e}.mjs`).join(', ')}`);
