/** `afterword doctor`: a site that exists, an origin it allows (or the command that adds it), the embed snippet. */
import { describe, expect, it } from 'vitest';
import { captureCli } from '../testing/cli.js';
import { nearMiss } from './doctor.js';
import { main } from './main.js';

const io = captureCli({ sharedTable: true });
const doctor = (...args: string[]) => main(['doctor', ...args]);

describe('afterword doctor', () => {
  it('passes a page on an allowed origin, naming its thread, and prints the embed snippet', async () => {
    expect(await main(['site', 'add', 'blog', '--origin', 'https://blog.example', '--name', 'My blog'])).toBe(
      0,
    );
    io.out = '';
    const code = await doctor(
      '--site',
      'blog',
      '--url',
      'https://blog.example/posts/hello?utm=x#c1',
      '--api',
      'https://comments.example/',
    );
    expect(io.err).toBe('');
    expect(code).toBe(0);
    expect(io.out).toContain('ok       site blog exists (My blog, moderation');
    expect(io.out).toContain('ok       https://blog.example is an allowed origin of site blog');
    expect(io.out).toContain("ok       the page's thread is /posts/hello/ (0 comments)");
    expect(io.out).toContain(
      '<div id="afterword"></div>\n' +
        '<script src="https://comments.example/embed.js" data-site="blog" async></script>',
    );
    expect(io.out).not.toContain('problem');
  });

  it('finds an origin the site does not allow, says how to add it, and fails', async () => {
    const code = await doctor('--site', 'blog', '--url', 'http://localhost:1313/posts/hello/');
    expect(code).toBe(1);
    expect(io.out).toContain('problem  http://localhost:1313 is not an allowed origin of site blog');
    expect(io.out).toContain('allowed: https://blog.example');
    expect(io.out).toContain('add it:  npx afterword site set blog --origin http://localhost:1313');
    // Without --api the snippet points at the local API.
    expect(io.out).toMatch(/<script src="http:\/\/localhost:\d+\/embed\.js" data-site="blog" async>/);
    expect(io.err).toContain('afterword doctor: 1 problem found');
    // After the fix it passes.
    expect(await main(['site', 'set', 'blog', '--origin', 'http://localhost:1313'])).toBe(0);
    io.out = '';
    io.err = '';
    expect(await doctor('--site', 'blog', '--url', 'http://localhost:1313/posts/hello/')).toBe(0);
    expect(io.out).toContain('ok       http://localhost:1313 is an allowed origin');
  });

  it('finds a mistyped site id, listing the sites there are', async () => {
    expect(await doctor('--site', 'blgo', '--url', 'https://blog.example/')).toBe(1);
    expect(io.out).toContain('problem  there is no site "blgo"');
    expect(io.out).toContain('sites: blog');
    expect(io.out).toContain('add it:  npx afterword site add blgo --origin https://blog.example');
    io.out = '';
    expect(await doctor('--site', 'My Blog', '--url', 'https://blog.example/')).toBe(1);
    expect(io.out).toContain('"My Blog" is no site id');
  });

  it('refuses a call without --site or --url, or with a URL that is not http(s)', async () => {
    expect(await doctor('--site', 'blog')).toBe(2);
    expect(io.err).toContain('--site and --url are needed');
    expect(await doctor('--site', 'blog', '--url', 'file:///home/me/blog/index.html')).toBe(2);
    expect(io.err).toContain('not an http(s) URL');
  });
});

describe('near misses', () => {
  const page = new URL('http://blog.example:1313/x/');
  it('names what differs between the page and an allowed origin', () => {
    expect(nearMiss(page, 'https://blog.example')).toBe(
      'https://blog.example differs in the scheme and port',
    );
    expect(nearMiss(page, 'http://blog.example')).toBe('http://blog.example differs in the port');
    expect(nearMiss(page, 'http://www.blog.example:1313')).toBe(
      'http://www.blog.example:1313 differs only in www.',
    );
    expect(nearMiss(new URL('http://127.0.0.1:1313/'), 'http://localhost:1313')).toBe(
      'http://localhost:1313 is this machine under another name',
    );
    expect(nearMiss(page, 'https://other.example')).toBeUndefined();
  });
});
