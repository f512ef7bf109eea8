/** Exactly-once sending over a stream that delivers at least once: claims with a lease, then a sent mark. */
import type { Store } from '../store/index.js';
import type { SiteItem } from '../store/items.js';
import type { MarkStore } from '../store/marks.js';
import type { PageRef } from './layout.js';

/** Kept long enough to outlive every retry of a stream record (records live 24 hours). */
export const MARK_TTL_SEC = 30 * 86400;
/** A claim older than this is taken to be from a crashed attempt and may be taken over. */
export const LEASE_SEC = 120;

export class BusyError extends Error {}

/**
 * Mark-then-send: claim the key with a lease, send, then mark it sent; a failed send gives the claim back.
 * A crash between a successful send and the mark could repeat one mail after the lease; the reverse
 * order (send, then mark) would repeat every mail whose mark write failed, so claiming first wins.
 * Resolves true when this call sent, false when it had been sent before.
 */
export function createOnce(marks: MarkStore, nowSec: () => number) {
  return async function once(
    key: string,
    ttlSec: number | undefined,
    send: () => Promise<void>,
  ): Promise<boolean> {
    const claim = await marks.claim(key, { nowSec: nowSec(), leaseSec: LEASE_SEC, ttlSec });
    if (claim === 'done') return false;
    if (claim === 'busy') throw new BusyError(`notification ${key} is being sent by another attempt`);
    try {
      await send();
    } catch (err) {
      await marks.release(key);
      throw err;
    }
    await marks.complete(key, nowSec());
    return true;
  };
}

/** Title and URL of a page for mail and webhooks. */
export async function readPageRef(
  store: Pick<Store, 'threads'>,
  site: SiteItem,
  page: string,
): Promise<PageRef> {
  const p = await store.threads.getPage(site.id, page);
  return {
    site: site.id,
    siteName: site.name || site.id,
    page,
    title: p?.title || undefined,
    claimedTitle: p?.claimedTitle || undefined,
    url: p?.url || undefined,
  };
}
