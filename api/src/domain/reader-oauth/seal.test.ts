/** Sealed client secrets open only for their own site and provider, under the same server secret. */
import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './seal.js';

const S = 'a-server-secret-of-some-length';

describe('sealSecret', () => {
  it('opens for its site and provider, and for nothing else', () => {
    const sealed = sealSecret(S, 'blog', 'gh', 'the client secret');
    expect(sealed).not.toContain('the client secret');
    expect(openSecret(S, 'blog', 'gh', sealed)).toBe('the client secret');
    expect(openSecret(S, 'other', 'gh', sealed)).toBeUndefined();
    expect(openSecret(S, 'blog', 'corp', sealed)).toBeUndefined();
    expect(openSecret('another-server-secret-here', 'blog', 'gh', sealed)).toBeUndefined();
    expect(openSecret(S, 'blog', 'gh', `${sealed.slice(0, -2)}AA`)).toBeUndefined();
    expect(openSecret(S, 'blog', 'gh', 'garbage')).toBeUndefined();
  });
});
