/** The popup's closing page: its script posts only to the given origin, cannot be broken out of, and is the only script the CSP allows. */
import { describe, expect, it } from 'vitest';
import { popupPage } from './popup.js';

const session = {
  token: 'tok',
  expiresAt: '2030-01-01T00:00:00.000Z',
  reader: { id: 'r1', name: '</script><script>alert(1)</script>\u2028', methods: ['github' as const] },
};

describe('popupPage', () => {
  it('posts the message to exactly the origin, with a script the nonce alone allows', () => {
    const { html, headers } = popupPage({ type: 'afterword-signin', session }, 'https://blog.example');
    const nonce = /script-src 'nonce-([^']+)'/.exec(headers['Content-Security-Policy']!)?.[1];
    expect(nonce).toBeDefined();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('window.opener.postMessage(m,o)');
    expect(html).not.toContain("'*'");
    const [, m, o] = /var m=(.*?),o=("[^"]*");/.exec(html)!;
    expect(JSON.parse(o!)).toBe('https://blog.example');
    // The reader's name cannot end the script: `<` and line separators are escaped, and it reads back as it was.
    expect(m).not.toContain('</script>');
    expect(m).not.toContain('\u2028');
    expect(JSON.parse(m!).session.reader.name).toBe(session.reader.name);
    expect(headers['Cache-Control']).toBe('no-store');
    expect(headers['Referrer-Policy']).toBe('no-referrer');
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
  });

  it('posts nothing without an origin, and two pages never share a nonce', () => {
    const { html } = popupPage({ type: 'afterword-signin', error: 'oauth_state_invalid' }, undefined);
    expect(html).not.toContain('<script');
    expect(html).toContain('Sign-in did not work');
    const a = popupPage({ type: 'afterword-signin', error: 'oauth_failed' }, 'https://a.example');
    const b = popupPage({ type: 'afterword-signin', error: 'oauth_failed' }, 'https://a.example');
    expect(a.headers['Content-Security-Policy']).not.toBe(b.headers['Content-Security-Policy']);
  });
});
