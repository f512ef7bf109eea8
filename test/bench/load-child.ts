/** The load generator's own process (so it does not share an event loop with the server): runs jobs sent over IPC. */
import { Agent, request } from 'node:http';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDb, type Db } from '../../api/src/store/client.js';
import { type LoadOptions, type Operation, runLoad } from './loadgen.js';

/** `{{i}}` in a template becomes a unique token per request, `{{p}}` one of `spread` page numbers. */
export interface Template {
  text: string;
  spread: number;
}

export type Job =
  | {
      kind: 'http';
      url: string;
      method: string;
      headers?: Record<string, string>;
      body?: Template;
      opts: LoadOptions;
    }
  | {
      kind: 'dynamo';
      endpoint: string;
      table: string;
      /** `Writes`: a list of `{command: 'PutItem' | 'UpdateItem', input}` sent in turn (a post). */
      command: 'Query' | 'GetItem' | 'BatchGetItem' | 'Writes';
      input: Template;
      opts: LoadOptions;
    };

let counter = 0;
const tag = `${process.pid.toString(36)}${Date.now().toString(36)}`;

function fill(t: Template): string {
  counter++;
  return t.text
    .replaceAll('{{i}}', `${tag}x${counter.toString(36)}`)
    .replaceAll('{{p}}', String(counter % t.spread));
}

function httpOp(job: Extract<Job, { kind: 'http' }>): Operation {
  const agent = new Agent({ keepAlive: true, maxSockets: job.opts.connections });
  const url = new URL(job.url);
  return () =>
    new Promise((resolve, reject) => {
      const payload = job.body ? fill(job.body) : undefined;
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: job.method,
          agent,
          headers: {
            ...job.headers,
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
              : {}),
          },
        },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => resolve(String(res.statusCode)));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}

const dbs = new Map<string, Db>();

function dynamoOp(job: Extract<Job, { kind: 'dynamo' }>): Operation {
  const key = `${job.endpoint} ${job.table}`;
  const db =
    dbs.get(key) ?? createDb({ dynamodbEndpoint: job.endpoint, region: 'us-east-1', table: job.table });
  dbs.set(key, db);
  const make = {
    Query: (input: never) => new QueryCommand(input),
    GetItem: (input: never) => new GetCommand(input),
    BatchGetItem: (input: never) => new BatchGetCommand(input),
    PutItem: (input: never) => new PutCommand(input),
    UpdateItem: (input: never) => new UpdateCommand(input),
  };
  // Sets travel as {"$set": [...]} (JSON has none).
  const parse = (text: string) =>
    JSON.parse(text, (_, v) => (v && typeof v === 'object' && Array.isArray(v.$set) ? new Set(v.$set) : v));
  return async () => {
    const input = parse(fill(job.input));
    if (job.command !== 'Writes') await db.doc.send(make[job.command](input as never) as QueryCommand);
    else
      for (const w of input as { command: 'PutItem' | 'UpdateItem'; input: never }[])
        await db.doc.send(make[w.command](w.input) as PutCommand);
    return 'ok';
  };
}

process.on('message', async (job: Job) => {
  try {
    const op = job.kind === 'http' ? httpOp(job) : dynamoOp(job);
    process.send?.({ ok: true, result: await runLoad(op, job.opts) });
  } catch (err) {
    process.send?.({ ok: false, error: String((err as Error).stack ?? err) });
  }
});
process.on('disconnect', () => process.exit(0));
