/** The DynamoDB document client, configured to fail fast so storage trouble becomes a 503. */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config.js';

export interface Db {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  table: string;
}

/** Storage calls in flight at once per client: more than the Node server's burst of concurrent requests. */
export const MAX_SOCKETS = 512;

export function createDb(config: Pick<Config, 'dynamodbEndpoint' | 'region' | 'table'>): Db {
  const local = config.dynamodbEndpoint !== undefined;
  const client = new DynamoDBClient({
    region: config.region,
    maxAttempts: 3,
    ...(local
      ? {
          endpoint: config.dynamodbEndpoint,
          // DynamoDB Local accepts any credentials; these are not secrets.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
    // Generous enough for a loaded machine; a dead endpoint is refused at once anyway. The connection
    // timeout also runs while a call waits for a free socket: with the SDK's 50 sockets, the Node server
    // under a burst answered 503 to calls storage never saw. One Lambda runs one request at a time.
    requestHandler: {
      connectionTimeout: 3000,
      requestTimeout: 10_000,
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    },
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { client, doc, table: config.table };
}
