import { expect, it } from 'vitest';
import { captureCli } from '../testing/cli.js';
import { main } from './main.js';

const io = captureCli();

it('adds, lists and changes a site', async () => {
  expect(
    await main(['site', 'add', 'blog', '--origin', 'https://blog.example/', '--moderation', 'first-time']),
  ).toBe(0);
  expect(io.out).toContain('added site blog');
  expect(await main(['site', 'add', 'blog', '--origin', 'https://blog.example'])).toBe(2);
  expect(io.err).toContain('already exists');
  expect(
    await main([
      'site',
      'set',
      'blog',
      '--origin',
      'https://www.blog.example',
      '--edit-window',
      '30m',
      '--max-depth',
      '3',
      '--report-threshold',
      '0',
    ]),
  ).toBe(0);
  io.out = '';
  expect(await main(['site', 'list', '--json'])).toBe(0);
  const site = JSON.parse(io.out);
  expect(site).toMatchObject({
    id: 'blog',
    moderation: 'first-time',
    editWindowSec: 1800,
    maxDepth: 3,
    reportThreshold: 0,
    origins: ['https://blog.example', 'https://www.blog.example'],
  });
  expect(await main(['site', 'set', 'blog', '--remove-origin', 'https://blog.example'])).toBe(0);
  expect(io.out).toContain('origins=https://www.blog.example');
  expect(io.out).toContain('report-threshold=0');
});

it('refuses bad input with a usage message', async () => {
  expect(await main(['site', 'add', 'Bad Id'])).toBe(2);
  expect(await main(['site', 'add', 'ok', '--origin', 'javascript:alert(1)'])).toBe(2);
  expect(await main(['site', 'add', 'ok2', '--moderation', 'sometimes'])).toBe(2);
  expect(await main(['site', 'set', 'missing', '--max-depth', '2'])).toBe(2);
  expect(await main(['site', 'set', 'missing', '--report-threshold', '5000'])).toBe(2);
  expect(io.err).toContain('--report-threshold must be a whole number');
  expect(await main(['nosuch'])).toBe(2);
  expect(io.err).toContain('usage');
});
