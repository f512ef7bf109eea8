import { describe, expect, it } from 'vitest';
import { settingsDiff } from './settings-diff.js';

const base = {
  name: 'Blog',
  origins: ['https://a.example'],
  moderation: 'first-time' as const,
  editWindowSec: 900,
  maxDepth: 3,
  maxBodyLength: 5000,
  spam: { minComposeSec: 3, blockedWords: ['pills'] },
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('settingsDiff', () => {
  it('lists only the fields that changed, by name, old → new', () => {
    const after = {
      ...base,
      moderation: 'all' as const,
      spam: { minComposeSec: 3, blockedWords: ['pills', 'casino'], maxLinks: 2 },
      updatedAt: '2026-02-01T00:00:00.000Z',
    };
    expect(settingsDiff(base, after)).toEqual([
      { field: 'moderation', from: 'first-time', to: 'all' },
      { field: 'spam.blockedWords', from: 'pills', to: 'pills, casino' },
      { field: 'spam.maxLinks', from: null, to: '2' },
    ]);
  });

  it('is empty for a save that changed nothing, and names a removed field', () => {
    expect(settingsDiff(base, { ...base, origins: ['https://a.example'] })).toEqual([]);
    expect(settingsDiff(base, { ...base, spam: { blockedWords: ['pills'] } })).toEqual([
      { field: 'spam.minComposeSec', from: '3', to: null },
    ]);
  });

  it('takes off, empty and absent as one, and a default sent back as no change', () => {
    const form = {
      ...base,
      spam: { ...base.spam, requireComposeToken: false, akismet: false, blockedAction: 'pending' as const },
      reportThreshold: 3,
    };
    expect(settingsDiff(base, form)).toEqual([]);
    expect(settingsDiff(form, { ...form, reportThreshold: 0 })).toEqual([
      { field: 'reportThreshold', from: '3', to: '0' },
    ]);
    expect(settingsDiff(form, { ...form, spam: { ...form.spam, akismet: true, blockedWords: [] } })).toEqual([
      { field: 'spam.blockedWords', from: 'pills', to: null },
      { field: 'spam.akismet', from: 'off', to: 'on' },
    ]);
  });

  it('never shows a secret, only that it was set or changed', () => {
    const keyed = { ...base, spam: { ...base.spam, akismetKey: 'secret-one' } };
    const rekeyed = { ...base, spam: { ...base.spam, akismetKey: 'secret-two' } };
    expect(settingsDiff(base, keyed)).toEqual([{ field: 'spam.akismetKey', from: null, to: 'set' }]);
    expect(settingsDiff(keyed, rekeyed)).toEqual([{ field: 'spam.akismetKey', from: 'set', to: 'changed' }]);
    expect(JSON.stringify(settingsDiff(keyed, base))).not.toContain('secret');
  });

  it('shows email-domain rules as domain and action; a trust or threshold default is no change', () => {
    const after = {
      ...base,
      spam: {
        ...base.spam,
        trustAfter: 1,
        contentThreshold: 80,
        emailDomains: [
          { domain: 'held.example', action: 'hold' as const },
          { domain: 'bad.example', action: 'block' as const },
        ],
      },
    };
    expect(settingsDiff(base, after)).toEqual([
      { field: 'spam.emailDomains', from: null, to: 'held.example hold, bad.example block' },
    ]);
  });
});
