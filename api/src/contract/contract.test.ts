/** The contract holds together: request schemas take their bounds from the limits, page sizes clamp, codes are unique. */
import { type } from 'arktype';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './codes.js';
import { IMPORT_FORMATS, LIMITS, pageSize, SITE_SETTING_BOUNDS, SORTS, SPAM_BOUNDS } from './limits.js';
import { AdminSettings, AdminSpamSettings, ImportQuery, PostComment, ThreadQuery } from './requests.js';

const ok = (v: unknown) => !(v instanceof type.errors);

describe('the contract', () => {
  it('has each error code once', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it('bounds every spam and site setting by the limits: the edges pass, one past them fails', () => {
    for (const [key, { min, max }] of Object.entries(SPAM_BOUNDS)) {
      expect(ok(AdminSpamSettings({ [key]: min })), `${key}=${min}`).toBe(true);
      expect(ok(AdminSpamSettings({ [key]: max })), `${key}=${max}`).toBe(true);
      expect(ok(AdminSpamSettings({ [key]: max + 1 })), `${key}=${max + 1}`).toBe(false);
      expect(ok(AdminSpamSettings({ [key]: min - 1 })), `${key}=${min - 1}`).toBe(false);
      expect(ok(AdminSpamSettings({ [key]: min + 0.5 })), `${key} whole`).toBe(false);
    }
    for (const [key, { min, max }] of Object.entries(SITE_SETTING_BOUNDS)) {
      expect(ok(AdminSettings({ [key]: max })), `${key}=${max}`).toBe(true);
      expect(ok(AdminSettings({ [key]: max + 1 })), `${key}=${max + 1}`).toBe(false);
      expect(ok(AdminSettings({ [key]: min - 1 })), `${key}=${min - 1}`).toBe(false);
    }
  });

  it('sizes comment fields by the limits', () => {
    const post = (extra: object) => PostComment({ site: 'blog', page: '/', body: 'hi', ...extra });
    expect(ok(post({ body: 'x'.repeat(LIMITS.body) }))).toBe(true);
    expect(ok(post({ body: 'x'.repeat(LIMITS.body + 1) }))).toBe(false);
    expect(ok(post({ author: { name: 'n'.repeat(LIMITS.name) } }))).toBe(true);
    expect(ok(post({ author: { name: 'n'.repeat(LIMITS.name + 1) } }))).toBe(false);
    expect(ok(post({ page: `/${'p'.repeat(LIMITS.page)}` }))).toBe(false);
  });

  it('takes sorts and import formats from the lists', () => {
    for (const sort of SORTS) expect(ok(ThreadQuery({ site: 'blog', page: '/', sort }))).toBe(true);
    expect(ok(ThreadQuery({ site: 'blog', page: '/', sort: 'random' }))).toBe(false);
    for (const format of IMPORT_FORMATS) expect(ok(ImportQuery({ format }))).toBe(true);
    expect(ok(ImportQuery({ format: 'livefyre' }))).toBe(false);
  });

  it('clamps page sizes into their range, with the default when absent', () => {
    expect(pageSize('thread', undefined)).toBe(30);
    expect(pageSize('thread', '0')).toBe(1);
    expect(pageSize('thread', '999')).toBe(100);
    expect(pageSize('queue', undefined)).toBe(25);
    expect(pageSize('queue', '40')).toBe(40);
    expect(pageSize('log', '500')).toBe(200);
    expect(pageSize('statsDays', undefined)).toBe(30);
  });
});
