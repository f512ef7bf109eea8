/** `afterword site set --remote-premoderate|--remote-discover|--webmention on|off`: a site's remote replies settings. */
import { expect, it } from 'vitest';
import { captureCli } from '../testing/cli.js';
import { main } from './main.js';

const io = captureCli();

it('sets, keeps and lists the remote settings; refuses what is not on or off', async () => {
  expect(
    await main(['site', 'add', 'blog', '--origin', 'https://blog.example', '--remote-discover', 'on']),
  ).toBe(0);
  expect(io.out).toContain('remote=remote-discover');
  expect(await main(['site', 'set', 'blog', '--remote-premoderate', 'on', '--webmention', 'on'])).toBe(0);
  expect(await main(['site', 'set', 'blog', '--remote-discover', 'off'])).toBe(0);
  expect(io.out).toContain('remote=remote-premoderate,webmention');
  io.out = '';
  expect(await main(['site', 'list', '--json'])).toBe(0);
  expect(JSON.parse(io.out).remote).toEqual({ premoderate: true, discover: false, webmention: true });
  expect(await main(['site', 'set', 'blog', '--webmention', 'yes'])).toBe(2);
  expect(io.err).toContain('--webmention must be on or off');
});
