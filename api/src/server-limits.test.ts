/** The Node server answers an oversized body with a 413 the client reads (node:http, not fetch), never a reset. */
import { request } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAIN_LIMITS, type RunningServer, startServer } from './server.js';
import { createHarness, type Harness } from './testing/harness.js';

const ORIGIN = 'https://blog.example';
const KB = 1024;
const MB = 1024 * KB;

// A full collection on demand, to tell memory held from garbage not yet collected.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let h: Harness;
let server: RunningServer;
let importToken: string;

beforeAll(async () => {
  h = await createHarness();
  await h.site('limits', { origins: [ORIGIN] });
  importToken = (
    await h.store.tokens.create(h.config.secret, 'limits', 'import', 'i', new Date().toISOString())
  ).token;
  server = await startServer({ ...h.config, port: 0 }, h.store, { staticRoot: '/nonexistent' });
});

afterAll(async () => {
  await server?.close();
  await h?.drop();
});

interface Answer {
  status: number;
  body: string;
  /** Any error the client saw while sending or reading (EPIPE, ECONNRESET, "socket hang up"). */
  error?: string;
}

/**
 * Sends `size` bytes in 64 KB chunks the way a plain Node client does (with Content-Length, or chunked),
 * waiting for the socket to drain, and resolves once the whole response is read or the request fails.
 */
function send(
  path: string,
  size: number,
  opts: {
    headers?: Record<string, string>;
    chunked?: boolean;
    fill?: string;
    /** Stops sending after `at` bytes until `run` is done. */
    pause?: { at: number; run: () => Promise<void> };
  } = {},
): Promise<Answer> {
  const url = new URL(path, server.url);
  const chunk = Buffer.alloc(64 * KB, opts.fill ?? 'a');
  return new Promise((resolve) => {
    let error: string | undefined;
    let answered: Answer | undefined;
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: {
        ...opts.headers,
        ...(opts.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(size) }),
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => {
        answered = { status: res.statusCode ?? 0, body };
        // Give a late write error (the server closing while the client still sends) time to show.
        setTimeout(() => resolve({ ...answered!, ...(error ? { error } : {}) }), 50);
      });
      res.on('error', (err) => {
        error ??= err.message;
      });
    });
    req.on('error', (err) => {
      error ??= `${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}`.trim();
      if (!answered) resolve({ status: 0, body: '', error });
    });
    let sent = 0;
    let paused = false;
    const pump = () => {
      while (sent < size) {
        if (opts.pause && !paused && sent >= opts.pause.at) {
          paused = true;
          void opts.pause.run().then(pump);
          return;
        }
        const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += part.length;
        if (!req.write(part)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

function expectTooLarge(answer: Answer): void {
  expect(answer.error, JSON.stringify(answer)).toBeUndefined();
  expect(answer.status).toBe(413);
  expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'payload_too_large' } });
}

const json = { 'content-type': 'application/json', origin: ORIGIN };

describe('an oversized JSON body', () => {
  for (const [label, size] of [
    ['100 KB', 100 * KB],
    ['10 MB', 10 * MB],
  ] as const) {
    it(`of ${label} with Content-Length is answered 413 payload_too_large`, async () => {
      expectTooLarge(await send('/api/v1/comments', size, { headers: json }));
    });
    it(`of ${label} sent chunked is answered 413 payload_too_large`, async () => {
      expectTooLarge(await send('/api/v1/comments', size, { headers: json, chunked: true }));
    });
  }

  it('of 100 KB written in one go is answered 413 payload_too_large', async () => {
    const answer = await new Promise<Answer>((resolve) => {
      const req = request(new URL('/api/v1/comments', server.url), {
        method: 'POST',
        agent: false,
        headers: json,
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', (err) => resolve({ status: 0, body: '', error: err.message }));
      req.end(JSON.stringify({ site: 'limits', page: '/big/', body: 'x'.repeat(100 * KB) }));
    });
    expectTooLarge(answer);
  });

  it('is read and dropped, never held: halfway through 40 MB, the process holds no more than before', async () => {
    // After a full collection V8 frees array buffers on a background thread: let it finish.
    const retained = async () => {
      for (let i = 0; i < 3; i++) {
        gc();
        await new Promise((r) => setTimeout(r, 50));
      }
      return process.memoryUsage().arrayBuffers;
    };
    const before = await retained();
    let during = 0;
    const answer = await send('/api/v1/comments', 40 * MB, {
      headers: json,
      pause: {
        at: 30 * MB,
        run: async () => {
          await new Promise((r) => setTimeout(r, 200));
          during = await retained();
        },
      },
    });
    expectTooLarge(answer);
    expect(during).toBeGreaterThan(0);
    expect(during - before).toBeLessThan(8 * MB);
  });

  it('gives up on a client that stops sending: answers within the drain time and closes', async () => {
    const saved = { ...DRAIN_LIMITS };
    DRAIN_LIMITS.ms = 300;
    try {
      const t0 = Date.now();
      const answer = await new Promise<Answer & { connection?: string }>((resolve) => {
        const req = request(new URL('/api/v1/comments', server.url), {
          method: 'POST',
          agent: false,
          headers: { ...json, 'content-length': String(10 * MB) },
        });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (d) => {
            body += d;
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }),
          );
        });
        req.on('error', (err) => resolve({ status: 0, body: '', error: err.message }));
        req.write(Buffer.alloc(100 * KB, 'a')); // and then nothing more
      });
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(answer.status).toBe(413);
      expect(answer.connection).toBe('close');
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'payload_too_large' } });
    } finally {
      Object.assign(DRAIN_LIMITS, saved);
    }
  });

  it('leaves the server answering normally afterwards', async () => {
    await send('/api/v1/comments', 10 * MB, { headers: json });
    const body = JSON.stringify({ site: 'limits', page: '/after/', body: 'still fine' });
    const res = await fetch(`${server.url}/api/v1/comments`, { method: 'POST', headers: json, body });
    expect(res.status).toBe(201);
  });
});

describe('the import route (its own 6 MB limit)', () => {
  const auth = { authorization: 'Bearer not-a-token', 'content-type': 'application/octet-stream' };
  const headers = () => ({ ...auth, authorization: `Bearer ${importToken}` });

  it('answers a wrong token with a readable 401 even while a 10 MB file is still coming', async () => {
    const answer = await send('/api/v1/sites/limits/import?format=native', 10 * MB, { headers: auth });
    expect(answer.error, JSON.stringify(answer)).toBeUndefined();
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body).error.code).toBe('unauthorized');
  });

  it('reads a 100 KB file (under its limit) and answers about its content, not its size', async () => {
    const answer = await send('/api/v1/sites/limits/import?format=native', 100 * KB, { headers: headers() });
    expect(answer.error, JSON.stringify(answer)).toBeUndefined();
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error.code).not.toBe('payload_too_large');
  });

  for (const [label, size] of [
    ['7 MB', 7 * MB],
    ['10 MB', 10 * MB],
  ] as const) {
    it(`answers a ${label} file with 413 payload_too_large`, async () => {
      expectTooLarge(await send('/api/v1/sites/limits/import?format=native', size, { headers: headers() }));
    });
    it(`answers a ${label} file sent chunked with 413 payload_too_large`, async () => {
      expectTooLarge(
        await send('/api/v1/sites/limits/import?format=native', size, { headers: headers(), chunked: true }),
      );
    });
  }
});
