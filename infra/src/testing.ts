/** Test helper: synthesises the stack in-process into a temp dir, from the real api/dist bundle. */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from './app.js';
import { type DeployConfig, parseDeployConfig } from './config.js';
import { API_DIST, WIDGET_DIST } from './paths.js';

export const TEST_CONFIG = {
  stackName: 'AfterwordTest',
  region: 'eu-west-1',
  mail: { from: 'Afterword <comments@blog.example>' },
  alarmEmail: 'owner@blog.example',
};

/** A widget build to deploy: the real one when `npm run build` made it, else a small stand-in of the same shape. */
export function widgetDistForTest(): string {
  if (existsSync(join(WIDGET_DIST, 'embed.js'))) return WIDGET_DIST;
  const dir = mkdtempSync(join(tmpdir(), 'afterword-widget-'));
  mkdirSync(join(dir, 'admin'));
  mkdirSync(join(dir, 'chunks'));
  writeFileSync(join(dir, 'embed.js'), 'import("./chunks/thread-Ab12Cd34.js");\n');
  writeFileSync(join(dir, 'chunks/thread-Ab12Cd34.js'), 'export {};\n');
  writeFileSync(join(dir, 'admin/index.html'), '<!doctype html><title>admin</title>\n');
  return dir;
}

export function synthForTest(config: Partial<DeployConfig> & Record<string, unknown> = {}) {
  if (!existsSync(join(API_DIST, 'lambda.mjs'))) {
    throw new Error('api/dist/lambda.mjs is missing: run `npm run build` first');
  }
  const outdir = mkdtempSync(join(tmpdir(), 'afterword-cdk-'));
  const built = buildApp({
    config: parseDeployConfig({ ...TEST_CONFIG, ...config }),
    outdir,
    widgetDist: widgetDistForTest(),
  });
  const assembly = built.app.synth();
  const template = Template.fromStack(built.stack);
  return { ...built, outdir, assembly, template };
}
