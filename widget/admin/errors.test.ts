/** The admin page's error texts: one for every code, details filled in, never the server's own message. */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../api/src/contract/codes.js';
import { ApiFailure } from './api.js';
import { ERROR_TEXTS, errorText } from './errors.js';

describe('admin error texts', () => {
  it('has a text for every code and network, none left with a placeholder once filled', () => {
    expect(Object.keys(ERROR_TEXTS).sort()).toEqual([...ERROR_CODES, 'network'].sort());
    for (const code of [...ERROR_CODES, 'network' as const]) {
      const shown = errorText(new ApiFailure(400, code, { fields: ['body'], max: 10, retryAfterSec: 5 }));
      expect(shown.length, code).toBeGreaterThan(10);
      expect(shown, code).not.toMatch(/\{\w+\}/);
    }
  });

  it('shows the text of the code with its details', () => {
    expect(errorText(new ApiFailure(400, 'invalid_input', { fields: ['origins', 'name'] }))).toBe(
      'Some values were not accepted (origins, name). Correct them and try again.',
    );
    expect(errorText(new ApiFailure(413, 'comment_too_long', { max: 5000 }))).toContain(
      'at most 5000 characters',
    );
    expect(errorText(new ApiFailure(429, 'rate_limited', { retryAfterSec: 30 }))).toContain(
      'Wait 30 seconds',
    );
    expect(errorText(new ApiFailure(404, 'comment_not_found'))).toBe(ERROR_TEXTS.comment_not_found);
    expect(errorText(new ApiFailure(0, 'network'))).toBe(ERROR_TEXTS.network);
  });

  it('reads unknown codes and other errors as internal', () => {
    expect(errorText(new ApiFailure(500, 'brand_new' as never))).toBe(ERROR_TEXTS.internal);
    expect(errorText(new ApiFailure(500, 'constructor' as never))).toBe(ERROR_TEXTS.internal);
    expect(errorText(new TypeError('x is undefined'))).toBe(ERROR_TEXTS.internal);
  });
});
