/** Approve and delete racing on one comment: one wins, the other gets 409, and the counts stay right. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { addModerator, adminCall, seedComment, sessionFor } from './admin.testkit.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  await h.site('race');
  await addModerator(h, 'a@race.test', [['race', 'owner']]);
  await addModerator(h, 'b@race.test', [['race', 'moderator']]);
});
afterAll(() => h?.drop());

/** Makes both requests read the comment before either writes, so the race really happens. */
function barrierOnRead(id: string, parties: number) {
  const original = h.store.comments.read;
  let waiting: Array<() => void> = [];
  h.store.comments.read = async function read(this: typeof h.store.comments, wanted: string) {
    const result = await original.call(this, wanted);
    if (wanted === id && waiting.length < parties) {
      await new Promise<void>((release) => {
        waiting.push(release);
        if (waiting.length === parties) for (const r of waiting) r();
      });
    }
    return result;
  };
  return () => {
    h.store.comments.read = original;
    waiting = [];
  };
}

describe('racing moderators', () => {
  it.each([
    ['approve vs delete', 'approved', 'deleted'],
    ['delete vs approve', 'deleted', 'approved'],
    ['approve vs spam', 'approved', 'spam'],
  ] as const)('%s on one pending comment: one 200, one 409, counts right', async (_name, first, second) => {
    const page = `/race/${first}-${second}/`;
    await seedComment(h, 'race', { status: 'approved', page });
    const id = await seedComment(h, 'race', { page });
    const before = await h.store.moderation.counts('race');
    const restore = barrierOnRead(id, 2);
    const [a, b] = await Promise.all([
      adminCall(h, 'POST', `/comments/${id}/status`, {
        session: await sessionFor(h, 'a@race.test'),
        body: { status: first },
      }),
      adminCall(h, 'POST', `/comments/${id}/status`, {
        session: await sessionFor(h, 'b@race.test'),
        body: { status: second },
      }),
    ]);
    restore();
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.json.error.code).toBe('conflict');
    const winner = a.status === 200 ? first : second;
    const stored = await h.store.comments.read(id);
    expect(stored?.status).toBe(winner);
    const meta = await h.store.threads.getPage('race', page);
    expect(meta?.count).toBe(winner === 'approved' ? 2 : 1);
    const after = await h.store.moderation.counts('race');
    expect(after.pending).toBe(before.pending - 1);
    expect(after[winner]).toBe(before[winner] + 1);
    const log = await h.store.audit.list('race', 100);
    expect(log.entries.filter((e) => e.target === id)).toHaveLength(1);
  });

  it('a moderator delete keeps the text for the log and leaves a placeholder when there are replies', async () => {
    const page = '/race/placeholder/';
    const parent = await seedComment(h, 'race', { status: 'approved', page, body: 'keep me' });
    const session = await sessionFor(h, 'a@race.test');
    const reply = await adminCall(h, 'POST', `/comments/${parent}/reply`, {
      session,
      body: { body: 'mod here' },
    });
    expect(reply.status).toBe(201);
    expect(reply.json.comment.author.moderator).toBe(true);
    const del = await adminCall(h, 'POST', `/comments/${parent}/status`, {
      session,
      body: { status: 'deleted' },
    });
    expect(del.status).toBe(200);
    const stored = await h.store.comments.read(parent);
    expect(stored).toMatchObject({ status: 'deleted', placeholder: true, body: 'keep me' });
    const thread = await h.app.request(`http://localhost/api/v1/comments?site=race&page=${page}`);
    const json = (await thread.json()) as {
      page: { count: number };
      comments: Array<Record<string, unknown>>;
    };
    expect(json.page.count).toBe(1);
    expect(json.comments.map((c) => c.status)).toEqual(['deleted', 'approved']);
    expect(JSON.stringify(json)).not.toContain('keep me');
    expect(json.comments[1]).toMatchObject({ author: { moderator: true } });
  });
});
