/**
 * Approve and delete racing on one comment: one wins, the other gets 409, and the counts stay right.
 * An author's delete wipes the text: no approve, before or after it, publishes the empty comment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';
import { addModerator, adminCall, seedComment, sessionFor } from './admin.testkit.js';

let h: Harness;
const ORIGIN = 'https://blog.example';

beforeAll(async () => {
  h = await createHarness();
  await h.site('race');
  await h.site('held', { origins: [ORIGIN], moderation: 'all' });
  await addModerator(h, 'a@race.test', [['held', 'owner']]);
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

/** A reader's comment, held for moderation, with its edit token. */
async function heldComment(page: string, body: string): Promise<{ id: string; token: string }> {
  const res = await h.app.request('http://localhost/api/v1/comments', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ site: 'held', page, body, author: { name: 'Rea', email: 'rea@example.com' } }),
  });
  expect(res.status).toBe(202);
  const json = (await res.json()) as { comment: { id: string }; editToken: string };
  return { id: json.comment.id, token: json.editToken };
}

const authorDelete = (id: string, token: string) =>
  h.app.request(`http://localhost/api/v1/comments/${id}`, {
    method: 'DELETE',
    headers: { origin: ORIGIN, 'x-afterword-edit-token': token },
  });

async function publicThread(page: string) {
  const res = await h.app.request(`http://localhost/api/v1/comments?site=held&page=${page}`);
  return JSON.stringify(await res.json());
}

describe('an author’s delete against a moderator’s approve', () => {
  it('an approve of a comment its author deleted (read after the delete) is 409 and publishes nothing', async () => {
    const page = '/race/wiped-after/';
    const { id, token } = await heldComment(page, 'secret words');
    expect((await authorDelete(id, token)).status).toBe(200);
    const session = await sessionFor(h, 'a@race.test');
    for (const status of ['approved', 'pending', 'spam'] as const) {
      const res = await adminCall(h, 'POST', `/comments/${id}/status`, { session, body: { status } });
      expect(res.status, status).toBe(409);
      expect(res.json.error.code).toBe('conflict');
    }
    const bulk = await adminCall(h, 'POST', '/comments/bulk', {
      session,
      body: { ids: [id], action: 'approve' },
    });
    expect(bulk.json.results).toEqual([{ id, ok: false, error: 'conflict' }]);
    const stored = await h.store.comments.read(id);
    expect(stored).toMatchObject({ status: 'deleted', body: '' });
    expect((await h.store.threads.getPage('held', page))?.count ?? 0).toBe(0);
    expect(await publicThread(page)).not.toContain('"approved"');
  });

  it('an approve that read the comment before the author’s delete landed is 409 once the delete wins', async () => {
    const page = '/race/wiped-between/';
    const { id, token } = await heldComment(page, 'soon gone');
    const restore = barrierOnRead(id, 2);
    // The approve writes only after the delete has: the worst order for it.
    const original = h.store.comments.setStatus;
    let wiped!: () => void;
    const wipeDone = new Promise<void>((r) => {
      wiped = r;
    });
    h.store.comments.setStatus = async function setStatus(this: typeof h.store.comments, ...args) {
      if (args[1] === 'approved') await wipeDone;
      try {
        return await original.apply(this, args);
      } finally {
        if (args[3]?.wipe) wiped();
      }
    };
    try {
      const [approve, del] = await Promise.all([
        adminCall(h, 'POST', `/comments/${id}/status`, {
          session: await sessionFor(h, 'a@race.test'),
          body: { status: 'approved' },
        }),
        authorDelete(id, token),
      ]);
      expect(del.status).toBe(200);
      expect(approve.status).toBe(409);
      expect(approve.json.error.code).toBe('conflict');
    } finally {
      h.store.comments.setStatus = original;
      restore();
    }
    expect(await h.store.comments.read(id)).toMatchObject({ status: 'deleted', body: '' });
    expect(await publicThread(page)).not.toContain('"approved"');
  });

  it('racing freely, one of them wins: an approved comment keeps its text, a deleted one stays hidden', async () => {
    const page = '/race/wiped-free/';
    const { id, token } = await heldComment(page, 'which one wins');
    const restore = barrierOnRead(id, 2);
    const [approve, del] = await Promise.all([
      adminCall(h, 'POST', `/comments/${id}/status`, {
        session: await sessionFor(h, 'a@race.test'),
        body: { status: 'approved' },
      }),
      authorDelete(id, token),
    ]);
    restore();
    expect([approve.status, del.status].sort()).toEqual([200, 409]);
    const stored = await h.store.comments.read(id);
    if (approve.status === 200) expect(stored).toMatchObject({ status: 'approved', body: 'which one wins' });
    else expect(stored).toMatchObject({ status: 'deleted', body: '' });
    const thread = await publicThread(page);
    expect(thread.includes('which one wins')).toBe(approve.status === 200);
  });
});
