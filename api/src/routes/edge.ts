/**
 * How the hot GETs (thread, compose token, counts, health) are checked and described: in the served app by
 * hand checks with no documentation attached (nothing of ArkType or the OpenAPI builder at a cold start);
 * in the app the OpenAPI document is made from, by the contract's schemas and the operations' docs
 * (`openapi/hot-edge.ts`). hot-checks.test.ts proves both accept and refuse the same queries.
 */
import type { MiddlewareHandler } from 'hono';
import type { ComposeQueryParams, CountsQueryParams, ThreadQueryParams } from '../contract/requests.js';
import { checkQuery, composeQuery, countsQuery, type QueryCheck, threadQuery } from './hot-checks.js';

export interface HotRoute<T> {
  docs: MiddlewareHandler;
  query: QueryCheck<T>;
}

export interface HotEdge {
  thread: HotRoute<ThreadQueryParams>;
  compose: HotRoute<ComposeQueryParams>;
  counts: HotRoute<CountsQueryParams>;
  health: Pick<HotRoute<never>, 'docs'>;
}

const undocumented: MiddlewareHandler = async function undocumented(_, next) {
  await next();
};

/** The served app's edge: hand checks only. */
export const LEAN_EDGE: HotEdge = {
  thread: { docs: undocumented, query: checkQuery(threadQuery) },
  compose: { docs: undocumented, query: checkQuery(composeQuery) },
  counts: { docs: undocumented, query: checkQuery(countsQuery) },
  health: { docs: undocumented },
};
