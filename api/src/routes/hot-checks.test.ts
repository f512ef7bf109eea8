/** The hot GETs' hand checks accept and refuse exactly what the contract's schemas do, on the same queries. */
import type { Type } from 'arktype';
import { Hono, type MiddlewareHandler } from 'hono';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../contract/limits.js';
import { ComposeQuery, CountsQuery, ThreadQuery } from '../contract/requests.js';
import { ApiError } from '../errors.js';
import { validate } from '../middleware/validate.js';
import { checkQuery, composeQuery, countsQuery, type RawQuery, threadQuery } from './hot-checks.js';

/** What one app answers to a query: 200 with what the route would see, or the error's code and fields. */
function answerer(check: MiddlewareHandler) {
  const app = new Hono().get('/', check, (c) =>
    c.json((c.req as { valid(t: 'query'): unknown }).valid('query')),
  );
  app.onError((err, c) => {
    if (err instanceof ApiError) {
      const fields = ((err.details?.fields as string[]) ?? []).slice().sort();
      return c.json({ code: err.code, fields }, err.status);
    }
    throw err;
  });
  return async (query: string) => {
    const res = await app.request(`/?${query}`);
    return { status: res.status, body: await res.json() };
  };
}

const long = (n: number) => 'x'.repeat(n);
const enc = encodeURIComponent;
/** Values each field is tried with: good ones, edges of each limit, the wrong shape. */
const VALUES = {
  site: ['demo', 'a', 'my-blog-2', 'My Blog', '-x', '', long(40), long(41), 'dé'],
  page: ['/posts/a/', '', '/', long(LIMITS.page), long(LIMITS.page + 1), '/ü/😀/', '?q=1#x'],
  sort: ['oldest', 'newest', 'top', 'TOP', '', 'best'],
  limit: ['1', '30', '999', '1000', '0', '-1', '1.5', '', 'ten'],
  cursor: ['abc', '', long(LIMITS.cursor), long(LIMITS.cursor + 1)],
} as const;

/** Queries: each field alone varied over its values (others good), a field missing, a key repeated. */
function queries(fields: (keyof typeof VALUES)[], required: string[]): string[] {
  const good: Record<string, string> = { site: 'demo', page: '/p/' };
  const out: string[] = [];
  const build = (q: Record<string, string | string[]>) =>
    Object.entries(q)
      .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}=${enc(x)}`))
      .join('&');
  for (const f of fields) {
    for (const v of VALUES[f]) out.push(build({ ...good, [f]: v }));
    out.push(build({ ...good, [f]: [VALUES[f][0], VALUES[f][1]] }));
    if (required.includes(f))
      out.push(build(Object.fromEntries(Object.entries(good).filter(([k]) => k !== f))));
  }
  out.push('', 'site=demo&page=/p/&other=1', 'site=My%20Blog&page=');
  return out;
}

const CASES: Array<[string, Type, (q: RawQuery) => unknown, string[]]> = [
  [
    'thread',
    ThreadQuery,
    threadQuery,
    queries(['site', 'page', 'sort', 'limit', 'cursor'], ['site', 'page']),
  ],
  ['compose', ComposeQuery, composeQuery, queries(['site', 'page'], ['site', 'page'])],
  [
    'counts',
    CountsQuery,
    countsQuery,
    [
      ...queries(['site', 'page'], ['site', 'page']),
      `${Array.from({ length: LIMITS.countsPages }, (_, i) => `page=/p${i}/`).join('&')}&site=demo`,
      `${Array.from({ length: LIMITS.countsPages + 1 }, (_, i) => `page=/p${i}/`).join('&')}&site=demo`,
      `site=demo&page=/a/&page=${long(LIMITS.page + 1)}`,
    ],
  ],
];

describe.each(CASES)('the %s query', (_, schema, hand, qs) => {
  const bySchema = answerer(validate('query', schema));
  const byHand = answerer(checkQuery(hand));

  it(`answers ${qs.length} queries as the contract's schema does`, async () => {
    let refused = 0;
    for (const q of qs) {
      const [want, got] = await Promise.all([bySchema(q), byHand(q)]);
      expect(got, q.slice(0, 120)).toEqual(want);
      if (want.status !== 200) refused++;
    }
    // Both kinds were tried: the comparison is not of two apps that accept everything.
    expect(refused).toBeGreaterThan(5);
    expect(refused).toBeLessThan(qs.length - 3);
  });
});
