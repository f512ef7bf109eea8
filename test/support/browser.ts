/** Browser tests: Debian's Chromium driven by playwright-core, and a whole local stack on free ports. */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { type Config, loadConfig } from '../../api/src/config.js';
import { runEndpoint } from '../../api/src/testing/harness.js';
import { type Stack, startStack } from '../../scripts/stack.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Starts the stack that `npm start` runs, on free ports, against the test run's DynamoDB Local. */
export async function startTestStack(
  table = `e2e_${Math.random().toString(36).slice(2, 10)}`,
  /** More configuration (e.g. a fake provider's URLs and the outbound allow-list). */
  overrides: Partial<Config> = {},
): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'afterword-e2e-'));
  const config = loadConfig(
    {},
    {
      port: 0,
      demoPort: 0,
      dataDir,
      dynamodbEndpoint: runEndpoint(),
      table,
      secret: 'e2e-secret-0123456789abcdef',
      siteCacheMs: 0,
      ...overrides,
    },
  );
  return startStack(config);
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
