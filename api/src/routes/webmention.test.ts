/**
 * Webmentions end to end (acceptance 2): a source page on a loopback server (on the outbound allow-list)
 * sends through the endpoint; the stream verifies it. An h-entry reply shows (moderation none) or is held
 * (all); a source not linking is refused; an update replaces the text; a 410 removes it; likes and reposts
 * are counted on the page; the endpoint refuses bad input, a site without Webmentions, and bursts.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteCommentId } from '../domain/comment/remote.js';
import { startMailHarness } from '../notify/testing.js';
import { targetsOf } from '../publish/changes.js';
import { TEST_SECRET } from '../testing/harness.js';
import { startWebServer, type WebServer } from '../testing/web-server.js';

const BLOG = 'https://blog.example';
let src: WebServer;
let m: Awaited<ReturnType<typeof startMailHarness>>;

/** A reply page as an IndieWeb blog writes one (an https permalink: the loopback host is plain http). */
function replyPage(text: string, to = `${BLOG}/posts/hello/`, n = 1) {
  return `<!doctype html><html><body><article class="h-entry">
  <span class="p-author h-card"><a class="p-name u-url" href="https://alice.example/">Alice Doe</a></span>
  <p>In reply to <a class="u-in-reply-to" href="${to}">the post</a></p>
  <div class="e-content"><p>${text}</p><script>alert(1)</script></div>
  <a class="u-url" href="https://alice.example/notes/${n}">permalink</a>
  <time class="dt-published" datetime="2026-11-30T10:00:00Z">Nov 30</time>
</article></body></html>`;
}

async function send(site: string, form: Record<string, string>, ip = '203.0.113.9') {
  return m.h.app.request(`${BLOG}/api/v1/webmention/${site}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-test-ip': ip },
    body: new URLSearchParams(form).toString(),
  });
}

/** Sends a Webmention, lets the stream verify it, and answers its status. */
async function mention(site: string, path: string, target = `${BLOG}/posts/hello/`) {
  const res = await send(site, { source: `${src.origin}${path}`, target });
  expect(res.status).toBe(202);
  const { location } = (await res.json()) as { location: string };
  expect(res.headers.get('location')).toBe(location);
  await m.flush();
  const status = await m.h.app.request(location);
  expect(status.status).toBe(200);
  return status.json() as Promise<{ status: string; result?: string; reason?: string }>;
}

async function thread(site: string, page = '/posts/hello/') {
  const res = await m.h.app.request(`${BLOG}/api/v1/comments?site=${site}&page=${encodeURIComponent(page)}`);
  return (await res.json()) as {
    page: { count: number; mentions?: { likes: number; reposts: number } };
    comments: Array<{
      id: string;
      html: string;
      author: { name: string };
      remote?: { source: string; url: string };
    }>;
  };
}

const commentOf = (site: string, path: string) =>
  m.h.store.comments.read(
    remoteCommentId(TEST_SECRET, site, { source: 'webmention', remoteId: `${src.origin}${path}` }),
  );

beforeAll(async () => {
  src = await startWebServer();
  m = await startMailHarness({ outboundAllow: [src.host] });
  await m.h.site('open', { moderation: 'none', remote: { webmention: true } });
  await m.h.site('held', { moderation: 'all', remote: { webmention: true } });
  await m.h.site('off', { moderation: 'none' });
  await m.h.site('pre', { moderation: 'none', remote: { webmention: true, premoderate: true } });
});
afterAll(async () => {
  await m?.close();
  await src?.close();
});

describe('Webmention verification', () => {
  it('shows a verified h-entry reply (moderation none), sanitized, with its remote origin', async () => {
    src.set('/r1', { body: replyPage('Great <b>post</b>!') });
    expect(await mention('open', '/r1')).toEqual({ status: 'accepted', result: 'reply' });
    const t = await thread('open');
    expect(t.page.count).toBe(1);
    const [c] = t.comments;
    expect(c?.author.name).toBe('Alice Doe');
    expect(c?.html).toBe('<p>Great <strong>post</strong>!</p>');
    expect(c?.remote).toMatchObject({ source: 'webmention', url: 'https://alice.example/notes/1' });
  });

  it('holds the same reply where the site moderates everything, or pre-moderates remote replies', async () => {
    src.set('/r-held', { body: replyPage('Held, please') });
    expect(await mention('held', '/r-held')).toEqual({ status: 'accepted', result: 'reply' });
    expect((await thread('held')).comments).toEqual([]);
    expect((await commentOf('held', '/r-held'))?.status).toBe('pending');
    // A site that shows every other comment at once, but holds remote replies.
    expect(await mention('pre', '/r-held')).toEqual({ status: 'accepted', result: 'reply' });
    expect((await commentOf('pre', '/r-held'))?.status).toBe('pending');
  });

  it('refuses a source that does not link to the target: recorded as refused, no comment', async () => {
    src.set('/nolink', { body: replyPage('Elsewhere', `${BLOG}/posts/other/`) });
    const s = await mention('open', '/nolink');
    expect(s).toMatchObject({ status: 'refused', reason: 'the source does not link to the target' });
    expect(await commentOf('open', '/nolink')).toBeUndefined();
  });

  it('replaces the comment’s text when the source is updated and sent again', async () => {
    src.set('/r2', { body: replyPage('First words', undefined, 2) });
    await mention('open', '/r2');
    const before = await commentOf('open', '/r2');
    src.set('/r2', { body: replyPage('Second thoughts', undefined, 2) });
    expect(await mention('open', '/r2')).toEqual({ status: 'accepted', result: 'reply' });
    const after = await commentOf('open', '/r2');
    expect(after?.id).toBe(before?.id);
    expect(after?.html).toContain('Second thoughts');
    expect(after?.html).not.toContain('First words');
    const shown = (await thread('open')).comments.filter((c) => c.id === after?.id);
    expect(shown.map((c) => c.html)).toEqual([after?.html]);
  });

  it('removes the comment when the source answers 410', async () => {
    src.set('/r3', { body: replyPage('Soon gone', undefined, 3) });
    await mention('open', '/r3');
    const made = await commentOf('open', '/r3');
    expect((await thread('open')).comments.map((c) => c.id)).toContain(made?.id);
    src.set('/r3', { status: 410, body: 'gone' });
    expect(await mention('open', '/r3')).toEqual({ status: 'accepted', result: 'removed' });
    expect((await commentOf('open', '/r3'))?.status).toBe('deleted');
    expect((await thread('open')).comments.map((c) => c.id)).not.toContain(made?.id);
  });

  it('counts likes and reposts on the page (once per source), not as comments', async () => {
    const page = `${BLOG}/posts/counted/`;
    const like = `<div class="h-entry"><a class="u-like-of" href="${page}">liked</a></div>`;
    const repost = `<div class="h-entry"><a class="u-repost-of" href="${page}">reposted</a></div>`;
    src.set('/like1', { body: like });
    src.set('/like2', { body: like });
    src.set('/repost1', { body: repost });
    expect(await mention('open', '/like1', page)).toEqual({ status: 'accepted', result: 'like' });
    await mention('open', '/like1', page);
    await mention('open', '/like2', page);
    expect(await mention('open', '/repost1', page)).toEqual({ status: 'accepted', result: 'repost' });
    let t = await thread('open', '/posts/counted/');
    expect(t.page.mentions).toEqual({ likes: 2, reposts: 1 });
    expect(t.comments).toEqual([]);
    // A like taken back (the page gone) is counted no more.
    src.set('/like2', { status: 410 });
    await mention('open', '/like2', page);
    t = await thread('open', '/posts/counted/');
    expect(t.page.mentions).toEqual({ likes: 1, reposts: 1 });
    // The page's thread file is written again when its counts move.
    const meta = await m.h.store.threads.list('open', '/posts/counted/', 'oldest', 1);
    const image = (likes: number) =>
      marshall({ ...meta.page, mentionLikes: likes }, { removeUndefinedValues: true });
    const moved = targetsOf({ dynamodb: { OldImage: image(2), NewImage: image(1) } } as never);
    expect(moved.pages).toEqual([{ site: 'open', page: '/posts/counted/' }]);
  });

  it('refuses a source at, or redirecting to, a private address not on the allow-list: no comment', async () => {
    const status = async (source: string) => {
      const res = await send('open', { source, target: `${BLOG}/posts/hello/` });
      expect(res.status).toBe(202);
      await m.flush();
      const { location } = (await res.json()) as { location: string };
      return (await m.h.app.request(location)).json() as Promise<{ status: string; reason: string }>;
    };
    src.set('/r-private', { body: replyPage('From inside') });
    // localhost resolves to 127.0.0.1: refused after DNS, on the socket itself.
    const direct = await status(`https://localhost:${src.port}/r-private`);
    expect(direct).toMatchObject({ status: 'refused', reason: expect.stringMatching(/not public/) });
    const inside = [
      `https://localhost:${src.port}/r-private`,
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.7/',
      `https://[::1]:${src.port}/r-private`,
      `http://localhost:${src.port}/r-private`,
    ];
    for (const [i, to] of inside.entries()) {
      src.set(`/hop${i}`, { status: 302, headers: { location: to } });
      const s = await status(`${src.origin}/hop${i}`);
      expect(s.status, to).toBe('refused');
      expect(s.reason, to).toMatch(/may not be fetched/);
    }
    const hits = src.hits.filter((p) => p === '/r-private');
    expect(hits).toEqual([]);
    expect(await commentOf('open', '/hop0')).toBeUndefined();
  });
});

describe('the Webmention endpoint', () => {
  it('refuses bad input with clear codes, and a site that accepts none', async () => {
    const target = `${BLOG}/posts/hello/`;
    const cases: Array<[string, Record<string, string>, number, string]> = [
      ['open', { target }, 400, 'invalid_input'],
      ['open', { source: 'ftp://x.example/a', target }, 400, 'webmention_invalid'],
      ['open', { source: target, target }, 400, 'webmention_invalid'],
      [
        'open',
        { source: 'https://alice.example/a', target: 'https://evil.example/posts/hello/' },
        400,
        'webmention_invalid',
      ],
      ['off', { source: 'https://alice.example/a', target }, 403, 'webmention_off'],
      ['nosuch', { source: 'https://alice.example/a', target }, 404, 'site_not_found'],
    ];
    for (const [site, form, status, code] of cases) {
      const res = await send(site, form);
      expect(res.status, JSON.stringify(form)).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    const big = await send('open', { source: `https://alice.example/${'a'.repeat(9000)}`, target });
    expect(big.status).toBe(413);
    const unknown = await m.h.app.request(`${BLOG}/api/v1/webmention/open/aaaaaaaaaaaaaaaa`);
    expect(unknown.status).toBe(404);
  });

  it('throttles a burst from one source host', async () => {
    const target = `${BLOG}/posts/burst/`;
    const answers: number[] = [];
    for (let i = 0; i < 22; i++)
      answers.push(
        (await send('open', { source: `https://burst.example/${i}`, target }, `198.51.100.${i}`)).status,
      );
    expect(answers.slice(0, 20).every((s) => s === 202)).toBe(true);
    expect(answers.slice(20)).toEqual([429, 429]);
    await m.flush();
  });
});
