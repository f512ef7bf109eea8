/** The trust and email-domain options of `afterword site add|set`, and how `site list` shows them. */
import { expect, it } from 'vitest';
import { describeSpam, SpamOptionError, spamFromCli } from './spam-settings.js';

const secs = (s: string) => Number.parseInt(s, 10);

it('sets trust, domain rules, disposable mail and the content check; a domain named again takes its new action', () => {
  const s = spamFromCli(
    {
      'trust-after': '3',
      'hold-domain': ['Held.example', '@other.example'],
      'block-domain': ['bad.example'],
      disposable: 'on',
      'content-check': 'on',
      'content-threshold': '70',
    },
    {},
    secs,
  );
  expect(s).toEqual({
    trustAfter: 3,
    emailDomains: [
      { domain: 'held.example', action: 'hold' },
      { domain: 'other.example', action: 'hold' },
      { domain: 'bad.example', action: 'block' },
    ],
    disposableEmail: true,
    contentCheck: true,
    contentThreshold: 70,
  });
  expect(describeSpam(s)).toBe('spam=trust-after=3,domain-rules=3,disposable-held,content-check>=70%');
  const next = spamFromCli(
    { 'block-domain': ['held.example'], 'remove-domain': ['other.example', 'bad.example'] },
    s,
    secs,
  );
  expect(next.emailDomains).toEqual([{ domain: 'held.example', action: 'block' }]);
  expect(spamFromCli({ 'remove-domain': ['held.example'] }, next, secs).emailDomains).toBeUndefined();
});

it('refuses what is no domain, a trust count out of bounds, and on/off that is neither', () => {
  expect(() => spamFromCli({ 'hold-domain': ['not a domain'] }, {}, secs)).toThrow(SpamOptionError);
  expect(() => spamFromCli({ 'trust-after': '0' }, {}, secs)).toThrow(/trust-after/);
  expect(() => spamFromCli({ 'content-threshold': '101' }, {}, secs)).toThrow(/content-threshold/);
  expect(() => spamFromCli({ disposable: 'maybe' }, {}, secs)).toThrow(/on or off/);
});
