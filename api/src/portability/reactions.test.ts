/**
 * Reactions in the native format: an export carries the site's sets, each comment's and page's counts (never
 * who reacted), valid against native.schema.json (whose emoji are the contract's palette) and the contract; an
 * import into an empty site keeps the comments' counts (a page's are not imported).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REACTION_PALETTE } from '../contract/reactions.js';
import { ExportChunk } from '../contract/responses.js';
import { ORIGIN, postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { exportChunk } from './export.js';
import { runImport, single } from './run.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'native.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const REACTIONS = { comments: ['👍' as const, '🎉' as const], page: ['❤️' as const] };

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.site('rx', { reactions: REACTIONS });
  await h.site('empty');
});
afterAll(async () => {
  await h?.drop();
});

const react = (path: string, ip: string) =>
  h.call('PUT', `/api/v1${path}`, { headers: { origin: ORIGIN }, ip });
const all = async (site: string) =>
  exportChunk(h.store, (await h.store.sites.get(site))!, undefined, {
    maxBytes: 1 << 20,
    remainingMs: () => Number.POSITIVE_INFINITY,
    reserveMs: 0,
  });

it('names the same emoji as the contract', () => {
  expect(schema.$defs.emoji.enum).toEqual([...REACTION_PALETTE]);
});

it('exports the sets and the counts (valid against the schema and the contract), and an import keeps the comments’', async () => {
  const id = (await postComment(h.call, { site: 'rx', page: '/r/', body: 'react' })).json.comment.id;
  for (const ip of ['10.0.0.1', '10.0.0.2'])
    await react(`/comments/${id}/reactions/${encodeURIComponent('🎉')}`, ip);
  await react(`/comments/${id}/reactions/${encodeURIComponent('👍')}`, '10.0.0.1');
  await react(`/reactions/${encodeURIComponent('❤️')}?site=rx&page=/r/`, '10.0.0.3');
  const chunk = await all('rx');
  expect(validate(chunk), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  expect(ExportChunk(chunk)).toEqual(chunk);
  expect(chunk.site.reactions).toEqual(REACTIONS);
  expect(chunk.comments[0]!.reactions).toEqual({ '👍': 1, '🎉': 2 });
  expect(chunk.pages[0]!.reactions).toEqual({ '❤️': 1 });
  expect(JSON.stringify(chunk)).not.toMatch(/10\.0\.0\.|reactor/);

  const imported = await runImport({
    store: h.store,
    secret: h.config.secret,
    site: 'empty',
    format: 'native',
    chunks: single(JSON.stringify(chunk)),
  });
  expect([imported.imported, imported.problems]).toEqual([1, 0]);
  const again = await all('empty');
  expect(again.comments[0]!.reactions).toEqual({ '👍': 1, '🎉': 2 });
  expect(again.pages[0]).not.toHaveProperty('reactions');
});
