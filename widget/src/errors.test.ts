/** Error texts: every API code shows a text that says what to do, fetched failures included, and a fallback when the chunk cannot load. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../api/src/contract/codes.js';
import { call, type Fail } from './api.js';
import * as chunk from './errors.js';
import { en, errorText, explain, LANGS, type Locale } from './i18n.js';

const text = (e: unknown) => explain(en, chunk, e);

describe('error texts', () => {
  it('gives a server code its own text, not "Something went wrong"', () => {
    for (const code of ['payload_too_large', 'invalid_page', 'comment_not_found'] as const) {
      expect(text({ code }), code).toBe(chunk.EN[code]);
      expect(text({ code }), code).not.toBe(chunk.EN.internal);
    }
    expect(text({ code: 'site_not_found', details: { site: 'blgo' } })).toBe(
      'Comments are not set up for this website. The comment service has no site “blgo”; the site owner ' +
        'can check data-site in the embed script (npx afterword site list shows the sites).',
    );
    expect(
      text({ code: 'origin_not_allowed', details: { origin: 'http://localhost:1313', site: 'blog' } }),
    ).toBe(
      'This page’s address, http://localhost:1313, is not among the allowed origins of the site “blog”. ' +
        'The site owner can add it with: npx afterword site set blog --origin http://localhost:1313',
    );
    expect(text({ code: 'comment_not_found' })).toMatch(/Reload the page/);
  });

  it('fills in details and reuses the thread strings for locked and deleted', () => {
    expect(text({ code: 'comment_too_long', details: { max: 5000 } })).toBe(
      'The comment is too long: at most 5000 characters. Shorten it and send again.',
    );
    expect(text({ code: 'thread_locked' })).toBe(en.locked);
    expect(text({ code: 'comment_deleted' })).toBe(en.deleted);
    expect(text({ code: 'network' })).toBe(chunk.EN.network);
    expect(text({ code: 'invalid_json' })).toBe(chunk.EN.invalid_input);
  });

  it('says how long to wait when rate limited, in the reader’s language', async () => {
    expect(text({ code: 'rate_limited', details: { retryAfterSec: 486 } })).toBe(
      'Too fast. Please wait about 8 minutes, then send again.',
    );
    expect(text({ code: 'rate_limited' })).toBe('Too fast. Please wait a moment, then send again.');
    const de = (await import('./locales/de.js')).default;
    expect(
      explain({ ...en, ...de, lang: 'de' }, chunk, { code: 'rate_limited', details: { retryAfterSec: 486 } }),
    ).toBe('Sie kommentieren zu schnell. Bitte warten Sie etwa 8 Minuten und senden Sie dann erneut.');
  });

  it('reads unknown codes and thrown errors as internal (never a prototype key)', () => {
    for (const e of [
      { code: 'something_new' },
      { code: 'constructor' },
      { code: '__proto__' },
      new TypeError('boom'),
      undefined,
    ]) {
      expect(text(e)).toBe(chunk.EN.internal);
    }
  });

  it('has a non-empty text for every code in every language', async () => {
    const codes = [...ERROR_CODES, 'network' as const];
    expect(Object.keys(chunk.MESSAGE).sort()).toEqual([...codes].sort());
    for (const lang of LANGS.filter((l) => l !== 'en')) {
      const t = ((await import(`./locales/${lang}.ts`)) as { default: Locale }).default;
      for (const code of codes) {
        const details = { max: 9, origin: 'http://localhost:1313', site: 'blgo' };
        const shown = explain({ ...en, ...t }, chunk, { code, details });
        expect(shown.length, `${lang} ${code}`).toBeGreaterThan(5);
        expect(shown, `${lang} ${code}`).not.toMatch(/\{\w+\}/);
        // Set-up errors show what the API saw and the command that fixes it, in every language.
        if (code === 'origin_not_allowed') {
          expect(shown, lang).toContain('npx afterword site set blgo --origin http://localhost:1313');
          expect(shown.split('http://localhost:1313'), lang).toHaveLength(3);
        }
        if (code === 'site_not_found') expect(shown, lang).toMatch(/blgo.*afterword site list/);
      }
    }
  });

  it('falls back to a short built-in text when the error chunk cannot be loaded', async () => {
    const gone = pathToFileURL('/nonexistent/afterword/embed.js').href;
    expect(await errorText(en, { code: 'comment_not_found' }, gone)).toBe(en.failed);
  });
});

describe('a failed call', () => {
  let server: Server;
  let api = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const [status, code] = req.url?.includes('/comments/')
        ? [404, 'comment_not_found']
        : req.url?.endsWith('/comments')
          ? [429, 'rate_limited']
          : [413, 'payload_too_large'];
      res.writeHead(status, {
        'content-type': 'application/json',
        ...(status === 429 ? { 'retry-after': '486' } : {}),
      });
      res.end(JSON.stringify({ error: { code, message: 'the server’s own English' } }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('carries the server code to its text', async () => {
    const o = { api, site: 'blog', page: '/' };
    const vote = await call(o, '/comments/abcdefgh/vote', 'POST', { value: 1 }).catch((e: Fail) => e);
    expect(vote).toEqual({ code: 'comment_not_found', details: { retryAfterSec: null } });
    expect(text(vote)).toBe(chunk.EN.comment_not_found);
    const post = await call(o, '/preview', 'POST', { body: 'x' }).catch((e: Fail) => e);
    expect(text(post)).toBe(chunk.EN.payload_too_large);
  });

  it('takes the wait from Retry-After when the details do not carry it', async () => {
    const o = { api, site: 'blog', page: '/' };
    const e = await call(o, '/comments', 'POST', { body: 'x' }).catch((x: Fail) => x);
    expect(e).toEqual({ code: 'rate_limited', details: { retryAfterSec: '486' } });
    expect(text(e)).toBe('Too fast. Please wait about 8 minutes, then send again.');
  });

  it('reads an unreachable API as network', async () => {
    const o = { api: 'http://127.0.0.1:1', site: 'blog', page: '/' };
    const e = await call(o, '/comments?site=blog&page=/').catch((x: Fail) => x);
    expect(text(e)).toBe(chunk.EN.network);
  });
});
