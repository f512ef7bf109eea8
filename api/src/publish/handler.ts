/**
 * The publisher's stream handler: a batch's records say which pages and sites changed (changes.ts);
 * each page is published once per batch (only its JSON when every record for it was a vote), then each
 * site's file; each site is read once per batch. A failed publish reports every record that asked for
 * it (partial batch response), marked when storage was unreachable (the local poller).
 */
import type { DynamoDBRecord } from 'aws-lambda';
import { isStorageUnavailable } from '../errors.js';
import type { SiteItem } from '../store/items.js';
import type { PollerFailure, PollerResponse } from '../stream/poller.js';
import { targetsOf } from './changes.js';
import { type PublishDeps, publishPage, publishSite } from './publish.js';
import type { FreshPage } from './site.js';

export interface PublisherDeps extends PublishDeps {
  log?: (line: string) => void;
}

export function createPublisher(deps: PublisherDeps) {
  const log = deps.log ?? ((line: string) => console.log(line));

  async function handleBatch(records: DynamoDBRecord[]): Promise<PollerResponse> {
    const pages = new Map<
      string,
      { site: string; page: string; atLeast?: number; scoresOnly: boolean; ids: string[] }
    >();
    const sites = new Map<string, string[]>();
    const wholeSites = new Map<string, string[]>();
    const add = (map: Map<string, string[]>, key: string, id: string) =>
      map.set(key, [...(map.get(key) ?? []), id]);
    for (const record of records) {
      const id = record.dynamodb?.SequenceNumber ?? record.eventID ?? '';
      const t = targetsOf(record);
      for (const p of t.pages) {
        const key = `${p.site}\u0000${p.page}`;
        const entry = pages.get(key) ?? { site: p.site, page: p.page, scoresOnly: true, ids: [] };
        if (p.atLeast) entry.atLeast = Math.max(entry.atLeast ?? 0, p.atLeast);
        entry.scoresOnly &&= p.scoresOnly === true;
        entry.ids.push(id);
        pages.set(key, entry);
      }
      if (t.site) add(sites, t.site, id);
      if (t.site && t.allPages) add(wholeSites, t.site, id);
    }
    const failures = new Map<string, PollerFailure>();
    const fail = (ids: string[], what: string, err: unknown) => {
      log(`publish: ${what} failed: ${(err as Error).name}: ${(err as Error).message}`.slice(0, 500));
      const outage = isStorageUnavailable(err);
      for (const itemIdentifier of ids)
        failures.set(itemIdentifier, { itemIdentifier, ...(outage ? { storageUnavailable: true } : {}) });
    };
    for (const [site, ids] of wholeSites) {
      try {
        for (const p of await deps.store.pages.all(site)) {
          const key = `${site}\u0000${p.page}`;
          const entry = pages.get(key) ?? { site, page: p.page, scoresOnly: false, ids: [] };
          entry.scoresOnly = false;
          entry.ids.push(...ids);
          pages.set(key, entry);
        }
      } catch (err) {
        fail(ids, `pages of ${site}`, err);
      }
    }
    const fresh = new Map<string, FreshPage[]>();
    // One strongly consistent read of each site per batch, shared by its pages and its file.
    const siteReads = new Map<string, Promise<SiteItem | undefined>>();
    const siteOf = (id: string) => {
      const read = siteReads.get(id) ?? deps.store.sites.fresh(id);
      siteReads.set(id, read);
      read.catch(() => siteReads.delete(id)); // a failed read is tried again by the next page
      return read;
    };
    for (const p of pages.values()) {
      try {
        const out = await publishPage(deps, p.site, p.page, {
          site: await siteOf(p.site),
          ...(p.atLeast ? { atLeast: p.atLeast } : {}),
          ...(p.scoresOnly ? { only: 'json' as const } : {}),
        });
        if (out) fresh.set(p.site, [...(fresh.get(p.site) ?? []), out.read]);
      } catch (err) {
        fail(p.ids, `page ${p.site} ${p.page}`, err);
      }
    }
    for (const [site, ids] of sites) {
      try {
        await publishSite(deps, site, fresh.get(site), await siteOf(site));
      } catch (err) {
        fail(ids, `site ${site}`, err);
      }
    }
    return { batchItemFailures: [...failures.values()] };
  }

  return { handleBatch };
}

export type Publisher = ReturnType<typeof createPublisher>;
