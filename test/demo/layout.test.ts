/** The demo blog's pages: one layout around each page's content, served with the API URL filled in. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyLayout } from '../../demo-site/layout.js';
import { type DemoServer, startDemoServer } from '../../demo-site/server.js';

const PUBLIC = join(import.meta.dirname, '../../demo-site/public');

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pages(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer({ port: 0, apiUrl: 'http://api.test' });
});
afterAll(() => demo.close());

it('wraps every page file in the one layout: doctype, title, stylesheet, its main content, the embed', () => {
  const files = pages(PUBLIC);
  expect(files.length).toBeGreaterThanOrEqual(6);
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const html = applyLayout(source);
    expect(html, file).toMatch(/^<!doctype html>\n<html lang="(en|ar" dir="rtl|he" dir="rtl|ja)"/);
    expect(html).toMatch(/<title>[^<]*Field Notes<\/title>/);
    expect(html).toContain('<link rel="stylesheet" href="/style.css">');
    expect(html).toContain('{{API_URL}}/embed.js');
    expect(html).not.toContain('<!--page');
    // The page's own content stands once, inside <main>.
    const main = source.slice(source.indexOf('-->\n') + 4).trim();
    expect(html.split(main)).toHaveLength(2);
    expect(html.indexOf(main)).toBeGreaterThan(html.indexOf('<main class="wrap">'));
  }
});

it('leaves HTML without a page block as it is', () => {
  const plain = '<!doctype html><p>plain</p>';
  expect(applyLayout(plain)).toBe(plain);
});

it('serves a page with its options: class, canonical, theme and the API URL filled in', async () => {
  const res = await fetch(`${demo.url}/posts/dark-mode/`);
  const html = await res.text();
  expect(res.status).toBe(200);
  expect(html).toContain('<html lang="en" class="dark">');
  expect(html).toContain('<link rel="canonical" href="/posts/dark-mode/">');
  expect(html).toContain('<script src="http://api.test/embed.js" data-site="demo" data-theme="dark" async>');
  expect(html).not.toContain('{{');
  const spa = await (await fetch(`${demo.url}/spa/`)).text();
  expect(spa).toContain('<script src="/spa/app.js" defer></script>');
  expect(spa).not.toContain('rel="canonical"');
});
