/** Test helper: synthesises the stack in-process into a temp dir, from the real api/dist bundle. */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from './app.js';
import { type DeployConfig, parseDeployConfig } from './config.js';
import { API_DIST, WIDGET_DIST } from './paths.js';

/** A synth takes 5-20 s; on a loaded 2-core machine give it room beyond the default hook timeout. */
export const SYNTH_TIMEOUT_MS = 180_000;

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
  made.push(dir);
  mkdirSync(join(dir, 'admin'));
  mkdirSync(join(dir, 'chunks'));
  writeFileSync(join(dir, 'embed.js'), 'import("./chunks/thread-Ab12Cd34.js");\n');
  writeFileSync(join(dir, 'chunks/thread-Ab12Cd34.js'), 'export {};\n');
  writeFileSync(join(dir, 'admin/index.html'), '<!doctype html><title>admin</title>\n');
  return dir;
}

const made: string[] = [];

/** Removes the temp dirs synthForTest and widgetDistForTest made (call in afterAll). */
export function cleanupSynths(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function synthForTest(config: Partial<DeployConfig> & Record<string, unknown> = {}) {
  if (!existsSync(join(API_DIST, 'lambda.mjs'))) {
    throw new Error('api/dist/lambda.mjs is missing: run `npm run build` first');
  }
  const outdir = mkdtempSync(join(tmpdir(), 'afterword-cdk-'));
  made.push(outdir);
  const built = buildApp({
    config: parseDeployConfig({ ...TEST_CONFIG, ...config }),
    outdir,
    widgetDist: widgetDistForTest(),
  });
  const assembly = built.app.synth();
  const template = Template.fromStack(built.stack);
  return { ...built, outdir, assembly, template };
}

/** A reference cycle among resources (Ref, GetAtt, Sub, DependsOn), which CloudFormation would refuse at deploy. */
export function findCycle(template: Template): string[] | undefined {
  const resources = template.toJSON().Resources as Record<
    string,
    { Properties?: unknown; DependsOn?: unknown }
  >;
  const edges = new Map<string, Set<string>>();
  const collect = (o: unknown, acc: Set<string>) => {
    if (Array.isArray(o)) for (const v of o) collect(v, acc);
    else if (o && typeof o === 'object') {
      const r = o as Record<string, unknown>;
      if (typeof r.Ref === 'string' && r.Ref in resources) acc.add(r.Ref);
      const att = r['Fn::GetAtt'];
      if (Array.isArray(att) && typeof att[0] === 'string' && att[0] in resources) acc.add(att[0]);
      const sub = r['Fn::Sub'];
      const text = typeof sub === 'string' ? sub : Array.isArray(sub) ? String(sub[0]) : '';
      for (const m of text.matchAll(/\$\{([^}.]+)/g)) if (m[1]! in resources) acc.add(m[1]!);
      for (const v of Object.values(r)) collect(v, acc);
    }
  };
  for (const [id, r] of Object.entries(resources)) {
    const acc = new Set<string>([r.DependsOn ?? []].flat() as string[]);
    collect(r.Properties, acc);
    edges.set(id, acc);
  }
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, path: string[]): string[] | undefined => {
    state.set(id, 'open');
    for (const next of edges.get(id) ?? []) {
      if (state.get(next) === 'open') return [...path, next];
      if (!state.has(next)) {
        const found = visit(next, [...path, next]);
        if (found) return found;
      }
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    if (!state.has(id)) {
      const found = visit(id, [id]);
      if (found) return found;
    }
  }
  return undefined;
}
