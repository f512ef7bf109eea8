/** The content check's request (text only), both answer shapes, the threshold and the time limit. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ContentChecker,
  httpContentChecker,
  labelsOf,
  requestBody,
  runContentCheck,
} from './content-check.js';

describe('requestBody', () => {
  it('carries the text and nothing else, in either shape', () => {
    expect(JSON.parse(requestBody('labels', 'hi'))).toEqual({ text: 'hi' });
    expect(JSON.parse(requestBody('comprehend', 'hi'))).toEqual({
      TextSegments: [{ Text: 'hi' }],
      LanguageCode: 'en',
    });
  });
});

describe('labelsOf', () => {
  it("reads Comprehend DetectToxicContent's answer: each label's best score, the toxicity as TOXICITY", () => {
    const answer = {
      ResultList: [
        {
          Labels: [
            { Name: 'INSULT', Score: 0.71 },
            { Name: 'PROFANITY', Score: 0.12 },
          ],
          Toxicity: 0.66,
        },
        { Labels: [{ Name: 'INSULT', Score: 0.9 }], Toxicity: 0.2 },
      ],
    };
    expect(labelsOf(answer)).toEqual([
      { name: 'TOXICITY', score: 0.66 },
      { name: 'INSULT', score: 0.9 },
      { name: 'PROFANITY', score: 0.12 },
    ]);
  });

  it('reads the generic shape, clamps scores, skips what is no label, and refuses other answers', () => {
    expect(
      labelsOf({ labels: [{ name: 'spam', score: 1.5 }, { name: '', score: 1 }, { name: 'x' }, 'junk'] }),
    ).toEqual([{ name: 'spam', score: 1 }]);
    expect(labelsOf({ ok: true })).toBeUndefined();
    expect(labelsOf('labels')).toBeUndefined();
  });
});

const fixed = (labels: Array<{ name: string; score: number }>, delayMs = 0): ContentChecker => ({
  check: () => new Promise((r) => setTimeout(() => r(labels), delayMs)),
});

describe('runContentCheck', () => {
  it('turns labels at the threshold into flags, strongest first', async () => {
    const checker = fixed([
      { name: 'PROFANITY', score: 0.8 },
      { name: 'HATE_SPEECH', score: 0.95 },
      { name: 'INSULT', score: 0.79 },
    ]);
    expect(await runContentCheck(checker, 't', 500)).toEqual({
      flags: ['external_check:HATE_SPEECH:0.95', 'external_check:PROFANITY:0.80'],
    });
    expect(await runContentCheck(checker, 't', 500, 96)).toEqual({ flags: [] });
  });

  it('has no say past the time limit or when the service fails', async () => {
    const t0 = Date.now();
    expect(await runContentCheck(fixed([{ name: 'X', score: 1 }], 2000), 't', 100)).toEqual({
      skipped: 'timeout',
    });
    expect(Date.now() - t0).toBeLessThan(1000);
    const broken: ContentChecker = { check: () => Promise.reject(new Error('down')) };
    expect(await runContentCheck(broken, 't', 500)).toEqual({ skipped: 'failed' });
  });
});

describe('httpContentChecker', () => {
  const got: string[] = [];
  let url = '';
  let port = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      got.push(body);
      if (req.url === '/fail') return res.writeHead(503).end('busy');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ResultList: [{ Labels: [{ Name: 'INSULT', Score: 0.5 }], Toxicity: 0.4 }] }));
    });
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('posts the text to an allow-listed local endpoint and reads its labels', async () => {
    const checker = httpContentChecker({
      url: `${url}/check`,
      format: 'comprehend',
      timeoutMs: 1000,
      allow: [`127.0.0.1:${port}`],
    });
    expect(await checker.check('hello there', AbortSignal.timeout(1000))).toEqual([
      { name: 'TOXICITY', score: 0.4 },
      { name: 'INSULT', score: 0.5 },
    ]);
    expect(JSON.parse(got.at(-1)!)).toEqual({ TextSegments: [{ Text: 'hello there' }], LanguageCode: 'en' });
  });

  it('fails on a non-2xx answer, and never reaches a local endpoint that is not allow-listed', async () => {
    const allowed = { format: 'labels' as const, timeoutMs: 1000, allow: [`127.0.0.1:${port}`] };
    await expect(
      httpContentChecker({ ...allowed, url: `${url}/fail` }).check('x', AbortSignal.timeout(1000)),
    ).rejects.toThrow(/503/);
    const before = got.length;
    for (const target of [`${url}/check`, `https://127.0.0.1:${port}/check`, `https://localhost:${port}/`])
      await expect(
        httpContentChecker({ ...allowed, allow: [], url: target }).check('x', AbortSignal.timeout(1000)),
      ).rejects.toThrow(/https|public/);
    expect(got.length).toBe(before);
  });
});
