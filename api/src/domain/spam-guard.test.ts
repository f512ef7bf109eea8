/** Each spam defence on the real POST path: it catches what it should and lets a normal comment through. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addModerator, adminCall, sessionFor } from '../routes/admin.testkit.js';
import type { SpamSettings } from '../store/items.js';
import { postComment } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';

const ORIGIN = 'https://blog.example';
let h: Harness;
let akismet: Server;
const akismetSeen: URLSearchParams[] = [];
let akismetDown = false;

beforeAll(async () => {
  // Akismet is a paid outside service: stood in for at its HTTP boundary, on loopback.
  akismet = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      akismetSeen.push(form);
      if (akismetDown || req.url !== '/1.1/comment-check') {
        res.writeHead(500).end('oops');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(/viagra/i.test(form.get('comment_content') ?? '') ? 'true' : 'false');
    });
  });
  await new Promise<void>((r) => akismet.listen(0, '127.0.0.1', r));
  const { port } = akismet.address() as AddressInfo;
  h = await createHarness({ akismetUrl: `http://127.0.0.1:${port}` });
});
afterAll(async () => {
  await h?.drop();
  await new Promise((r) => akismet.close(r));
});

let n = 0;
async function site(spam: SpamSettings) {
  const id = `s${++n}`;
  await h.site(id, { spam });
  return id;
}

interface Post {
  body?: string;
  page?: string;
  ip?: string;
  email?: string;
  hp?: string;
  composeToken?: string;
  key?: string;
}

function post(siteId: string, p: Post = {}) {
  return postComment(
    h.call,
    {
      site: siteId,
      page: p.page ?? '/post/',
      body: p.body ?? `A normal comment ${Math.random()}`,
      author: { name: 'Reader', ...(p.email ? { email: p.email } : {}) },
      ...(p.hp !== undefined ? { hp: p.hp } : {}),
      ...(p.composeToken ? { composeToken: p.composeToken } : {}),
    },
    { origin: ORIGIN, ip: p.ip ?? '127.0.0.1', ...(p.key ? { idempotencyKey: p.key } : {}) },
  );
}

async function stored(id: string) {
  return h.store.comments.read(id);
}

describe('honeypot', () => {
  it('refuses a filled honeypot and stores nothing; an empty one passes', async () => {
    const s = await site({});
    const bot = await post(s, { hp: 'https://spam.example' });
    expect(bot.status).toBe(422);
    expect(bot.json.error.code).toBe('spam_rejected');
    expect((await h.store.moderation.counts(s)).pending).toBe(0);
    expect((await post(s, { hp: '' })).status).toBe(201);
  });
});

describe('minimum compose time', () => {
  it('hands out a token with the thread; a post made too fast or with a forged token is held', async () => {
    const s = await site({ minComposeSec: 3 });
    const thread = await h.app.request(`http://localhost/api/v1/comments?site=${s}&page=/post/`);
    const { composeToken } = (await thread.json()) as { composeToken: string };
    expect(composeToken).toMatch(/^\d+\.[A-Za-z0-9_-]{22}$/);
    const fast = await post(s, { composeToken });
    expect(fast.status).toBe(202);
    expect((await stored(fast.json.comment.id))?.spamReasons).toEqual(['composed_too_fast']);
    const forged = await post(s, { composeToken: `${Date.now() - 60_000}.${'A'.repeat(22)}` });
    expect(forged.status).toBe(202);
    h.advance(4000);
    expect((await post(s, { composeToken })).status).toBe(201);
  });

  it('without a token posts as before, unless the site requires the token', async () => {
    expect((await post(await site({}))).status).toBe(201);
    const strict = await post(await site({ requireComposeToken: true }));
    expect(strict.status).toBe(202);
    expect((await stored(strict.json.comment.id))?.spamReasons).toEqual(['compose_token_missing']);
  });
});

describe('rate limits', () => {
  it('limits posts per client with 429 and Retry-After; other clients still post', async () => {
    const s = await site({ ratePerClient: 2, rateWindowSec: 600 });
    expect((await post(s, { ip: '10.1.0.1' })).status).toBe(201);
    expect((await post(s, { ip: '10.1.0.1', page: '/other/' })).status).toBe(201);
    const third = await post(s, { ip: '10.1.0.1' });
    expect(third.status).toBe(429);
    expect(third.json.error.code).toBe('rate_limited');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect((await post(s, { ip: '10.1.0.2' })).status).toBe(201);
    h.advance(600_000);
    expect((await post(s, { ip: '10.1.0.1' })).status).toBe(201);
  });

  it('limits posts per page across clients; other pages still take posts', async () => {
    const s = await site({ ratePerPage: 2, rateWindowSec: 600 });
    expect((await post(s, { ip: '10.2.0.1' })).status).toBe(201);
    expect((await post(s, { ip: '10.2.0.2' })).status).toBe(201);
    expect((await post(s, { ip: '10.2.0.3' })).status).toBe(429);
    expect((await post(s, { ip: '10.2.0.3', page: '/quiet/' })).status).toBe(201);
  });
});

describe('links', () => {
  it('holds a comment with too many links; one with few passes', async () => {
    const s = await site({ maxLinks: 1 });
    const many = await post(s, { body: 'buy https://a.example and https://b.example' });
    expect(many.status).toBe(202);
    expect((await stored(many.json.comment.id))?.spamReasons).toEqual(['too_many_links']);
    expect((await post(s, { body: 'my write-up: https://a.example' })).status).toBe(201);
  });
});

describe('blocked words', () => {
  it('holds by default', async () => {
    const s = await site({ blockedWords: ['casino'] });
    const held = await post(s, { body: 'Try our Casino today' });
    expect(held.status).toBe(202);
    expect((await post(s, { body: 'Occasionally I agree.' })).status).toBe(201);
  });
  it('rejects when the site says so', async () => {
    const s = await site({ blockedWords: ['casino'], blockedAction: 'reject' });
    const res = await post(s, { body: 'Try our casino today' });
    expect(res.status).toBe(422);
    expect(res.json.error.details.reasons).toEqual(['blocked_word']);
    expect((await post(s, { body: 'Fine text' })).status).toBe(201);
  });
});

describe('repeated identical bodies', () => {
  it('rejects the same body from the same client within the window; a retry with the same key is not one', async () => {
    const s = await site({ duplicateWindowSec: 60 });
    const first = await post(s, { body: 'Great  post!', key: 'k1' });
    expect(first.status).toBe(201);
    const retry = await post(s, { body: 'Great  post!', key: 'k1' });
    expect(retry.status).toBe(201);
    expect(retry.json.comment.id).toBe(first.json.comment.id);
    const again = await post(s, { body: 'great post!' });
    expect(again.status).toBe(422);
    expect(again.json.error.details.reasons).toEqual(['duplicate']);
    expect((await post(s, { body: 'great post!', ip: '10.3.0.9' })).status).toBe(201);
    expect((await post(s, { body: 'Something else' })).status).toBe(201);
    h.advance(61_000);
    expect((await post(s, { body: 'great post!' })).status).toBe(201);
  });
});

describe('bans', () => {
  it('refuses a banned client with 403 banned (no end told); others post; a ban with an end ends', async () => {
    const s = await site({});
    await addModerator(h, `owner@${s}.test`, [[s, 'owner']]);
    const session = await sessionFor(h, `owner@${s}.test`);
    const bad = await post(s, { email: 'troll@example.com', ip: '10.4.0.1' });
    const ban = await adminCall(h, 'POST', `/sites/${s}/bans`, {
      session,
      body: { commentId: bad.json.comment.id, days: 1 },
    });
    expect(ban.status).toBe(201);
    const byClient = await post(s, { ip: '10.4.0.1' });
    expect(byClient.status).toBe(403);
    expect(byClient.json.error.code).toBe('banned');
    expect(JSON.stringify(byClient.json)).not.toMatch(/until|20\d\d-/);
    expect((await post(s, { email: 'kind@example.com', ip: '10.4.0.3' })).status).toBe(201);
    h.advance(86_400_000 + 1000);
    expect((await post(s, { email: 'troll@example.com', ip: '10.4.0.2' })).status).toBe(201);
  });

  it('takes a post from a banned address on another connection like a held one, telling nothing', async () => {
    const s = await site({});
    await addModerator(h, `owner@${s}.test`, [[s, 'owner']]);
    const session = await sessionFor(h, `owner@${s}.test`);
    const bad = await post(s, { email: 'troll@example.com', ip: '10.5.0.1' });
    expect(bad.status).toBe(201);
    const ban = await adminCall(h, 'POST', `/sites/${s}/bans`, {
      session,
      body: { commentId: bad.json.comment.id, days: 7 },
    });
    expect(ban.status).toBe(201);
    // Anyone can type that address: the answer must not say it is banned, nor until when.
    const byEmail = await post(s, { email: 'Troll@Example.com', ip: '10.5.0.2', body: 'still here' });
    expect(byEmail.status).toBe(202);
    expect(byEmail.json.comment.status).toBe('pending');
    expect(JSON.stringify(byEmail.json)).not.toMatch(/banned|until|spam/);
    const held = await post(s, { email: 'quiet@example.com', ip: '10.5.0.3' });
    expect(Object.keys(byEmail.json).sort()).toEqual(Object.keys(held.json).sort());
    // Stored as spam, never shown.
    const stored = await h.store.comments.read(byEmail.json.comment.id);
    expect(stored?.status).toBe('spam');
    const thread = await h.app.request(`http://localhost/api/v1/comments?site=${s}&page=/post/`);
    expect(await thread.text()).not.toContain('still here');
  });
});

describe('Akismet', () => {
  it('is off by default: no call is made', async () => {
    const before = akismetSeen.length;
    expect((await post(await site({}), { body: 'viagra' })).status).toBe(201);
    expect(akismetSeen.length).toBe(before);
  });

  it('stores what Akismet calls spam as spam (answered like pending); passes the rest; fails open', async () => {
    const s = await site({ akismet: true, akismetKey: 'k-123' });
    const spam = await post(s, { body: 'cheap viagra here' });
    expect(spam.status).toBe(202);
    expect(spam.json.comment.status).toBe('pending');
    const item = await stored(spam.json.comment.id);
    expect(item?.status).toBe('spam');
    expect(item?.spamReasons).toEqual(['akismet']);
    const sent = akismetSeen.at(-1)!;
    expect(sent.get('api_key')).toBe('k-123');
    expect(sent.get('comment_content')).toBe('cheap viagra here');
    expect(sent.get('user_ip')).toBe('127.0.0.1');
    expect((await post(s, { body: 'a kind word' })).status).toBe(201);
    akismetDown = true;
    expect((await post(s, { body: 'viagra while it is down' })).status).toBe(201);
    akismetDown = false;
  });
});
