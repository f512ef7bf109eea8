/** Load: many writers on many threads at once, with retries and idempotency keys; nothing lost, nothing doubled. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../api/src/server.js';
import { type Caller, type CallResult, httpCaller } from '../../api/src/testing/clients.js';
import { postComment, readThread } from '../../api/src/testing/comments.js';
import { createHarness, type Harness } from '../../api/src/testing/harness.js';

const SITE = 'load';
const ORIGIN = 'https://blog.example';
const THREADS = Array.from({ length: 8 }, (_, i) => `/load/thread-${i}/`);
const WRITERS = 16;
const POSTS_PER_WRITER = 10;
const VOTERS = 16;

let h: Harness;
let call: Caller;
let close: () => Promise<void>;

beforeAll(async () => {
  h = await createHarness();
  await h.site(SITE, { origins: [ORIGIN], moderation: 'none' });
  const server = await startServer({ ...h.config, port: 0 }, h.store, { staticRoot: '/nonexistent' });
  close = server.close;
  call = httpCaller(server.url);
});

afterAll(async () => {
  await close?.();
  await h?.drop();
});

/** Sends until a final answer: 2xx, or a 4xx that is not a conflict; 5xx, 409 and dropped connections are retried. */
async function send(make: () => Promise<CallResult>, log: string[]): Promise<CallResult> {
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      const res = await make();
      if (res.status < 500 && res.status !== 409) return res;
      log.push(`${res.status} ${res.json?.error?.code}`);
    } catch (err) {
      log.push((err as Error).message);
    }
    await new Promise((r) => setTimeout(r, 20 * 2 ** attempt * Math.random()));
  }
  throw new Error(`no final answer after retries: ${log.slice(-3).join('; ')}`);
}

async function listAll(page: string) {
  const comments: { id: string; score: number; status: string }[] = [];
  let cursor: string | null = null;
  let meta: { count: number } | undefined;
  do {
    const res = await readThread(
      call,
      SITE,
      page,
      { limit: 100, ...(cursor ? { cursor } : {}) },
      { origin: null },
    );
    expect(res.status).toBe(200);
    meta ??= res.json.page;
    comments.push(...res.json.comments);
    cursor = res.json.nextCursor;
  } while (cursor);
  return { comments, count: meta?.count ?? 0 };
}

// Bounded work, but a busy machine (the whole suite on two cores) can take several times as long.
describe('many writers on many threads', { timeout: 120_000 }, () => {
  const byKey = new Map<string, Set<string>>();
  const keyThread = new Map<string, string>();
  const retries: string[] = [];

  it('every create answered once per idempotency key, even when sent twice at once or retried', async () => {
    const writer = async (w: number) => {
      const mine: { id: string; page: string }[] = [];
      for (let i = 0; i < POSTS_PER_WRITER; i++) {
        const key = `w${w}-c${i}`;
        const page = THREADS[(w * 7 + i * 3) % THREADS.length]!;
        const parent = i % 3 === 2 ? mine.find((m) => m.page === page) : undefined;
        const post = () =>
          send(
            () =>
              postComment(
                call,
                {
                  site: SITE,
                  page,
                  body: `comment ${i} from writer ${w}`,
                  author: { name: `Writer ${w}` },
                  ...(parent ? { parentId: parent.id } : {}),
                },
                { origin: ORIGIN, idempotencyKey: key, ip: `127.0.1.${w + 1}` },
              ),
            retries,
          );
        // A third are sent twice at once (a double click), a third again after the answer (a lost response).
        const answers =
          i % 3 === 0
            ? await Promise.all([post(), post()])
            : i % 3 === 1
              ? [await post(), await post()]
              : [await post()];
        for (const a of answers) {
          expect(a.status, a.text).toBe(201);
          const ids = byKey.get(key) ?? new Set<string>();
          ids.add(a.json.comment.id);
          byKey.set(key, ids);
        }
        keyThread.set(key, page);
        mine.push({ id: answers[0]!.json.comment.id, page });
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    expect(byKey.size).toBe(WRITERS * POSTS_PER_WRITER);
    for (const [key, ids] of byKey) expect(ids.size, key).toBe(1);
  });

  it('no comment lost, none duplicated, every count equal to what is listed', async () => {
    const counts = await call(
      'GET',
      `/api/v1/counts?site=${SITE}&${THREADS.map((t) => `page=${encodeURIComponent(t)}`).join('&')}`,
    );
    expect(counts.status).toBe(200);
    let total = 0;
    for (const page of THREADS) {
      const { comments, count } = await listAll(page);
      const listed = comments.map((c) => c.id);
      expect(new Set(listed).size, `duplicates on ${page}`).toBe(listed.length);
      const expected = [...byKey].filter(([k]) => keyThread.get(k) === page).map(([, ids]) => [...ids][0]);
      expect(new Set(listed)).toEqual(new Set(expected));
      expect(count, `page count of ${page}`).toBe(listed.length);
      expect(counts.json.counts[page], `counts endpoint for ${page}`).toBe(listed.length);
      total += listed.length;
    }
    expect(total).toBe(WRITERS * POSTS_PER_WRITER);
  });

  it('votes from many voters at once are exact, including changed and withdrawn votes', async () => {
    const { comments } = await listAll(THREADS[0]!);
    const targets = comments.slice(0, 5).map((c) => c.id);
    const expected = new Map(targets.map((id) => [id, { up: 0, down: 0 }]));
    const vote = (id: string, voter: number, value: 1 | -1 | 0) =>
      send(
        () =>
          call('POST', `/api/v1/comments/${id}/vote`, {
            body: { value },
            headers: { origin: ORIGIN },
            ip: `127.0.2.${voter + 1}`,
          }),
        retries,
      );
    await Promise.all(
      Array.from({ length: VOTERS }, async (_, v) => {
        for (const [t, id] of targets.entries()) {
          const first: 1 | -1 = (v + t) % 3 === 0 ? -1 : 1;
          // Every voter sends the same vote twice at once; some change their mind or withdraw afterwards.
          const answers = await Promise.all([vote(id, v, first), vote(id, v, first)]);
          for (const a of answers) expect(a.status, a.text).toBe(200);
          let final: 1 | -1 | 0 = first;
          if ((v + t) % 4 === 0) final = first === 1 ? -1 : 1;
          if ((v + t) % 5 === 0) final = 0;
          if (final !== first) expect((await vote(id, v, final)).status).toBe(200);
          const e = expected.get(id)!;
          if (final === 1) e.up++;
          if (final === -1) e.down++;
        }
      }),
    );
    const after = await listAll(THREADS[0]!);
    for (const id of targets) {
      const e = expected.get(id)!;
      const c = after.comments.find((x) => x.id === id)!;
      expect(c.score, `score of ${id}`).toBe(e.up - e.down);
      // A fresh vote answer carries up and down as stored.
      const probe = await vote(id, 250, 0);
      expect({ up: probe.json.up, down: probe.json.down }).toEqual(e);
    }
  });

  it('reports how many retries the clients needed (informational, never a 5xx other than storage)', () => {
    for (const r of retries) expect(r).toMatch(/^(409|503)|socket|ECONNRESET/);
  });
});
