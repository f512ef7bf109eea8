/**
 * The size budgets (budgets.ts): a first view (embed.js: the thread painted with its composer, without Preact)
 * ≤ 10 KB gzip; app.js (Preact and the thread's components, on the first interaction) ≤ 10 KB; each other lazy
 * chunk ≤ 2 KB, but readers' sign-in (signin.js, with @simplewebauthn/browser and the popup's handoff) ≤ 7 KB.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../api/src/contract/codes.js';
import { APP_BUDGET_BYTES, BUDGET_BYTES, CHUNK_BUDGET_BYTES, SIGNIN_BUDGET_BYTES } from './budgets.js';

export { APP_BUDGET_BYTES, BUDGET_BYTES, CHUNK_BUDGET_BYTES, SIGNIN_BUDGET_BYTES };
/**
 * embed.js before readers could sign in (issue 17): what it adds to a first view (the "Sign in" button where
 * the site offers it, the verified badge, the stored-session and email-link checks) took no byte more.
 */
export const BEFORE_SIGNIN_BYTES = 12_281;
const DIST = resolve(import.meta.dirname, '../dist');
const EMBED = resolve(import.meta.dirname, '../dist/embed.js');
const ERRORS = resolve(import.meta.dirname, '../dist/errors.js');

function embed(): string {
  if (!existsSync(EMBED)) throw new Error('widget/dist/embed.js is missing: run `npm run build` first');
  return readFileSync(EMBED, 'utf8');
}

describe('embed.js', () => {
  it('is a classic script: no import or export statements, its names kept out of the page scope', () => {
    const src = embed();
    expect(() => new Script(src)).not.toThrow();
    expect(src.startsWith('(()=>{')).toBe(true);
  });

  it('carries its stylesheet and the English strings inside (nothing else to fetch for a thread)', () => {
    const src = embed();
    expect(src).toContain(':host');
    expect(src).toContain('Post comment');
    expect(src).not.toMatch(/import\(["'`]\.\//);
  });

  it('loads the error texts from errors.js beside it, a module naming a text for every code', async () => {
    expect(embed()).toContain('"errors.js"');
    expect(embed()).not.toContain('Comments are not set up for this website');
    const m = (await import(pathToFileURL(ERRORS).href)) as typeof import('./errors.js');
    expect(Object.keys(m.MESSAGE).sort()).toEqual([...ERROR_CODES, 'network'].sort());
    for (const key of Object.values(m.MESSAGE))
      expect(key in m.EN || key === 'locked' || key === 'deleted').toBe(true);
  });

  it(`stays within ${BUDGET_BYTES} bytes gzip, and no bigger than before readers could sign in`, () => {
    const bytes = gzipSync(embed(), { level: 9 }).length;
    console.log(
      `embed.js: ${bytes} bytes gzip (budget ${BUDGET_BYTES}, before sign-in ${BEFORE_SIGNIN_BYTES})`,
    );
    expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(bytes).toBeLessThanOrEqual(BEFORE_SIGNIN_BYTES);
  });

  it(`paints the first view without Preact; Preact and the components come with app.js (within ${APP_BUDGET_BYTES} bytes gzip)`, async () => {
    // Preact's own marks (the SVG namespace it creates avatars in, its vnodes' children key) are in app.js only.
    for (const mark of ['http://www.w3.org/2000/svg', '__k']) {
      expect(embed()).not.toContain(mark);
      expect(readFileSync(join(DIST, 'app.js'), 'utf8')).toContain(mark);
    }
    expect(embed()).toContain('"app.js"');
    const bytes = gzipSync(readFileSync(join(DIST, 'app.js')), { level: 9 }).length;
    console.log(`app.js: ${bytes} bytes gzip (budget ${APP_BUDGET_BYTES})`);
    expect(bytes).toBeLessThanOrEqual(APP_BUDGET_BYTES);
    const m = (await import(pathToFileURL(join(DIST, 'app.js')).href)) as typeof import('./enhance.js');
    expect(typeof m.draw).toBe('function');
  });

  it(`loads readers' sign-in (signin.js, within ${SIGNIN_BUDGET_BYTES} bytes gzip) and the markdown help (help.js) beside it`, async () => {
    expect(embed()).toContain('"signin"');
    expect(embed()).toContain('"help"');
    // The panel, the passkey ceremonies, the popup and "my comments" are not in the embed.
    for (const inside of ['/reader/', 'navigator.credentials', 'afterword-signin', 'list item'])
      expect(embed()).not.toContain(inside);
    const bytes = gzipSync(readFileSync(join(DIST, 'signin.js')), { level: 9 }).length;
    console.log(`signin.js: ${bytes} bytes gzip (budget ${SIGNIN_BUDGET_BYTES})`);
    expect(bytes).toBeLessThanOrEqual(SIGNIN_BUDGET_BYTES);
    const m = (await import(pathToFileURL(join(DIST, 'signin.js')).href)) as typeof import('./signin.js');
    expect([m.start, m.open, m.accept, m.signedIn].map((f) => typeof f)).toEqual(Array(4).fill('function'));
    const h = (await import(pathToFileURL(join(DIST, 'help.js')).href)) as typeof import('./help.js');
    expect(typeof h.help).toBe('function');
  });

  it.each([
    ['counts', 'afterwordCount'],
    ['recent', 'afterword-recent-'],
  ])(
    `loads %s.js beside it (index pages' counts, recent boxes), a chunk of its own`,
    async (name, inside) => {
      expect(embed()).toContain(`"${name}"`);
      expect(embed()).not.toContain(inside);
      const m = (await import(pathToFileURL(join(DIST, `${name}.js`)).href)) as Record<string, unknown>;
      expect(typeof m[name]).toBe('function');
    },
  );

  it('loads writing (write.js) and permalinks (permalink.js) beside it: a first view only reads', async () => {
    expect(embed()).toContain('"write"');
    expect(embed()).toContain('"permalink"');
    // What only a reader who writes needs is not in the embed: the POST's idempotency key, the preview call.
    expect(embed()).not.toContain('Idempotency-Key');
    expect(embed()).not.toContain('/preview');
    const w = (await import(pathToFileURL(join(DIST, 'write.js')).href)) as typeof import('./write.js');
    expect([w.token, w.submit, w.preview, w.remove, w.vote, w.own].map((f) => typeof f)).toEqual(
      Array(6).fill('function'),
    );
    const p = (await import(
      pathToFileURL(join(DIST, 'permalink.js')).href
    )) as typeof import('./permalink.js');
    expect(typeof p.jump).toBe('function');
    // The report dialog is a chunk of its own, loaded from permalink.js; nothing of it is in the embed.
    expect(embed()).not.toContain('report.js');
    const r = (await import(pathToFileURL(join(DIST, 'report.js')).href)) as typeof import('./report.js');
    expect(typeof r.open).toBe('function');
  });

  it('loads what replies from elsewhere show (remote.js) beside it, only for a thread holding one', async () => {
    expect(embed()).toContain('"remote"');
    // Their badges, handles, "Reply on …" and English texts are in the chunk, none in the embed.
    for (const inside of ['Reply on', 'Mastodon', 'Bluesky', 'noopener nofollow ugc'])
      expect(embed()).not.toContain(inside);
    const m = (await import(pathToFileURL(join(DIST, 'remote.js')).href)) as typeof import('./remote.js');
    expect(typeof m.show).toBe('function');
  });

  it('loads reading the file again (live.js) beside it, once the first wait after a view is over', async () => {
    expect(embed()).toContain('"live"');
    // The in-view and visibility checks and the doubling wait are in the chunk, none in the embed.
    for (const inside of ['visibilitychange', '3e5', '300000']) expect(embed()).not.toContain(inside);
    const m = (await import(pathToFileURL(join(DIST, 'live.js')).href)) as typeof import('./live.js');
    expect([m.live, m.refresh].map((f) => typeof f)).toEqual(['function', 'function']);
  });

  it(`keeps every other chunk within ${CHUNK_BUDGET_BYTES} bytes gzip`, () => {
    const chunks = [
      'errors.js',
      'counts.js',
      'recent.js',
      'write.js',
      'permalink.js',
      'report.js',
      'help.js',
      'remote.js',
      'reactions.js',
      'live.js',
      ...readdirSync(join(DIST, 'locales')).map((f) => `locales/${f}`),
    ];
    // Each language's strings, and apart its sign-in panel's (loaded by signin.js) and remote replies' (remote.js).
    expect(chunks.filter((c) => c.startsWith('locales/signin-'))).toHaveLength(29);
    expect(chunks.filter((c) => c.startsWith('locales/remote-'))).toHaveLength(29);
    expect(chunks.length).toBeGreaterThanOrEqual(21);
    // Nothing else is built beside the embed (the admin page has its own directory and budget).
    expect(readdirSync(DIST).sort()).toEqual([
      'admin',
      'app.js',
      'counts.js',
      'embed.js',
      'errors.js',
      'help.js',
      'live.js',
      'locales',
      'permalink.js',
      'reactions.js',
      'recent.js',
      'remote.js',
      'report.js',
      'signin.js',
      'write.js',
    ]);
    for (const chunk of chunks) {
      const bytes = gzipSync(readFileSync(join(DIST, chunk)), { level: 9 }).length;
      expect(bytes, chunk).toBeLessThanOrEqual(CHUNK_BUDGET_BYTES);
    }
  });
});
