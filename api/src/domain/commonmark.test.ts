/** Every example of the CommonMark spec renders without error, with raw HTML escaped and only allowed tags. */
import spec from 'commonmark-spec';
import { expect, it } from 'vitest';
import { renderMarkdown, SANITIZE_OPTIONS } from './markdown.js';

/** The allowlist as it comes out: h1-h3 are shifted down to h4-h5. */
const ALLOWED = new Set((SANITIZE_OPTIONS.allowedTags || []).filter((t) => !['h1', 'h2', 'h3'].includes(t)));
const tests = spec.tests;

it(`renders all ${tests.length} CommonMark examples safely`, () => {
  const problems: string[] = [];
  for (const t of tests) {
    const html = renderMarkdown(t.markdown);
    for (const m of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
      const tag = m[1]!.toLowerCase();
      if (!ALLOWED.has(tag)) problems.push(`#${t.number} (${t.section}): <${tag}> in ${html}`);
      const attrs = m[2] ?? '';
      if (/\son[a-z]+\s*=/i.test(attrs) || /style\s*=/i.test(attrs))
        problems.push(`#${t.number}: attribute ${attrs}`);
      const href = /href="([^"]*)"/.exec(attrs)?.[1];
      if (href !== undefined && !/^(https?:|mailto:)/i.test(href))
        problems.push(`#${t.number}: href ${href}`);
    }
  }
  expect(problems).toEqual([]);
});

it('escapes the raw HTML of the spec’s HTML sections', () => {
  const raw = tests.filter((t) => t.section === 'Raw HTML' || t.section === 'HTML blocks');
  expect(raw.length).toBeGreaterThan(40);
  for (const t of raw) {
    const html = renderMarkdown(t.markdown);
    for (const tag of t.markdown.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)[\s/>]/g)) {
      const name = tag[1]!.toLowerCase();
      if (!ALLOWED.has(name) && !/^(https?|mailto)$/.test(name)) {
        expect(html.toLowerCase(), `#${t.number}`).not.toContain(`<${name}`);
      }
    }
  }
});
