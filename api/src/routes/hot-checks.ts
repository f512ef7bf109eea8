/**
 * Hand checks of the hot GETs' queries (thread, compose token, counts): the same answers as the contract's
 * schemas (hot-checks.test.ts proves it on the same inputs) without building ArkType at a cold start.
 */
import type { MiddlewareHandler } from 'hono';
import { LIMITS, SORTS } from '../contract/limits.js';
import type { ComposeQueryParams, CountsQueryParams, ThreadQueryParams } from '../contract/requests.js';
import { ApiError } from '../errors.js';

/** A query as Hono's validators see it: a repeated key is an array. */
export type RawQuery = Record<string, string | string[]>;

/** True when the value passes; else false, or the paths of the bad items of an array (`page.3`). */
type Rule = (v: string | string[] | undefined) => boolean | string[];

const SITE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const LIMIT = /^[0-9]{1,3}$/;
const text = (max: number) => (v: unknown) => typeof v === 'string' && v.length <= max;
const required =
  (ok: (v: string | string[]) => boolean | string[]): Rule =>
  (v) =>
    v !== undefined && ok(v);
const optional =
  (ok: (v: string | string[]) => boolean): Rule =>
  (v) =>
    v === undefined || ok(v);
const page = text(LIMITS.page);

/** Checks `q` by `rules` (in the schema's order); refuses like `validate()` does, naming every bad field. */
function check<T>(q: RawQuery, rules: Record<string, Rule>): T {
  const fields = Object.entries(rules).flatMap(([k, rule]) => {
    const ok = rule(Object.hasOwn(q, k) ? q[k] : undefined);
    return ok === true ? [] : ok === false ? [k] : ok.map((i) => `${k}.${i}`);
  });
  if (fields.length) throw new ApiError(400, 'invalid_input', `invalid ${fields.join(', ')}`, { fields });
  return q as T;
}

export const threadQuery = (q: RawQuery) =>
  check<ThreadQueryParams>(q, {
    site: required((v) => typeof v === 'string' && SITE_ID.test(v)),
    page: required(page),
    sort: optional((v) => typeof v === 'string' && (SORTS as readonly string[]).includes(v)),
    limit: optional((v) => typeof v === 'string' && LIMIT.test(v)),
    cursor: optional(text(LIMITS.cursor)),
  });

export const composeQuery = (q: RawQuery) =>
  check<ComposeQueryParams>(q, {
    site: required((v) => typeof v === 'string' && SITE_ID.test(v)),
    page: required(page),
  });

export const countsQuery = (q: RawQuery) =>
  check<CountsQueryParams>(q, {
    site: required((v) => typeof v === 'string' && SITE_ID.test(v)),
    // One page, or a list of at most countsPages; a bad item is named by its index, as the schema does.
    page: required((v) => {
      if (!Array.isArray(v)) return page(v);
      if (v.length > LIMITS.countsPages) return false;
      const bad = v.flatMap((p, i) => (page(p) ? [] : [String(i)]));
      return bad.length === 0 || bad;
    }),
  });

/** A query check as a validator middleware: `c.req.valid('query')` is its result, as with `validate()`. */
export type QueryCheck<T> = MiddlewareHandler<
  // biome-ignore lint/suspicious/noExplicitAny: any env, as the routes' own validators
  any,
  string,
  { in: { query: RawQuery }; out: { query: T } }
>;

export function checkQuery<T>(f: (q: RawQuery) => T): QueryCheck<T> {
  return async function queryCheck(c, next) {
    const raw = Object.fromEntries(
      Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0]! : v]),
    );
    c.req.addValidatedData('query', f(raw) as object);
    await next();
  };
}
