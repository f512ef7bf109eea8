/** The single-table schema, shared by the local bootstrap, the tests and the CDK stack. */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';

export const TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; items with this attribute in the past are removed by DynamoDB's TTL. */
  ttlAttribute: 'expiresAt',
  stream: 'NEW_AND_OLD_IMAGES',
  /**
   * Generic GSIs: GSI1 = moderation queue by status, GSI2 = author index, GSI3 = site-wide lists. They
   * project keys (GSI2 also `status`, for "has an approved comment" without reading items): a vote, a
   * count or a version bump changes no index entry, so it writes no index unit. Readers of an index
   * read its items from the table (lookup.ts `itemsOf`). GSI4 = the top index (sparse: a page's listed
   * comments with a non-zero score, by score; store/top.ts), added in December 2026 (`since`): a stack
   * deployed before it gets it by an UpdateTable (see README "Upgrades").
   */
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', include: [] },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', include: ['status'] },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', include: [] },
    { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', include: [], since: '2026-12' },
  ],
} as const;

/** An index's projection as DynamoDB takes it: its keys, plus the attributes it includes. */
export function projectionOf(ix: (typeof TABLE_SCHEMA.indexes)[number]) {
  return ix.include.length
    ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...ix.include] }
    : { ProjectionType: 'KEYS_ONLY' as const };
}

export type IndexName = (typeof TABLE_SCHEMA.indexes)[number]['name'];

/** CreateTable input for DynamoDB (Local or AWS): on-demand, the GSIs projecting their keys, stream on. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const attrs = new Set<string>([TABLE_SCHEMA.partitionKey, TABLE_SCHEMA.sortKey]);
  for (const ix of TABLE_SCHEMA.indexes) {
    attrs.add(ix.partitionKey);
    attrs.add(ix.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attrs].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_SCHEMA.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_SCHEMA.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE_SCHEMA.indexes.map((ix) => ({
      IndexName: ix.name,
      KeySchema: [
        { AttributeName: ix.partitionKey, KeyType: 'HASH' },
        { AttributeName: ix.sortKey, KeyType: 'RANGE' },
      ],
      Projection: projectionOf(ix),
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE_SCHEMA.stream },
  };
}

/** Waits (up to some 10 s) until the table and its indexes are active; returns what DynamoDB describes. */
async function untilActive(client: DynamoDBClient, tableName: string) {
  for (let i = 0; ; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const ready =
      Table?.TableStatus === 'ACTIVE' &&
      (Table.GlobalSecondaryIndexes ?? []).every((ix) => ix.IndexStatus === 'ACTIVE');
    if (ready || i >= 100) return Table;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Creates the table if missing and turns TTL on; safe to call on every start. A table made by an older
 * version gets the indexes added since (an UpdateTable each, as CloudFormation does on AWS); DynamoDB
 * fills a new index from the items that already carry its keys.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<{ created: boolean }> {
  let created = false;
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    created = true;
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err;
  }
  const table = await untilActive(client, tableName);
  const have = new Set((table?.GlobalSecondaryIndexes ?? []).map((ix) => ix.IndexName));
  const input = createTableInput(tableName);
  for (const ix of input.GlobalSecondaryIndexes ?? []) {
    if (created || have.has(ix.IndexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: input.AttributeDefinitions?.filter((a) =>
          ix.KeySchema?.some((k) => k.AttributeName === a.AttributeName),
        ),
        GlobalSecondaryIndexUpdates: [{ Create: ix }],
      }),
    );
    await untilActive(client, tableName);
  }
  if (created) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TABLE_SCHEMA.ttlAttribute, Enabled: true },
      }),
    );
  }
  return { created };
}

/** Deletes the table (tests drop the table they made for themselves). */
export async function deleteTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
}
