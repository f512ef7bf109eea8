/** GET /api/v1/compose: a compose token for a reader who starts writing, with the post's minimum compose time counted from it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';

let h: Harness;
const ORIGIN = 'https://blog.example';

beforeAll(async () => {
  h = await createHarness();
  await h.site('slow', { origins: [ORIGIN], spam: { minComposeSec: 3 } });
});
afterAll(() => h.drop());

async function compose(query: string, origin = ORIGIN) {
  const res = await h.app.request(`/api/v1/compose?${query}`, { headers: { origin } });
  return { status: res.status, json: (await res.json()) as Record<string, any>, headers: res.headers };
}

describe('compose token', () => {
  it('is issued for a site and page, never cached, and counts the minimum compose time from its issue', async () => {
    const r = await compose('site=slow&page=/post/');
    expect(r.status).toBe(200);
    expect(Object.keys(r.json)).toEqual(['composeToken']);
    expect(r.json.composeToken).toMatch(/^\d+\.[A-Za-z0-9_-]{22}$/);
    expect(r.headers.get('cache-control')).toBe('private, no-store');
    expect(r.headers.get('access-control-allow-origin')).toBe(ORIGIN);

    const post = (body: string, composeToken: string) =>
      postComment(h.call, { site: 'slow', page: '/post/', body, composeToken }, { origin: ORIGIN });
    h.advance(1000);
    const early = await post('typed in a second', r.json.composeToken);
    expect([early.status, early.json.comment.status]).toEqual([202, 'pending']);

    const later = await compose('site=slow&page=/post/');
    h.advance(3000);
    const fine = await post('took my time', later.json.composeToken);
    expect([fine.status, fine.json.comment.status]).toEqual([201, 'approved']);

    // Bound to its page: the same token on another page is forged.
    h.advance(3000);
    const elsewhere = await postComment(
      h.call,
      { site: 'slow', page: '/other/', body: 'moved', composeToken: later.json.composeToken },
      { origin: ORIGIN },
    );
    expect(elsewhere.json.comment.status).toBe('pending');
  });

  it('answers bad input, unknown sites and foreign origins with their codes', async () => {
    const noPage = await compose('site=slow');
    expect([noPage.status, noPage.json.error.code]).toEqual([400, 'invalid_input']);
    const unknown = await compose('site=nosuchsite&page=/p/');
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'site_not_found']);
    const foreign = await compose('site=slow&page=/p/', 'https://elsewhere.example');
    expect([foreign.status, foreign.json.error.code]).toEqual([403, 'origin_not_allowed']);
  });
});
