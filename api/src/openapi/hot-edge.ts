/** The hot GETs' edge in the app the OpenAPI document is made from: the contract's schemas and the operations' docs. */
import { ComposeQuery, CountsQuery, ThreadQuery } from '../contract/requests.js';
import { validate } from '../middleware/validate.js';
import type { HotEdge } from '../routes/edge.js';
import { commentDocs, composeDocs, countDocs, healthDocs } from './operations.js';

export const DOCUMENTED_EDGE: HotEdge = {
  thread: { docs: commentDocs.list, query: validate('query', ThreadQuery) },
  compose: { docs: composeDocs, query: validate('query', ComposeQuery) },
  counts: { docs: countDocs, query: validate('query', CountsQuery) },
  health: { docs: healthDocs },
};
