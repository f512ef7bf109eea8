/** The DynamoDB document client, configured to fail fast so storage trouble becomes a 503. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config.js';

export interface Db {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  table: string;
}

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
    // Generous enough for a loaded machine; a dead endpoint is refused at once anyway.
    requestHandler: { connectionTimeout: 3000, requestTimeout: 10_000 },
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { client, doc, table: config.table };
}
