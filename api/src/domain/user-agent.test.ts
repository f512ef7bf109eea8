/** agentSummary: browser and system names only, never the version strings of the whole header. */
import { expect, it } from 'vitest';
import { agentSummary } from './user-agent.js';

it('names the browser and the system', () => {
  expect(
    agentSummary(
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
    ),
  ).toBe('Headless Chrome on Linux');
  expect(
    agentSummary('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'),
  ).toBe('Firefox on Windows');
  expect(
    agentSummary(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
    ),
  ).toBe('Safari on iOS');
  expect(
    agentSummary(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
    ),
  ).toBe('Edge on Windows');
  expect(agentSummary('curl/8.5.0')).toBe('curl');
  expect(agentSummary(undefined)).toBe('unknown browser');
  expect(agentSummary('x'.repeat(5000))).toBe('unknown browser');
});
