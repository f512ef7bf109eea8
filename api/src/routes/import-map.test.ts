/** The import route's `map` and `dryRun`: the mapping answered as the contract says, nothing written, then the import. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ImportOutcome } from '../contract/responses.js';
import { MOVED, PREFIX_RULE, wordpressBlog } from '../portability/map.testkit.js';
import { createHarness, type Harness } from '../testing/harness.js';

let h: Harness;
let token: string;

beforeAll(async () => {
  h = await createHarness();
  await h.site('hugo');
  token = (await h.store.tokens.create(h.config.secret, 'hugo', 'import', 'i', new Date().toISOString()))
    .token;
});
afterAll(async () => {
  await h?.drop();
});

const post = async (params: [string, string][], body = wordpressBlog()) => {
  const res = await h.app.request(`/api/v1/sites/hugo/import?${new URLSearchParams(params)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

const maps: [string, string][] = [
  ['format', 'wordpress'],
  ['map', PREFIX_RULE],
  ['map', 'https://old.example/2013/11/old-news/=https://blog.example/posts/old-news/'],
  ['map', '/2012/*=/posts/*'],
];

it('a dry run answers the mapping per page and writes nothing; the import then moves every thread', async () => {
  const dry = await post([...maps, ['dryRun', 'true']]);
  expect(dry.status).toBe(200);
  expect(ImportOutcome(dry.json)).toEqual(dry.json);
  expect(dry.json).toMatchObject({ dryRun: true, imported: 0, records: 5, pages: 4, complete: true });
  expect(dry.json.mapping).toEqual({
    pages: [
      {
        from: '/2013/11/old-news/',
        to: '/posts/old-news/',
        comments: 1,
        rule: '/2013/11/old-news/=/posts/old-news/',
      },
      { from: '/2014/second/', to: '/posts/second/', comments: 1, rule: PREFIX_RULE },
      { from: '/2014/test/', to: '/posts/test/', comments: 2, rule: PREFIX_RULE },
      { from: '/about/', to: '/about/', comments: 1 },
    ],
    more: 0,
    unusedRules: ['/2012/*=/posts/*'],
  });
  expect(await h.store.pages.all('hugo')).toEqual([]);

  const done = await post(maps);
  expect(done.status).toBe(200);
  expect(done.json).toMatchObject({ imported: 5, pages: 4 });
  expect(done.json.dryRun).toBeUndefined();
  const pages = await h.store.pages.all('hugo');
  expect(Object.fromEntries(pages.map((p) => [p.page, p.count]))).toEqual(MOVED);
});

it('refuses a malformed map or a rewrite with a path: 400 naming the field', async () => {
  for (const [field, value, why] of [
    ['map', '/2014/*=/posts/', /both sides with \*/],
    ['map', 'posts', /exactly one =/],
    ['rewrite', 'old.example/2014/=blog.example/', /--map/],
  ] as const) {
    const res = await post([
      ['format', 'wordpress'],
      [field, value],
      ['dryRun', 'true'],
    ]);
    expect(res.status, value).toBe(400);
    const error = res.json.error as { code: string; message: string; details: { fields: string[] } };
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(why);
    expect(error.details.fields).toEqual([field]);
  }
  expect(
    (
      await post([
        ['format', 'wordpress'],
        ['dryRun', 'yes'],
      ])
    ).status,
  ).toBe(400);
});
