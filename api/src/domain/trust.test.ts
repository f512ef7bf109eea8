/**
 * Trust and the rules around the author on the real POST path (DynamoDB Local): trust after N approved
 * comments, email-domain rules, disposable mail, the external content check (a fake at its HTTP
 * boundary that records what it got), and a ban that hides past comments with its undo.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addModerator, adminCall, sessionFor, type TestSession } from '../routes/admin.testkit.js';
import type { SiteSettings } from '../store/sites.js';
import { postComment, readThread } from '../testing/comments.js';
import { createHarness, type Harness } from '../testing/harness.js';

let h: Harness;
let fake: Server;
/** Every request the content check received: its raw body and headers. */
const seen: Array<{ body: string; headers: Record<string, unknown> }> = [];
let session: TestSession;

beforeAll(async () => {
  // A moderation API is an outside service: stood in for at its HTTP boundary, on loopback.
  fake = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({ body, headers: req.headers });
      const text = String(JSON.parse(body).text ?? '');
      const answer = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            labels: /nasty/.test(text)
              ? [
                  { name: 'INSULT', score: 0.93 },
                  { name: 'PROFANITY', score: 0.41 },
                ]
              : [{ name: 'INSULT', score: 0.02 }],
          }),
        );
      };
      // "slow" answers long after the API's time limit.
      if (/slow/.test(text)) setTimeout(answer, 1500);
      else answer();
    });
  });
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
  const { port } = fake.address() as AddressInfo;
  h = await createHarness({
    contentCheck: {
      url: `http://127.0.0.1:${port}/check`,
      format: 'labels',
      timeoutMs: 300,
      allow: [`127.0.0.1:${port}`],
    },
  });
  await addModerator(h, 'mod@team.example', []);
  session = await sessionFor(h, 'mod@team.example');
});
afterAll(async () => {
  await h?.drop();
  fake?.closeAllConnections();
  await new Promise((r) => fake?.close(r));
});

let n = 0;
async function site(settings: Partial<SiteSettings> = {}) {
  const id = `t${++n}`;
  await h.site(id, settings);
  await h.store.moderators.grant('mod@team.example', id, 'owner');
  return id;
}

function post(siteId: string, p: { email?: string; body?: string; page?: string; ip?: string } = {}) {
  return postComment(
    h.call,
    {
      site: siteId,
      page: p.page ?? '/post/',
      body: p.body ?? `A comment ${Math.random()}`,
      author: { name: 'Reader', ...(p.email ? { email: p.email } : {}) },
    },
    { ip: p.ip ?? '203.0.113.9' },
  );
}

const setStatus = (id: string, status: string) =>
  adminCall(h, 'POST', `/comments/${id}/status`, { session, body: { status } });

async function count(siteId: string, page: string) {
  return (await h.store.pages.many(siteId, [page])).get(page)?.count ?? 0;
}

describe('trust', () => {
  it('passes pre-moderation after N approved comments; each held one says why', async () => {
    const s = await site({ moderation: 'first-time', spam: { trustAfter: 2 } });
    const email = 'regular@reader.example';
    const first = await post(s, { email });
    expect(first.status).toBe(202);
    expect(first.json.comment.status).toBe('pending');
    expect((await h.store.comments.read(first.json.comment.id))?.spamReasons).toEqual(['new_author']);
    expect((await setStatus(first.json.comment.id, 'approved')).status).toBe(200);

    // One approved of two: still held.
    const second = await post(s, { email });
    expect(second.json.comment.status).toBe('pending');
    await setStatus(second.json.comment.id, 'approved');

    const third = await post(s, { email });
    expect(third.json.comment.status).toBe('approved');
    expect((await h.store.comments.read(third.json.comment.id))?.spamReasons).toBeUndefined();
    // Without an address nobody earns trust.
    expect((await post(s)).json.comment.status).toBe('pending');

    // A comment of theirs marked spam: held again, for their history.
    await setStatus(third.json.comment.id, 'spam');
    const fourth = await post(s, { email });
    expect(fourth.json.comment.status).toBe('pending');
    expect((await h.store.comments.read(fourth.json.comment.id))?.spamReasons).toEqual(['author_history']);
  });

  it('keeps first-time as it was: one approved comment earns trust', async () => {
    const s = await site({ moderation: 'first-time' });
    const first = await post(s, { email: 'once@reader.example' });
    expect(first.json.comment.status).toBe('pending');
    await setStatus(first.json.comment.id, 'approved');
    expect((await post(s, { email: 'once@reader.example' })).json.comment.status).toBe('approved');
  });

  it('says why a site holding every comment held it', async () => {
    const s = await site({ moderation: 'all' });
    const held = await post(s, { email: 'a@reader.example' });
    expect((await h.store.comments.read(held.json.comment.id))?.spamReasons).toEqual(['premoderation']);
  });
});

describe('email-domain rules', () => {
  it('holds a domain (and its subdomains) with a flag, refuses a blocked one, lets others through', async () => {
    const s = await site({
      spam: {
        emailDomains: [
          { domain: 'held.example', action: 'hold' },
          { domain: '@Blocked.example', action: 'block' },
        ],
      },
    });
    const held = await post(s, { email: 'x@mail.held.example' });
    expect(held.json.comment.status).toBe('pending');
    expect((await h.store.comments.read(held.json.comment.id))?.spamReasons).toEqual(['domain_rule']);

    const blocked = await post(s, { email: 'x@blocked.example', page: '/blocked/' });
    expect(blocked.status).toBe(403);
    expect(blocked.json.error.code).toBe('email_domain_blocked');
    expect(JSON.stringify(blocked.json)).not.toContain('blocked.example');
    expect((await readThread(h.call, s, '/blocked/')).json.comments).toEqual([]);

    // Not a subdomain: `notheld.example` is another domain.
    expect((await post(s, { email: 'x@notheld.example' })).json.comment.status).toBe('approved');
  });

  it('refuses bad rules at the edge', async () => {
    const s = await site();
    const res = await adminCall(h, 'PUT', `/sites/${s}/settings`, {
      session,
      body: { spam: { emailDomains: [{ domain: 'not a domain', action: 'hold' }] } },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('invalid_input');
  });
});

describe('disposable mail', () => {
  it('holds a disposable address when the setting is on, and not when it is off', async () => {
    const on = await site({ spam: { disposableEmail: true } });
    const off = await site();
    const held = await post(on, { email: 'throwaway@mailinator.com' });
    expect(held.json.comment.status).toBe('pending');
    expect((await h.store.comments.read(held.json.comment.id))?.spamReasons).toEqual(['disposable']);
    expect((await post(on, { email: 'someone@reader.example' })).json.comment.status).toBe('approved');
    expect((await post(off, { email: 'throwaway@mailinator.com' })).json.comment.status).toBe('approved');
  });

  it('is saved and shown by the settings API', async () => {
    const s = await site();
    const res = await adminCall(h, 'PUT', `/sites/${s}/settings`, {
      session,
      body: {
        spam: {
          disposableEmail: true,
          trustAfter: 3,
          contentCheck: true,
          contentThreshold: 70,
          emailDomains: [{ domain: 'x.example', action: 'block' }],
        },
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.site.spam).toMatchObject({
      disposableEmail: true,
      trustAfter: 3,
      contentCheck: true,
      contentThreshold: 70,
      emailDomains: [{ domain: 'x.example', action: 'block' }],
    });
  });
});

describe('external content check', () => {
  it('holds a comment whose labels pass the threshold, with the labels as flags; sends the text only', async () => {
    const s = await site({ spam: { contentCheck: true } });
    seen.length = 0;
    const email = 'private.person@reader.example';
    const body = 'What a nasty thing to say';
    const res = await post(s, { email, body, ip: '198.51.100.77' });
    expect(res.json.comment.status).toBe('pending');
    const stored = await h.store.comments.read(res.json.comment.id);
    expect(stored?.spamReasons).toEqual(['external_check:INSULT:0.93']);

    expect(seen).toHaveLength(1);
    expect(JSON.parse(seen[0]!.body)).toEqual({ text: body });
    const all = JSON.stringify(seen);
    for (const secret of [email, 'private.person', '198.51.100.77', stored!.emailHash!, stored!.ipHash!])
      expect(all).not.toContain(secret);

    // Below the threshold: published.
    expect((await post(s, { email, body: 'A kind word' })).json.comment.status).toBe('approved');
    // The site's own threshold.
    const strict = await site({ spam: { contentCheck: true, contentThreshold: 40 } });
    const low = await post(strict, { body: 'nasty again' });
    expect((await h.store.comments.read(low.json.comment.id))?.spamReasons).toEqual([
      'external_check:INSULT:0.93',
      'external_check:PROFANITY:0.41',
    ]);
  });

  it('gives up at the time limit and leaves the decision to the site rules', async () => {
    const s = await site({ spam: { contentCheck: true, maxLinks: 0 } });
    const t0 = Date.now();
    const plain = await post(s, { body: 'slow but nasty' });
    expect(Date.now() - t0).toBeLessThan(1200);
    expect(plain.json.comment.status).toBe('approved');
    const linked = await post(s, { body: 'slow, see https://example.com' });
    expect(linked.json.comment.status).toBe('pending');
    expect((await h.store.comments.read(linked.json.comment.id))?.spamReasons).toEqual(['too_many_links']);
  });

  it('is not asked when the site leaves it off', async () => {
    const s = await site();
    seen.length = 0;
    expect((await post(s, { body: 'nasty words' })).json.comment.status).toBe('approved');
    expect(seen).toHaveLength(0);
  });
});

describe('an edit', () => {
  it('runs the same rules as a post: the content check holds what it labels, the domain rule refuses', async () => {
    const s = await site({ spam: { contentCheck: true } });
    const made = await post(s, { email: 'editor@reader.example', body: 'A fine first draft' });
    expect(made.json.comment.status).toBe('approved');
    const edit = (body: string) =>
      h.call('PATCH', `/api/v1/comments/${made.json.comment.id}`, {
        body: { body },
        headers: { origin: 'https://blog.example', 'x-afterword-edit-token': made.json.editToken },
      });
    seen.length = 0;
    expect((await edit('Now a nasty second draft')).status).toBe(202);
    expect(JSON.parse(seen[0]!.body)).toEqual({ text: 'Now a nasty second draft' });
    const held = await h.store.comments.read(made.json.comment.id);
    expect(held?.status).toBe('pending');
    expect(held?.spamReasons).toEqual(['external_check:INSULT:0.93']);

    await h.store.sites.put(
      s,
      { spam: { emailDomains: [{ domain: 'reader.example', action: 'block' }] } },
      'update',
    );
    const refused = await edit('Another draft');
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('email_domain_blocked');
  });
});

describe('ban with "hide past comments"', () => {
  it('hides the author past comments, undo restores exactly those, page counts right throughout', async () => {
    const s = await site({ spam: { maxLinks: 0 } });
    const email = 'troll@reader.example';
    const mine: string[] = [];
    for (let i = 0; i < 3; i++) mine.push((await post(s, { email, page: '/a/' })).json.comment.id);
    // Held by the link rule: a pending one is hidden and comes back pending.
    const held = (await post(s, { email, page: '/b/', body: 'see https://x.example' })).json.comment.id;
    const other = (await post(s, { email: 'kind@reader.example', page: '/a/', ip: '203.0.113.10' })).json
      .comment.id;
    expect(await count(s, '/a/')).toBe(4);

    const ban = await adminCall(h, 'POST', `/sites/${s}/bans`, {
      session,
      body: { commentId: mine[0], hidePast: true, reason: 'trolling' },
    });
    expect(ban.status).toBe(201);
    expect(ban.json.hidden).toBe(4);
    expect(await count(s, '/a/')).toBe(1);
    expect((await readThread(h.call, s, '/a/')).json.comments.map((c: { id: string }) => c.id)).toEqual([
      other,
    ]);
    for (const id of [...mine, held]) {
      const c = await h.store.comments.read(id);
      expect(c?.status).toBe('spam');
      expect(c?.spamReasons).toContain('banned');
    }

    // A moderator deletes one meanwhile: the undo leaves it deleted.
    expect((await setStatus(mine[2]!, 'deleted')).status).toBe(200);
    const bans = await adminCall(h, 'GET', `/sites/${s}/bans`, { session });
    const emailBan = bans.json.bans.find((b: { kind: string }) => b.kind === 'email');
    expect(emailBan.hidden).toBe(4);

    const undo = await adminCall(h, 'DELETE', `/sites/${s}/bans`, {
      session,
      body: { kind: 'email', hash: emailBan.hash, restore: true },
    });
    expect(undo.status).toBe(200);
    expect(undo.json).toEqual({ ok: true, restored: 3 });
    expect(await count(s, '/a/')).toBe(3);
    expect((await readThread(h.call, s, '/a/')).json.comments).toHaveLength(3);
    expect((await h.store.comments.read(mine[0]!))?.status).toBe('approved');
    expect((await h.store.comments.read(mine[0]!))?.spamReasons ?? []).not.toContain('banned');
    expect((await h.store.comments.read(mine[2]!))?.status).toBe('deleted');
    const back = await h.store.comments.read(held);
    expect(back?.status).toBe('pending');
    expect(back?.spamReasons).toEqual(['too_many_links']);
    // The email ban is gone; the client ban made with it stays until lifted.
    const left = await adminCall(h, 'GET', `/sites/${s}/bans`, { session });
    expect(left.json.bans.map((b: { kind: string }) => b.kind)).toEqual(['client']);
  });

  it('a ban without the option hides nothing', async () => {
    const s = await site();
    const id = (await post(s, { email: 'x@reader.example', page: '/c/' })).json.comment.id;
    const ban = await adminCall(h, 'POST', `/sites/${s}/bans`, { session, body: { commentId: id } });
    expect(ban.status).toBe(201);
    expect(ban.json.hidden).toBeUndefined();
    expect(await count(s, '/c/')).toBe(1);
  });
});
