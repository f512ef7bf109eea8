/** `npm run deploy`'s script stops before cdk on example values left in, and reaches cdk on an owner's config. */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { EXAMPLE_CONFIG_FILE } from './config.js';
import { repoPath } from './paths.js';

const dir = mkdtempSync(join(tmpdir(), 'afterword-deploy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A stand-in `npx` first on PATH: deploy.ts runs `npx cdk deploy`; this one notes its arguments and fails,
// so nothing reaches AWS whatever the script decides.
const bin = join(dir, 'bin');
const called = join(dir, 'npx-called');
mkdirSync(bin);
writeFileSync(join(bin, 'npx'), `#!/bin/sh\necho "$@" > '${called}'\nexit 7\n`);
chmodSync(join(bin, 'npx'), 0o755);

function deploy(config: string) {
  rmSync(called, { force: true });
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', repoPath('infra/src/deploy.ts'), '--config', config],
    {
      cwd: repoPath('infra'),
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      timeout: 60_000,
    },
  );
}

it('refuses the example config copied unchanged, naming the fields, and never runs cdk', () => {
  const copy = join(dir, 'afterword.config.json');
  copyFileSync(EXAMPLE_CONFIG_FILE, copy);
  const run = deploy(copy);
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr).toContain('still holds example values');
  for (const field of ['mail.from', 'alarmEmail', 'sites[0].origins[0]']) expect(run.stderr).toContain(field);
  expect(run.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  expect(existsSync(called)).toBe(false);
});

it('goes on to `cdk deploy` with an owner’s own config', () => {
  const own = join(dir, 'own.json');
  writeFileSync(
    own,
    JSON.stringify({
      region: 'eu-west-1',
      mail: { from: 'Notes <comments@notes.dev>' },
      alarmEmail: 'me@notes.dev',
      sites: [{ id: 'notes', origins: ['https://notes.dev'] }],
    }),
  );
  const run = deploy(own);
  expect(run.status, run.stderr).toBe(7);
  expect(readFileSync(called, 'utf8')).toContain(`cdk deploy Afterword -c config=${own}`);
});
