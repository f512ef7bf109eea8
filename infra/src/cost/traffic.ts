/** The traffic the cost model prices, and its default assumptions about caches and the widget. */
import { FILES_EDGE_TTL_SECONDS } from '../constructs/edge-policies.js';
import { ENTRY_EDGE_TTL_SECONDS } from '../constructs/widget-files.js';

export interface Traffic {
  views: number;
  comments: number;
  votes: number;
  /**
   * Share of file requests (thread file, site file, revalidations) CloudFront answers without S3. The
   * edge keeps a file FILES_EDGE_TTL_SECONDS, then revalidates it with one conditional GET (S3 answers
   * 304 while it is unchanged, billed as a GET); every miss and every revalidation is an S3 GET.
   */
  hitRatio: number;
  /** Share of views that are index pages (one site-file request each for the counts). */
  indexShare: number;
  /** Revalidations of the thread file per view (the widget's polling while the thread is on screen). */
  revalidationsPerView: number;
  /** Widget entry files fetched per view before the browser cache (embed.js). */
  staticRequests: number;
  /** Share of views whose embed.js the browser still holds (`max-age=300`: a second page within 5 minutes). */
  staticBrowserCached: number;
  /** Share of embed.js requests the edge answers (it keeps embed.js ENTRY_EDGE_TTL_SECONDS; deploys invalidate it). */
  staticHitRatio: number;
  staticBytes: number;
  /** Share of views whose thread is past the file's cap and is read from the API. */
  pastCap: number;
  emailsPerComment: number;
  /** Lambda (1024 MB, ~0.6 vCPU) is assumed this many times slower than the bench machine. */
  lambdaFactor: number;
  /** Comments kept in the table (default: a year of them). */
  storedComments: number;
}

/**
 * The hit ratio of a cache keeping objects `ttl` seconds. Requests for an object arriving at one cache
 * at a rate r: each miss starts a window of `ttl` in which the next r*ttl requests hit, a ratio of
 * r*ttl/(1+r*ttl). The model of the cached API (5 s s-maxage) assumed 0.5, r*5 = 1: the same traffic
 * gives 6/7 at 30 s. An assumption about how concentrated a blog's reads are, not a measurement.
 */
export function edgeHitRatio(ttlSeconds: number, apiHitRatioAt5s = 0.5): number {
  const rt = (apiHitRatioAt5s / (1 - apiHitRatioAt5s)) * (ttlSeconds / 5);
  return rt / (1 + rt);
}

export const DEFAULT_TRAFFIC: Omit<Traffic, 'views' | 'comments' | 'votes' | 'storedComments'> = {
  hitRatio: Math.round(edgeHitRatio(FILES_EDGE_TTL_SECONDS) * 1000) / 1000,
  indexShare: 0.2,
  // The widget revalidates only while the thread is on screen and the tab visible, backing off; most
  // readers never scroll to the comments. Balanced by embed.js views answered from the browser cache.
  revalidationsPerView: 0.2,
  staticRequests: 1,
  staticBrowserCached: 0.2,
  staticHitRatio: Math.round(edgeHitRatio(ENTRY_EDGE_TTL_SECONDS) * 10_000) / 10_000,
  staticBytes: 12 * 1024,
  pastCap: 0,
  emailsPerComment: 1,
  lambdaFactor: 2,
};
