/** The storage-free spam rules: honeypot, compose token, links, blocked words, combining verdicts. */
import { describe, expect, it } from 'vitest';
import {
  checkBlockedWords,
  checkComposeToken,
  checkHoneypot,
  checkLinks,
  combine,
  composeToken,
  countLinks,
} from './spam.js';

const SECRET = 'spam-test-secret-0123456789';

describe('honeypot', () => {
  it('refuses a filled honeypot and lets an empty or absent one through', () => {
    expect(checkHoneypot('http://buy.example').action).toBe('reject');
    expect(checkHoneypot('').action).toBe('ok');
    expect(checkHoneypot(undefined).action).toBe('ok');
  });
});

describe('compose token', () => {
  const t0 = 1_700_000_000_000;
  const token = composeToken(SECRET, 'blog', '/a/', t0);
  it('passes a genuine token older than the minimum', () => {
    expect(checkComposeToken(SECRET, 'blog', '/a/', token, t0 + 5000, { minComposeSec: 3 }).action).toBe(
      'ok',
    );
  });
  it('holds a post written faster than the site minimum; no minimum set, only forgery is held', () => {
    expect(checkComposeToken(SECRET, 'blog', '/a/', token, t0 + 1000, {}).action).toBe('ok');
    expect(checkComposeToken(SECRET, 'blog', '/a/', token, t0 + 1000, { minComposeSec: 3 })).toEqual({
      action: 'pending',
      reason: 'composed_too_fast',
    });
    expect(checkComposeToken(SECRET, 'blog', '/a/', token, t0 + 5000, { minComposeSec: 10 }).action).toBe(
      'pending',
    );
  });
  it('holds a forged token, or one made for another page or site', () => {
    const forged = `${t0 - 60_000}.${token.split('.')[1]}`;
    expect(checkComposeToken(SECRET, 'blog', '/a/', forged, t0 + 5000, {}).action).toBe('pending');
    expect(checkComposeToken(SECRET, 'blog', '/b/', token, t0 + 5000, {}).action).toBe('pending');
    expect(checkComposeToken(SECRET, 'other', '/a/', token, t0 + 5000, {}).action).toBe('pending');
    expect(checkComposeToken('another-secret-0123456789', 'blog', '/a/', token, t0 + 5000, {}).action).toBe(
      'pending',
    );
    expect(checkComposeToken(SECRET, 'blog', '/a/', 'garbage', t0, {}).action).toBe('pending');
  });
  it('lets a post without a token through unless the site requires one', () => {
    expect(checkComposeToken(SECRET, 'blog', '/a/', undefined, t0, {}).action).toBe('ok');
    expect(checkComposeToken(SECRET, 'blog', '/a/', undefined, t0, { requireComposeToken: true })).toEqual({
      action: 'pending',
      reason: 'compose_token_missing',
    });
  });
});

describe('links', () => {
  it('counts scheme, www and mailto links', () => {
    expect(
      countLinks('see https://a.example and [b](http://b.example/x) or www.c.example, mailto:x@y.z'),
    ).toBe(4);
    expect(countLinks('no links, just a sentence. about e.g. things')).toBe(0);
  });
  it('holds a comment with more links than allowed; off when unset', () => {
    const body = 'https://a.example https://b.example https://c.example';
    expect(checkLinks(body, { maxLinks: 2 })).toEqual({ action: 'pending', reason: 'too_many_links' });
    expect(checkLinks(body, { maxLinks: 3 }).action).toBe('ok');
    expect(checkLinks(body, {}).action).toBe('ok');
  });
});

describe('blocked words', () => {
  const rules = { blockedWords: ['casino', 'cheap pills'] };
  it('matches whole words, case-insensitively, holding by default or rejecting when set', () => {
    expect(checkBlockedWords('Best CASINO bonus', rules)).toEqual({
      action: 'pending',
      reason: 'blocked_word',
    });
    expect(checkBlockedWords('buy cheap pills now', { ...rules, blockedAction: 'reject' }).action).toBe(
      'reject',
    );
  });
  it('lets normal text through, including words that merely contain a blocked one', () => {
    expect(
      checkBlockedWords('I wrote about casinos? No: about occasional casinoish words', rules).action,
    ).toBe('ok');
    expect(checkBlockedWords('A thoughtful comment.', rules).action).toBe('ok');
    expect(checkBlockedWords('anything', {}).action).toBe('ok');
  });
  it('treats regex characters in words literally', () => {
    expect(checkBlockedWords('a (b) c', { blockedWords: ['(b)'] }).action).toBe('pending');
    expect(checkBlockedWords('a b c', { blockedWords: ['(b)'] }).action).toBe('ok');
    expect(checkBlockedWords('x a.b y', { blockedWords: ['a.b'] }).action).toBe('pending');
    expect(checkBlockedWords('x axb y', { blockedWords: ['a.b'] }).action).toBe('ok');
  });
});

describe('combine', () => {
  it('takes the strictest verdict and keeps every reason', () => {
    expect(
      combine([
        { action: 'ok' },
        { action: 'pending', reason: 'too_many_links' },
        { action: 'reject', reason: 'blocked_word' },
      ]),
    ).toEqual({ action: 'reject', reasons: ['too_many_links', 'blocked_word'] });
    expect(combine([{ action: 'ok' }])).toEqual({ action: 'ok', reasons: [] });
  });
});
