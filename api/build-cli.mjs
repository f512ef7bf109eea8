/** Bundles the CLI into one ESM file (api/bin/dist/cli.mjs) and tells whether that bundle is older than its sources. */
import { mkdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const API = dirname(fileURLToPath(import.meta.url));
/** The bundle `bin/afterword.mjs` runs: beside the bin, not in api/dist (the Lambda asset is that folder). */
export const CLI_BUNDLE = join(API, 'bin/dist/cli.mjs');
/** The project's own files the bundle was built from (esbuild's inputs), to see when one changed. */
const INPUTS = join(API, 'bin/dist/cli.inputs.json');
/** npm rewrites this on every install, so a dependency change makes the bundle old too. */
const INSTALLED = resolve(API, '../node_modules/.package-lock.json');

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
};

/** True when the bundle exists and no input, this file or the installed packages changed after it. */
export function cliBundleIsFresh() {
  const built = mtime(CLI_BUNDLE);
  if (!Number.isFinite(built)) return false;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
  } catch {
    return false;
  }
  return [fileURLToPath(import.meta.url), INSTALLED, ...inputs.map((p) => join(API, p))].every(
    (p) => mtime(p) <= built,
  );
}

/** Builds the bundle; written under temporary names and renamed, so a CLI started meanwhile reads a whole one. */
export async function buildCli() {
  const { build, stop } = await import('esbuild');
  const started = new Date();
  const result = await build({
    absWorkingDir: API,
    entryPoints: ['src/cli/main.ts'],
    outfile: CLI_BUNDLE,
    write: false,
    metafile: true,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    legalComments: 'none',
    // CommonJS dependencies inside an ESM bundle still call require().
    banner: { js: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);" },
    logLevel: 'warning',
  });
  await stop();
  const [file] = result.outputFiles;
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules/'));
  mkdirSync(dirname(CLI_BUNDLE), { recursive: true });
  const tmp = `.${process.pid}.tmp`;
  writeFileSync(INPUTS + tmp, JSON.stringify(inputs));
  renameSync(INPUTS + tmp, INPUTS);
  writeFileSync(CLI_BUNDLE + tmp, file.contents);
  // Dated when esbuild began reading: a source saved during the build still makes the bundle old.
  utimesSync(CLI_BUNDLE + tmp, started, started);
  renameSync(CLI_BUNDLE + tmp, CLI_BUNDLE);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli();
  console.log('built api/bin/dist/cli.mjs');
}
