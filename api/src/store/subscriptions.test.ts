/** Subscriber items: created once, verified, opted out per thread or wholly, and erased on request. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.drop();
});

it('keeps one subscriber per site and hash, and forget() erases it with its thread opt-outs', async () => {
  const subs = h.store.subscriptions;
  const first = await subs.ensure('s', 'hash1', 'one@example.com', '2026-01-01T00:00:00Z');
  expect(first.created).toBe(true);
  const again = await subs.ensure('s', 'hash1', 'changed@example.com', '2026-01-02T00:00:00Z');
  expect(again).toMatchObject({ created: false, subscriber: { email: 'one@example.com', verified: false } });
  expect(await subs.verify('s', 'hash1', '2026-01-03T00:00:00Z', '2026-01-02T00:00:00Z')).toBe('verified');
  expect(await subs.verify('s', 'unknown', '2026-01-03T00:00:00Z', '2026-01-02T00:00:00Z')).toBe('unknown');
  // After an unsubscribe only a link issued later verifies again.
  await subs.unsubscribeAll('s', 'hash1', '2026-01-03T12:00:00Z');
  expect(await subs.verify('s', 'hash1', '2026-01-04T00:00:00Z', '2026-01-03T11:00:00Z')).toBe('stale');
  expect((await subs.get('s', 'hash1'))?.unsubscribedAt).toBe('2026-01-03T12:00:00Z');
  expect(await subs.verify('s', 'hash1', '2026-01-04T00:00:00Z', '2026-01-03T13:00:00Z')).toBe('verified');
  expect((await subs.get('s', 'hash1'))?.unsubscribedAt).toBeUndefined();
  for (let i = 0; i < 30; i++) await subs.mute('s', 'hash1', `/p${i}/`, '2026-01-04T00:00:00Z');
  await subs.ensure('other', 'hash1', 'one@example.com', '2026-01-01T00:00:00Z');

  expect(await subs.forget('s', 'hash1')).toBe(31);
  expect(await subs.get('s', 'hash1')).toBeUndefined();
  expect(await subs.isMuted('s', 'hash1', '/p3/')).toBe(false);
  expect(await subs.get('other', 'hash1')).toBeDefined();
  expect(await subs.forget('s', 'hash1')).toBe(0);
});
