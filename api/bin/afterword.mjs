#!/usr/bin/env node
// The `afterword` command: runs the CLI bundle, rebuilt first when a source changed since it was built.
import { pathToFileURL } from 'node:url';
import { buildCli, CLI_BUNDLE, cliBundleIsFresh } from '../build-cli.mjs';

if (!cliBundleIsFresh()) await buildCli();
const { main } = await import(pathToFileURL(CLI_BUNDLE).href);
process.exitCode = await main(process.argv.slice(2));
