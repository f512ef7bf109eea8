/** Acceptance 1: the real `cdk synth` (CLI) runs with no AWS credentials at all: an empty environment. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { repoPath } from './paths.js';
import { cleanupSynths, widgetDistForTest } from './testing.js';

afterAll(cleanupSynths);

describe('cdk synth', () => {
  it('synthesises the template and passes cdk-nag without credentials, network lookups or bundling', () => {
    const out = mkdtempSync(join(tmpdir(), 'afterword-synth-'));
    onTestFinished(() => rmSync(out, { recursive: true, force: true }));
    const app = `${process.execPath} ${repoPath('node_modules/tsx/dist/cli.mjs')} src/main.ts`;
    const run = spawnSync(
      process.execPath,
      [
        repoPath('node_modules/aws-cdk/bin/cdk'),
        'synth',
        '--quiet',
        '--no-notices',
        '--app',
        app,
        '-c',
        `widgetDist=${widgetDistForTest()}`,
        '-o',
        out,
      ],
      // No AWS_* variables, no profile, no instance metadata: nothing to find credentials with.
      {
        cwd: repoPath('infra'),
        env: { HOME: out, AWS_EC2_METADATA_DISABLED: 'true' },
        encoding: 'utf8',
        timeout: 170_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const template = JSON.parse(readFileSync(join(out, 'Afterword.template.json'), 'utf8'));
    expect(Object.keys(template.Resources).length).toBeGreaterThan(30);
    const report = JSON.parse(readFileSync(join(out, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports[0].conclusion).toBe('success');
  }, 180_000);
});
