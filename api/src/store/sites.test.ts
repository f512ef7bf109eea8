/** The site and origin caches stay at their bound however many distinct ids and origins clients send. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_ENTRIES, loadConfig } from '../config.js';
import { createHarness, type Harness } from '../testing/harness.js';

const BOUND = 20;
const ORIGIN = 'https://blog.example';
let h: Harness;
/** Storage calls made through the harness's client, by command name. */
const calls: string[] = [];

beforeAll(async () => {
  h = await createHarness({ siteCacheMs: 60_000, cacheEntries: BOUND });
  await h.site('bounded', { origins: [ORIGIN] });
  h.db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(context.commandName ?? '?');
      return next(args);
    },
    { step: 'initialize', name: 'siteCacheCalls' },
  );
});

afterAll(async () => {
  await h?.drop();
});

const reads = async (run: () => Promise<unknown>) => {
  const before = calls.length;
  await run();
  return calls.slice(before).filter((c) => /Get|Query/.test(c)).length;
};

describe('bounded caches', () => {
  it('reads AFTERWORD_CACHE_ENTRIES, with a default of a few thousand', () => {
    const secret = 'x'.repeat(32);
    expect(loadConfig({ AFTERWORD_SECRET: secret }).cacheEntries).toBe(DEFAULT_CACHE_ENTRIES);
    expect(loadConfig({ AFTERWORD_SECRET: secret, AFTERWORD_CACHE_ENTRIES: '7' }).cacheEntries).toBe(7);
    expect(loadConfig({ AFTERWORD_SECRET: secret, AFTERWORD_CACHE_ENTRIES: '0' }).cacheEntries).toBe(1);
  });

  it('many distinct unknown site ids leave the site cache at its bound, least recently used out first', async () => {
    for (let i = 0; i < BOUND * 3; i++) {
      const res = await h.app.request(`/api/v1/comments?site=nosuch${i}&page=/x/`);
      expect(res.status).toBe(404);
    }
    expect(h.store.sites.cacheSizes().sites).toBe(BOUND);
    // The newest miss is still cached (no read); the oldest was evicted (read again).
    expect(await reads(() => h.store.sites.get(`nosuch${BOUND * 3 - 1}`))).toBe(0);
    expect(await reads(() => h.store.sites.get('nosuch0'))).toBe(1);
    expect(h.store.sites.cacheSizes().sites).toBe(BOUND);
    // A real site is still served, and cached in turn.
    expect((await h.store.sites.get('bounded'))?.origins).toEqual([ORIGIN]);
    expect(await reads(() => h.store.sites.get('bounded'))).toBe(0);
  });

  it('many distinct origins in preflights leave the origin cache at its bound', async () => {
    const preflight = (origin: string) =>
      h.app.request('/api/v1/comments', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    for (let i = 0; i < BOUND * 3; i++) {
      const res = await preflight(`https://x${i}.example`);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect(h.store.sites.cacheSizes().origins).toBe(BOUND);
    const allowed = await preflight(ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(h.store.sites.cacheSizes().origins).toBe(BOUND);
  });

  it('a read that overlapped a write does not cache the miss it saw (a site created meanwhile is found)', async () => {
    let hold: Promise<void> | undefined;
    let release = () => {};
    h.db.doc.middlewareStack.add(
      (next) => async (args) => {
        const key = (args.input as { Key?: { pk?: string } }).Key;
        const held = key?.pk === 'SITE#racing' ? hold : undefined;
        const out = await next(args);
        await held;
        return out;
      },
      { step: 'initialize', name: 'holdRacingRead' },
    );
    hold = new Promise<void>((r) => {
      release = r;
    });
    // This read answers "no such site" from before the create, but only after the create is done.
    const early = h.store.sites.get('racing');
    await new Promise((r) => setTimeout(r, 100));
    hold = undefined;
    await h.store.sites.put('racing', { origins: [ORIGIN] }, 'create');
    release();
    expect(await early).toBeUndefined();
    expect((await h.store.sites.get('racing'))?.id).toBe('racing');
    h.db.doc.middlewareStack.remove('holdRacingRead');
  });

  it('caches nothing when the cache time is 0', async () => {
    const h0 = await createHarness({ siteCacheMs: 0, cacheEntries: BOUND });
    try {
      await h0.store.sites.get('nosuch');
      await h0.store.sites.originKnown('https://nosuch.example');
      expect(h0.store.sites.cacheSizes()).toEqual({ sites: 0, origins: 0 });
    } finally {
      await h0.drop();
    }
  });
});
