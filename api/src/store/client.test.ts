/** The storage client under many calls at once: a call waiting for a free socket is not a dead endpoint. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb } from './client.js';

/** Answers every DynamoDB call with an empty GetItem result, each after `DELAY_MS`: a storage that is slow, not down. */
const DELAY_MS = 3_500;
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        res.end('{}');
      }, DELAY_MS),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('serves 120 calls at once to a slow storage without giving up on those queued for a socket', {
  timeout: 30_000,
}, async () => {
  const db = createDb({ dynamodbEndpoint: endpoint, region: 'us-east-1', table: 't' });
  try {
    const calls = Array.from({ length: 120 }, (_, i) =>
      db.doc.send(new GetCommand({ TableName: 't', Key: { PK: `p${i}`, SK: 's' } })).then(
        () => 'ok',
        (err: Error) => err.name,
      ),
    );
    const outcomes = await Promise.all(calls);
    expect(outcomes.filter((o) => o !== 'ok')).toEqual([]);
  } finally {
    db.client.destroy();
  }
});
