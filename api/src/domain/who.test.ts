import { describe, expect, it } from 'vitest';
import { excerpt, maskEmail } from './who.js';

describe('maskEmail', () => {
  it('keeps the first letters and the top-level domain only', () => {
    expect(maskEmail('jane@example.com')).toBe('j***@e***.com');
    expect(maskEmail('Zoë.Long+tag@mail.example.co.uk')).toBe('Z***@m***.uk');
  });
  it('never returns the address, whatever its shape', () => {
    for (const e of ['a@b', 'x@localhost', 'no-at-sign', '@x.org', 'ü@ß.de'])
      expect(maskEmail(e)).not.toContain(e.split('@')[0]?.slice(1) || '\u0000');
    expect(maskEmail('a@b')).toBe('a***@b***');
    expect(maskEmail('😀me@x.org')).toBe('😀***@x***.org');
  });
});

describe('excerpt', () => {
  it('is the text of the HTML on one line, cut with an ellipsis', () => {
    expect(excerpt('<p>Hello <em>there</em></p>\n<p>second &amp; last</p>')).toBe(
      'Hello there second & last',
    );
    const long = excerpt(`<p>${'word '.repeat(60)}</p>`, 20);
    expect(long).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
  });
});
