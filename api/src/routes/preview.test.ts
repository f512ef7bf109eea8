/** Preview is rate limited per client (an IPv6 /64 is one client): 429 rate_limited with Retry-After. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { PREVIEW_LIMITS } from './preview.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.drop());

const preview = (ip: string) =>
  h.app.request('http://localhost/api/v1/preview', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test-ip': ip },
    body: JSON.stringify({ body: '**hi**' }),
  });

it('answers a generous number of previews a minute per client, then 429 with Retry-After', async () => {
  // Start at the beginning of a window, so the whole run falls in one.
  const windowMs = PREVIEW_LIMITS.windowSec * 1000;
  h.advance(windowMs - (h.deps.now().getTime() % windowMs) + 50);
  expect(PREVIEW_LIMITS.perClient).toBeGreaterThanOrEqual(30);
  for (let i = 0; i < PREVIEW_LIMITS.perClient; i++) {
    const res = await preview(`2001:db8:1:2::${(i % 200).toString(16)}`);
    expect(res.status, `preview ${i + 1}`).toBe(200);
  }
  // Another address in the same /64 is the same client.
  const limited = await preview('2001:db8:1:2:ffff:ffff:ffff:ffff');
  expect(limited.status).toBe(429);
  const json = (await limited.json()) as { error: { code: string } };
  expect(json.error.code).toBe('rate_limited');
  const retry = Number(limited.headers.get('retry-after'));
  expect(retry).toBeGreaterThan(0);
  expect(retry).toBeLessThanOrEqual(PREVIEW_LIMITS.windowSec);
  // Other clients are not held back.
  expect((await preview('2001:db8:1:3::1')).status).toBe(200);
  expect((await preview('192.0.2.8')).status).toBe(200);
  // The next window lets the client in again.
  h.advance(retry * 1000);
  expect((await preview('2001:db8:1:2::1')).status).toBe(200);
});
