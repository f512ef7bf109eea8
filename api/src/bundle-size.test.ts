/** The API Lambda's initial chunk (its entry and what that imports statically) stays small: what a thread read needs, nothing more. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialFiles, readMeta } from './testing/bundle-meta.js';

/** Bytes of the entry and its static imports, minified (issue 15: 1.48 MB before the split). */
export const INITIAL_BUDGET_BYTES = 400 * 1000;
const DIST = resolve(import.meta.dirname, '../dist');

describe('the API bundle', () => {
  const m = readMeta(DIST);
  const files = initialFiles(m, 'dist/lambda.mjs');
  const inputs = files.flatMap((f) => Object.keys(m.outputs[f]!.inputs));

  it(`loads at most ${INITIAL_BUDGET_BYTES} bytes before its first request`, () => {
    const bytes = files.reduce((n, f) => n + m.outputs[f]!.bytes, 0);
    console.log(`api/dist/lambda.mjs initial chunk: ${bytes} bytes in ${files.length} files`);
    expect(bytes).toBeGreaterThan(100_000);
    expect(bytes).toBeLessThanOrEqual(INITIAL_BUDGET_BYTES);
  });

  it('leaves the markdown renderer, the schemas, the OpenAPI builder, SSM and the importers to later chunks', () => {
    // ArkType's config module is there on purpose: lambda.ts sets jitless before any schema loads.
    for (const lazy of [
      'node_modules/markdown-it/',
      'node_modules/sanitize-html/',
      'node_modules/arktype/out/',
      'node_modules/hono-openapi/',
      'node_modules/@aws-sdk/client-ssm/',
      'node_modules/sql.js/',
      // Readers' GitHub / OpenID Connect sign-in: only its own route group loads the OAuth client.
      'node_modules/openid-client/',
      'node_modules/oauth4webapi/',
      'src/routes/reader-oauth.ts',
      // Readers' passkeys: the WebAuthn library loads with their route group (and the moderators') only.
      'node_modules/@simplewebauthn/server/',
      'src/routes/reader-passkeys.ts',
      'src/contract/requests.ts',
      'src/portability/',
      'src/routes/admin.ts',
      'src/routes/comments.ts',
    ])
      expect(
        inputs.filter((i) => i.includes(lazy) && !i.endsWith('arktype/out/config.js')),
        lazy,
      ).toEqual([]);
    // What a thread read does need is there.
    expect(inputs.some((i) => i.endsWith('src/routes/thread.ts'))).toBe(true);
    expect(inputs.some((i) => i.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
  });
});
